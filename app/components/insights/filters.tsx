import { Form, Link } from "@remix-run/react";
import { Button, ButtonLink, cx, TextField } from "~/components/ui";
import { FilterSelect } from "~/components/ui/filter-select";

export interface FilterView {
  values: { from: string; to: string; brand: string; agency: string; channel: string };
  options: { brands: Option[]; agencies: Option[]; channels: Option[] };
  presets: { label: string; href: string; current: boolean }[];
  /** Anything besides the default period is set (shows "Reset"). */
  filtered: boolean;
}

interface Option {
  value: string;
  label: string;
}

/**
 * The insights filter: a plain GET form, so it works without JavaScript and the URL is the whole
 * state (bookmark it, share it, open its CSV). A list with a single choice narrows nothing and is
 * left out (a brand lead has one brand, an agency member one agency).
 */
export function InsightsFilters({ view, action }: { view: FilterView; action: string }) {
  const v = view.values;
  return (
    <section
      aria-labelledby="insights-filter-title"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5 print:hidden"
    >
      <h2 id="insights-filter-title" className="sr-only">
        Filter the figures
      </h2>
      <nav aria-label="Period presets" className="mb-4 flex flex-wrap gap-2">
        {view.presets.map((p) => (
          <Link
            key={p.label}
            to={p.href}
            aria-current={p.current ? "true" : undefined}
            className={cx(
              "rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
              p.current ? "bg-accent/10 text-accent ring-accent/30" : "text-ink-soft ring-slate-300 hover:bg-slate-50 hover:text-ink",
            )}
          >
            {p.label}
          </Link>
        ))}
      </nav>
      <Form method="get" action={action} className="grid grid-cols-2 gap-3 lg:grid-cols-6 lg:items-end">
        <TextField label="From" name="from" type="date" defaultValue={v.from} required />
        <TextField label="To" name="to" type="date" defaultValue={v.to} required />
        {view.options.brands.length > 1 ? (
          <div className="col-span-2 sm:col-span-1">
            <FilterSelect label="Brand" name="brand" value={v.brand} any="All brands" options={view.options.brands} />
          </div>
        ) : null}
        {view.options.agencies.length > 1 ? (
          <div className="col-span-2 sm:col-span-1">
            <FilterSelect label="Agency" name="agency" value={v.agency} any="All agencies" options={view.options.agencies} />
          </div>
        ) : null}
        <div className="col-span-2 sm:col-span-1">
          <FilterSelect label="Channel" name="channel" value={v.channel} any="All channels" options={view.options.channels} />
        </div>
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <Button type="submit" variant="secondary" className="flex-1 lg:flex-none">
            Apply
          </Button>
          {view.filtered ? (
            <ButtonLink to={action} variant="ghost">
              Reset
            </ButtonLink>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

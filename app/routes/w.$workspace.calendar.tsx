import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { AlertCircleIcon, AlertTriangleIcon, CalendarIcon, ChevronLeftIcon, ChevronRightIcon } from "~/components/icons";
import { Alert, Button, ButtonLink, Card, EmptyState, Field, PageHeader, buttonClasses, controlClasses, cx } from "~/components/ui";
import { FilterSelect } from "~/components/ui/filter-select";
import { DragLayer } from "~/components/calendar/drag-layer";
import { Peek } from "~/components/calendar/peek";
import { CalendarSettings, type SettingsAnswer } from "~/components/calendar/settings";
import { Legend, ListView, MonthView, WeekView } from "~/components/calendar/views";
import { CalendarContextBar } from "~/components/calendar/context-bar";
import { MarkerList, dayContext } from "~/components/calendar/markers";
import { calendarContext } from "~/modules/calendar/context.server";
import { issueFeed, revokeFeed } from "~/modules/calendar/feeds.server";
import { withParams } from "~/modules/calendar/filters";
import { conflictsPath } from "~/modules/calendar/links";
import { calendarPageData } from "~/modules/calendar/page.server";
import { timeZoneSchema } from "~/modules/calendar/schemas";
import { setTimeZone } from "~/modules/calendar/settings.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, successData } from "~/utils/action-data.server";
import { parseWith, readForm } from "~/utils/http.server";
import { formatCount } from "~/utils/numbers";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Calendar · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const url = new URL(request.url);
  const data = await calendarPageData(ctx, url);
  return json({ ...data, context: await calendarContext(ctx, data, url) });
}

const INTENTS = ["time-zone", "issue-feed", "revoke-feed"] as const;
type Intent = (typeof INTENTS)[number];
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "calendar.view");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  const intent: Intent = which.data.intent;

  if (intent === "time-zone") {
    const parsed = parseWith(timeZoneSchema, form);
    if (!parsed.success) return answer(invalid(undefined, parsed.errors), { intent });
    const zone = parsed.data.timeZone.replace(/_/g, " ");
    return answer(await setTimeZone(ctx, parsed.data), { intent, notice: `Times now show in ${zone}.` });
  }
  if (intent === "issue-feed") {
    const issued = await issueFeed(ctx);
    if (!issued.ok) return answer(issued, { intent });
    const notice = issued.value.replaced ? "New feed URL issued. The old one stopped working." : "Feed URL issued.";
    // The one place the secret URL is ever shown: it rides along with the one action-data shape.
    return json({ ...successData(notice, { intent }), feedUrl: issued.value.url });
  }
  return answer(await revokeFeed(ctx), {
    intent,
    notice: ({ revoked }) => (revoked ? "Feed URL revoked. Calendar apps using it stop updating." : "There was no feed URL to revoke."),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
const VIEW_LABELS = { month: "Month", week: "Week", list: "List" } as const;

function ViewSwitch({ data, search }: { data: Data; search: string }) {
  const targets = {
    month: { view: null, month: data.period.monthParam, week: null },
    week: { view: "week", week: data.period.weekParam, month: null },
    list: { view: "list", month: data.period.monthParam, week: null },
  } as const;
  return (
    <nav aria-label="Calendar view" className="inline-flex rounded-lg bg-slate-100 p-1">
      {(Object.keys(targets) as (keyof typeof targets)[]).map((v) => (
        <Link
          key={v}
          to={withParams(search, targets[v])}
          aria-current={data.view === v ? "page" : undefined}
          className={cx(
            "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
            data.view === v ? "bg-white text-ink shadow-sm" : "text-ink-soft hover:text-ink",
          )}
        >
          {VIEW_LABELS[v]}
        </Link>
      ))}
    </nav>
  );
}

function Filters({ data }: { data: Data }) {
  const submit = useSubmit();
  const o = data.options;
  const keep: Record<string, string> =
    data.view === "week"
      ? { view: "week", week: data.period.weekParam }
      : { view: data.view === "list" ? "list" : "", month: data.period.monthParam };
  return (
    <Form
      method="get"
      aria-label="Filter the calendar"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
      onChange={(event) => submit(event.currentTarget, { preventScrollReset: true, replace: true })}
    >
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <FilterSelect label="Brand" name="brand" value={data.filter.brand} any="All brands" options={o.brands} />
      <FilterSelect label="Agency" name="agency" value={data.filter.agency} any="All agencies" options={o.agencies} minOptions={1} />
      <FilterSelect label="Creator" name="creator" value={data.filter.creator} any="All creators" options={o.creators} minOptions={1} />
      <FilterSelect label="Channel" name="channel" value={data.filter.channel} any="All channels" options={o.channels} />
      <Field label="Status" name="status">
        {(control) => (
          <select {...control} defaultValue={data.filter.status ?? ""} className={cx(controlClasses, "appearance-none")}>
            <option value="">Any status</option>
            {o.statuses.map((g) => (
              <optgroup key={g.group} label={g.group}>
                {g.options.map((s) => (
                  <option key={`${g.group}-${s.value}`} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {data.filtered ? (
          <ButtonLink to={withParams(new URLSearchParams(Object.entries(keep).filter(([, v]) => v)), {})} variant="ghost">
            Clear
          </ButtonLink>
        ) : null}
      </div>
    </Form>
  );
}

function ConflictSummary({ data }: { data: Data }) {
  if (data.badge.open === 0) return null;
  const errors = data.badge.errors;
  const warnings = data.badge.open - errors;
  const parts = [
    errors ? `${formatCount(errors)} ${errors === 1 ? "conflict" : "conflicts"}` : null,
    warnings ? `${formatCount(warnings)} ${warnings === 1 ? "warning" : "warnings"}` : null,
  ].filter(Boolean);
  const brandParam = data.filter.brand ? `?brand=${data.filter.brand}` : "";
  return (
    <div
      data-testid="conflict-badge"
      className={cx(
        "flex flex-wrap items-center gap-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset",
        errors ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200",
      )}
    >
      {errors ? (
        <AlertCircleIcon size={18} className="shrink-0 text-red-600" />
      ) : (
        <AlertTriangleIcon size={18} className="shrink-0 text-amber-600" />
      )}
      <p className="min-w-0 flex-1">
        <span className="font-semibold">{parts.join(" and ")}</span> in this {data.view === "week" ? "week" : "month"}
        {data.filtered ? " (with these filters)" : ""}. Items with a badge clash with something else on the calendar.
      </p>
      {data.canManageConflicts ? (
        <Link to={`${conflictsPath(data.slug)}${brandParam}`} className={buttonClasses("secondary", "sm")}>
          Review conflicts
        </Link>
      ) : null}
    </div>
  );
}

export default function CalendarPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as SettingsAnswer | undefined;
  const location = useLocation();
  const search = location.search;
  const params = new URLSearchParams(search);
  const peekKey = params.get("peek");
  const peekItem = peekKey ? (data.items.find((i) => i.key === peekKey) ?? null) : null;
  const listHref = (date: string) => `${withParams(search, { view: "list", month: date.slice(0, 7), week: null })}#day-${date}`;
  const dayExtras = dayContext(data.context.markers, data.context.overlays);
  const empty = data.items.length === 0;
  const periodNoun = data.view === "week" ? "week" : "month";

  return (
    <div className="space-y-5">
      <PageHeader
        title="Calendar"
        description="Every campaign and deliverable you can see, across brands, agencies and creators, with clashes flagged before they go live."
      />
      {/* The view switch and the views, subscribe and markers menus get a row of their own: beside the
          title they squeezed its description into a narrow column at desktop widths. */}
      <div className="-mt-2 mb-6 flex flex-wrap items-center gap-2">
        <ViewSwitch data={data} search={search} />
        <CalendarContextBar data={data} search={search} answer={answer} />
      </div>

      <Card>
        <Filters data={data} />
      </Card>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Link
            to={withParams(search, data.period.prev)}
            className={buttonClasses("secondary", "sm", "px-2")}
            aria-label={`Previous ${periodNoun}`}
          >
            <ChevronLeftIcon />
          </Link>
          <Link to={withParams(search, data.period.today)} className={buttonClasses("secondary", "sm")}>
            Today
          </Link>
          <Link
            to={withParams(search, data.period.next)}
            className={buttonClasses("secondary", "sm", "px-2")}
            aria-label={`Next ${periodNoun}`}
          >
            <ChevronRightIcon />
          </Link>
          <h2 className="ml-2 text-lg font-semibold text-ink" aria-live="polite">
            {data.period.title}
          </h2>
        </div>
        <p className="text-sm text-ink-muted">Times in {data.timeZone.label}</p>
      </div>

      <ConflictSummary data={data} />
      <Legend brands={data.legend} />

      {empty && data.view === "list" ? (
        <Card>
          <EmptyState
            icon={<CalendarIcon />}
            title={data.filtered ? "Nothing matches these filters" : `Nothing planned this ${periodNoun}`}
            description={
              data.filtered ? "Try fewer filters, or another month." : "Campaigns and deliverables appear here as soon as they are planned."
            }
          />
        </Card>
      ) : data.view === "month" ? (
        <DragLayer slug={data.slug} view="month" canMove={data.canMove}>
          <MonthView
            items={data.items}
            search={search}
            peek={peekKey}
            today={data.today}
            weeks={data.period.weeks}
            listHref={listHref}
            hiddenByDay={data.hiddenByDay}
            droppedCampaignsByWeek={data.droppedCampaignsByWeek}
            dayExtras={dayExtras}
          />
          <p className="text-xs text-ink-muted">
            Tip: Tab into the grid, then use the arrow keys to move between days; Enter opens the day in the list view.
          </p>
        </DragLayer>
      ) : data.view === "week" ? (
        <DragLayer slug={data.slug} view="week" canMove={data.canMove}>
          <WeekView
            items={data.items}
            search={search}
            peek={peekKey}
            today={data.today}
            days={data.period.weeks[0].map((d) => d.date)}
            listHref={listHref}
            hiddenByDay={data.hiddenByDay}
            dayExtras={dayExtras}
          />
        </DragLayer>
      ) : (
        <>
          {data.truncated ? (
            <Alert tone="info">
              Showing the first {data.truncated.shown} of {data.truncated.matched} deliverables this month. Narrow the filters to see the
              rest, or export the CSV, which has them all.
            </Alert>
          ) : null}
          <MarkerList markers={data.context.markers} />
          <ListView days={data.listDays} search={search} peek={peekKey} />
        </>
      )}
      {empty && data.view !== "list" ? (
        <p className="text-sm text-ink-muted">
          {data.filtered ? "Nothing matches these filters in this period." : `Nothing planned this ${periodNoun}.`}
        </p>
      ) : null}

      {peekItem ? (
        <Peek
          item={peekItem}
          closeHref={withParams(search, { peek: null })}
          conflictsHref={data.canManageConflicts ? `${conflictsPath(data.slug)}?brand=${peekItem.brandId}` : null}
        />
      ) : null}

      <CalendarSettings data={data} answer={answer} />
    </div>
  );
}

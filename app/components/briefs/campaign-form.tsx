import { Form, useNavigation } from "@remix-run/react";
import { Button, ButtonLink, FormError, SelectField, TextField, toErrorList } from "~/components/ui";

export interface CampaignFormOptions {
  brands: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  creators: { id: string; name: string; handle: string | null }[];
  coordinators: { id: string; name: string }[];
  channels: { value: string; label: string }[];
}

export interface CampaignFormValues {
  name: string;
  brandId: string;
  leadAgencyId: string;
  agencyIds: string[];
  creatorIds: string[];
  channels: string[];
  startsOn: string;
  endsOn: string;
  coordinatorId: string;
}

function CheckGroup({
  legend,
  name,
  items,
  checked,
  errors,
  hint,
}: {
  legend: string;
  name: string;
  items: { value: string; label: string }[];
  checked: string[];
  errors?: string[];
  hint?: string;
}) {
  const list = toErrorList(errors);
  return (
    <fieldset aria-describedby={list.length ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-ink">{legend}</legend>
      {hint ? <p className="mt-1 text-sm text-ink-muted">{hint}</p> : null}
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {items.map((item) => (
          <label
            key={item.value}
            className="flex min-h-[2.5rem] items-center gap-3 rounded-lg px-3 py-2 text-sm ring-1 ring-inset ring-slate-200 hover:bg-slate-50"
          >
            <input
              type="checkbox"
              name={name}
              value={item.value}
              defaultChecked={checked.includes(item.value)}
              className="h-4 w-4 accent-accent"
            />
            <span className="text-ink">{item.label}</span>
          </label>
        ))}
      </div>
      {list.length ? (
        <p id={`${name}-error`} className="mt-1.5 text-sm text-red-700">
          {list.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The campaign's details and people; the same form creates and edits (plain POST, works without JS). */
export function CampaignForm({
  options,
  values,
  errors,
  formError,
  submitLabel,
  cancelTo,
  hidden,
}: {
  options: CampaignFormOptions;
  values: CampaignFormValues;
  errors: Record<string, string[]>;
  formError?: string | null;
  submitLabel: string;
  cancelTo: string;
  hidden?: Record<string, string>;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="space-y-6" noValidate>
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormError errors={formError ?? undefined} />
      <TextField
        label="Campaign name"
        name="name"
        defaultValue={values.name}
        errors={errors.name}
        required
        maxLength={120}
        autoComplete="off"
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField
          label="Brand"
          name="brandId"
          defaultValue={values.brandId}
          errors={errors.brandId}
          placeholder="Choose a brand"
          options={options.brands.map((b) => ({ value: b.id, label: b.name }))}
          required
        />
        <SelectField
          label="Lead agency"
          name="leadAgencyId"
          defaultValue={values.leadAgencyId}
          errors={errors.leadAgencyId}
          placeholder="Choose the lead agency"
          options={options.agencies.map((a) => ({ value: a.id, label: a.name }))}
          required
        />
      </div>
      <CheckGroup
        legend="Other agencies joining"
        name="agencyIds"
        hint="The lead agency is always on the campaign."
        items={options.agencies.map((a) => ({ value: a.id, label: a.name }))}
        checked={values.agencyIds}
        errors={errors.agencyIds}
      />
      <CheckGroup
        legend="Creators"
        name="creatorIds"
        hint="Assigned creators are asked to acknowledge the brief."
        items={options.creators.map((c) => ({ value: c.id, label: c.handle ? `${c.name} (${c.handle})` : c.name }))}
        checked={values.creatorIds}
        errors={errors.creatorIds}
      />
      <CheckGroup legend="Channels" name="channels" items={options.channels} checked={values.channels} errors={errors.channels} />
      <div className="grid gap-6 sm:grid-cols-2">
        <TextField
          label="Starts on"
          name="startsOn"
          type="date"
          defaultValue={values.startsOn}
          errors={errors.startsOn}
          required
          hint="In the brand's time zone."
        />
        <TextField label="Ends on" name="endsOn" type="date" defaultValue={values.endsOn} errors={errors.endsOn} required />
      </div>
      <SelectField
        label="Coordinator"
        name="coordinatorId"
        defaultValue={values.coordinatorId}
        errors={errors.coordinatorId}
        placeholder="Me"
        options={options.coordinators.map((c) => ({ value: c.id, label: c.name }))}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </Button>
        <ButtonLink to={cancelTo} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </Form>
  );
}

/** Posted values back into the form after a 400, so nothing typed is lost. */
export function valuesFromForm(form: FormData): CampaignFormValues {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.slice(0, 500) : "";
  };
  const many = (k: string) =>
    form
      .getAll(k)
      .filter((v): v is string => typeof v === "string")
      .slice(0, 200);
  return {
    name: one("name"),
    brandId: one("brandId"),
    leadAgencyId: one("leadAgencyId"),
    agencyIds: many("agencyIds"),
    creatorIds: many("creatorIds"),
    channels: many("channels"),
    startsOn: one("startsOn"),
    endsOn: one("endsOn"),
    coordinatorId: one("coordinatorId"),
  };
}

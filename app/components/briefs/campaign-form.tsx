import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { Button, ButtonLink, FormError, SelectField, TextField, toErrorList } from "~/components/ui";
import { campaignFormSchema, type CampaignInput } from "~/modules/campaigns/schemas";
import type { ActionData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";

export interface CampaignFormOptions {
  brands: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  creators: { id: string; name: string; handle: string | null }[];
  coordinators: { id: string; name: string }[];
  channels: { value: string; label: string }[];
}

/** A type, not an interface, so it is a `FormValues` the action can put back. */
export type CampaignFormValues = {
  name: string;
  brandId: string;
  leadAgencyId: string;
  agencyIds: string[];
  creatorIds: string[];
  channels: string[];
  startsOn: string;
  endsOn: string;
  coordinatorId: string;
};

/** The one intent both campaign routes answer with, so the form knows the answer is its own. */
export const CAMPAIGN_FORM = "campaign";

type Answer = Pick<ActionData<string, Record<string, string | string[]>>, "ok" | "intent" | "errors" | "formError" | "values"> | undefined;

/** A checkbox group's put-back value: conform gives one string when one box was ticked. */
const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
const textOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

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

/**
 * The campaign's details and people; the same form creates and edits. conform with the action's zod
 * schema (checked in the browser first, the server's answer shown the same way); a plain POST, so it
 * works without JS, and what was typed comes back from the server's `values`.
 */
export function CampaignForm({
  options,
  values,
  result,
  submitLabel,
  cancelTo,
  hidden,
}: {
  options: CampaignFormOptions;
  values: CampaignFormValues;
  result: Answer;
  submitLabel: string;
  cancelTo: string;
  hidden?: Record<string, string>;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<CampaignFormValues, CampaignInput>({
    id: CAMPAIGN_FORM,
    lastResult: conformResult(result, CAMPAIGN_FORM),
    defaultValue: values,
    constraint: getZodConstraint(campaignFormSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignFormSchema }),
  });
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormError errors={form.errors} />
      <TextField
        label="Campaign name"
        name={fields.name.name}
        defaultValue={textOf(fields.name.initialValue)}
        errors={fields.name.errors}
        required
        maxLength={120}
        autoComplete="off"
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField
          label="Brand"
          name={fields.brandId.name}
          defaultValue={textOf(fields.brandId.initialValue)}
          errors={fields.brandId.errors}
          placeholder="Choose a brand"
          options={options.brands.map((b) => ({ value: b.id, label: b.name }))}
          required
        />
        <SelectField
          label="Lead agency"
          name={fields.leadAgencyId.name}
          defaultValue={textOf(fields.leadAgencyId.initialValue)}
          errors={fields.leadAgencyId.errors}
          placeholder="Choose the lead agency"
          options={options.agencies.map((a) => ({ value: a.id, label: a.name }))}
          required
        />
      </div>
      <CheckGroup
        legend="Other agencies joining"
        name={fields.agencyIds.name}
        hint="The lead agency is always on the campaign."
        items={options.agencies.map((a) => ({ value: a.id, label: a.name }))}
        checked={listOf(fields.agencyIds.initialValue)}
        errors={Object.values(fields.agencyIds.allErrors).flat()}
      />
      <CheckGroup
        legend="Creators"
        name={fields.creatorIds.name}
        hint="Assigned creators are asked to acknowledge the brief."
        items={options.creators.map((c) => ({ value: c.id, label: c.handle ? `${c.name} (${c.handle})` : c.name }))}
        checked={listOf(fields.creatorIds.initialValue)}
        errors={Object.values(fields.creatorIds.allErrors).flat()}
      />
      <CheckGroup
        legend="Channels"
        name={fields.channels.name}
        items={options.channels}
        checked={listOf(fields.channels.initialValue)}
        errors={Object.values(fields.channels.allErrors).flat()}
      />
      <div className="grid gap-6 sm:grid-cols-2">
        <TextField
          label="Starts on"
          name={fields.startsOn.name}
          type="date"
          defaultValue={textOf(fields.startsOn.initialValue)}
          errors={fields.startsOn.errors}
          required
          hint="In the brand's time zone."
        />
        <TextField
          label="Ends on"
          name={fields.endsOn.name}
          type="date"
          defaultValue={textOf(fields.endsOn.initialValue)}
          errors={fields.endsOn.errors}
          required
        />
      </div>
      <SelectField
        label="Coordinator"
        name={fields.coordinatorId.name}
        defaultValue={textOf(fields.coordinatorId.initialValue)}
        errors={fields.coordinatorId.errors}
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

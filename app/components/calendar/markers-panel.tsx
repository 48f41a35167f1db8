import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { SparklesIcon } from "~/components/icons";
import { Button, Card, EmptyState, FormError, SelectField, TextAreaField, TextField } from "~/components/ui";
import { markerSchema } from "~/modules/calendar/context-schemas";
import type { ActionData } from "~/utils/action-data.server";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { MarkerList, type MarkerView } from "./markers";

export type MarkersAnswer = ActionData;

interface MarkersData {
  markers: MarkerView[];
  brands: { value: string; label: string }[];
  timeZone: string;
}

const KINDS = [
  { value: "launch", label: "Launch" },
  { value: "embargo", label: "Embargo" },
  { value: "note", label: "Note" },
];

/** The markers page: add one (a brand's, or the whole workspace's for the team), and remove those you may. */
export function MarkersPanel({ data, answer }: { data: MarkersData & { canWholeWorkspace?: boolean }; answer: MarkersAnswer | undefined }) {
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formData?.get("intent") === "add";
  const deleting = nav.state !== "idle" && nav.formData?.get("intent") === "delete" ? String(nav.formData.get("markerId")) : null;
  const mine = answer?.intent === "add" ? answer : undefined;
  const [form, fields] = useActionForm({ id: "add-marker", intent: "add", schema: markerSchema, answer: mine });
  const brandOptions = [{ value: "", label: "Whole workspace" }, ...data.brands];
  const initial = (name: keyof typeof fields) => (typeof fields[name].initialValue === "string" ? fields[name].initialValue : undefined);
  const removed = answer?.intent === "delete" ? answer : undefined;
  return (
    <div className="space-y-6">
      <Card title="Add a marker" description={`Times in ${data.timeZone}.`}>
        <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <SelectField
            label="Kind"
            name={fields.kind.name}
            options={KINDS}
            defaultValue={initial("kind") ?? "launch"}
            errors={fields.kind.errors}
          />
          <SelectField
            label="For"
            name={fields.brandId.name}
            options={brandOptions}
            defaultValue={initial("brandId") ?? data.brands[0]?.value ?? ""}
            errors={fields.brandId.errors}
            hint="A brand's marker shows only to people who see that brand."
          />
          <TextField label="Title" required maxLength={120} className="sm:col-span-2" {...textFieldProps(fields.title)} />
          <TextField label="Starts" type="datetime-local" required {...textFieldProps(fields.startsAt)} />
          <TextField
            label="Ends (optional)"
            type="datetime-local"
            hint="An embargo or a multi-day note ends; a launch is a moment."
            {...textFieldProps(fields.endsAt)}
          />
          <TextAreaField label="Note (optional)" rows={2} maxLength={500} className="sm:col-span-2" {...textFieldProps(fields.note)} />
          <div className="sm:col-span-2">
            <FormError errors={form.errors} />
            <Button type="submit" disabled={busy}>
              {busy ? "Adding…" : "Add marker"}
            </Button>
            <p aria-live="polite" className="mt-2 text-sm text-emerald-700">
              {mine?.ok ? mine.notice : ""}
            </p>
          </div>
        </Form>
      </Card>
      <div aria-live="polite" className="text-sm">
        {removed?.ok ? <p className="text-emerald-700">{removed.notice}</p> : null}
        {removed && !removed.ok ? <p className="text-red-700">{removed.formError}</p> : null}
      </div>
      {data.markers.length === 0 ? (
        <Card>
          <EmptyState
            icon={<SparklesIcon />}
            title="No markers yet"
            description="Markers you add appear on the month, week and list views."
          />
        </Card>
      ) : (
        <div className="space-y-3">
          <MarkerList markers={data.markers} title="Markers you can change" />
          <ul className="flex flex-wrap gap-2" aria-label="Remove a marker">
            {data.markers.map((m) => (
              <li key={m.id}>
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="markerId" value={m.id} />
                  <Button type="submit" variant="secondary" size="sm" disabled={deleting === m.id}>
                    Remove<span className="sr-only"> marker</span> “{m.title}”
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

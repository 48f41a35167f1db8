import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { Button, Card, CardSection, FormError, SelectField } from "~/components/ui";
import { timeZoneSchema } from "~/modules/calendar/schemas";
import type { ActionData } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";

/** The calendar action's answer: the one action-data shape, plus the feed URL right after issuing one. */
export type SettingsAnswer = ActionData & { feedUrl?: string | null };

export interface SettingsData {
  timeZone: { label: string; current: string; options: { value: string; label: string }[] };
  feed: { since: string } | null;
}

/** The viewer's own calendar settings: the time zone (conform, same schema as the action). The feed sits in "Subscribe and export". */
export function CalendarSettings({ data, answer }: { data: SettingsData; answer: SettingsAnswer | undefined }) {
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  const own = (intent: string) => (answer?.intent === intent ? answer : undefined);
  const tz = own("time-zone");
  const [tzForm, tzFields] = useForm({
    id: "time-zone",
    lastResult: conformResult(answer, "time-zone"),
    defaultValue: { timeZone: data.timeZone.current },
    constraint: getZodConstraint(timeZoneSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: timeZoneSchema }),
  });
  return (
    <Card title="Your calendar settings" description="Only you see these. They apply to every page and email that shows a time.">
      <div className="-mx-4 -my-5 sm:-mx-6">
        <CardSection
          title="Time zone"
          description={`Times on this calendar are shown in ${data.timeZone.label}. Days follow your zone, including on daylight-saving changes.`}
        >
          <Form method="post" preventScrollReset className="flex flex-col gap-3 sm:flex-row sm:items-end" {...getFormProps(tzForm)}>
            <input type="hidden" name="intent" value="time-zone" />
            <SelectField
              label="Show times in"
              name={tzFields.timeZone.name}
              defaultValue={tzFields.timeZone.initialValue ?? data.timeZone.current}
              options={data.timeZone.options}
              errors={tzFields.timeZone.errors}
              className="sm:w-96"
            />
            <Button type="submit" variant="secondary" disabled={busy("time-zone")}>
              {busy("time-zone") ? "Saving…" : "Save time zone"}
            </Button>
          </Form>
          <div aria-live="polite" className="mt-2 text-sm">
            {tz?.ok ? <p className="text-emerald-700">{tz.notice}</p> : null}
            <FormError errors={tzForm.errors} />
          </div>
        </CardSection>
      </div>
    </Card>
  );
}

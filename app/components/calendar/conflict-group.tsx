import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { CSSProperties } from "react";
import { Button, FormError, TextAreaField } from "~/components/ui";
import type { BrandGroup, RuleGroup } from "~/modules/calendar/conflicts-page.server";
import { acknowledgeGroupSchema } from "~/modules/calendar/schemas";
import { brandRulesPath } from "~/modules/calendar/links";
import { textFieldProps, useActionForm } from "~/utils/conform";
import { ConflictCard, type Answer } from "./conflict-card";

// One rule's conflicts on the conflicts page, one collapsible group per brand (<details>: works
// without JavaScript, opens with Enter or Space), each with "Acknowledge all N with one note".

const groupTarget = (code: string, brandId: string) => `${code}:${brandId}`;

function GroupAcknowledgeForm({
  rule,
  group,
  answer,
  busy,
}: {
  rule: RuleGroup;
  group: BrandGroup;
  answer: Answer | undefined;
  busy: boolean;
}) {
  const target = groupTarget(rule.code, group.brandId);
  const mine = answer?.intent === "acknowledge-group" && answer.target === target ? answer : undefined;
  const [form, fields] = useActionForm({
    id: `ack-group-${target}`,
    intent: "acknowledge-group",
    schema: acknowledgeGroupSchema,
    answer: mine,
  });
  return (
    <Form
      method="post"
      preventScrollReset
      className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200"
      {...getFormProps(form)}
    >
      <input type="hidden" name="intent" value="acknowledge-group" />
      <input type="hidden" name={fields.code.name} value={rule.code} />
      <input type="hidden" name={fields.brandId.name} value={group.brandId} />
      <input type="hidden" name={fields.count.name} value={group.openTotal} />
      <TextAreaField
        label={`Why all ${group.openTotal} are fine`}
        rows={2}
        required
        {...textFieldProps(fields.note)}
        hint="One note for the whole group: each conflict is acknowledged with it, under your name in the audit trail."
      />
      {fields.note.errors ? null : <FormError errors={form.errors} />}
      <Button type="submit" size="sm" variant="secondary" disabled={busy}>
        Acknowledge all {group.openTotal} with one note
      </Button>
    </Form>
  );
}

export function RuleSection({
  rule,
  slug,
  answer,
  busyKey,
}: {
  rule: RuleGroup;
  slug: string;
  answer: Answer | undefined;
  busyKey: string | null;
}) {
  const headingId = `rule-${rule.code}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h2 id={headingId} className="text-lg font-semibold text-ink">
          {rule.title}{" "}
          <span className="font-normal text-ink-muted">
            ({rule.open} open{rule.settled ? `, ${rule.settled} settled` : ""})
          </span>
        </h2>
        <p className="text-sm text-ink-muted">{rule.description}</p>
      </div>
      {rule.brands.map((group) => {
        const target = groupTarget(rule.code, group.brandId);
        const answered = answer?.target === target || group.open.some((r) => answer?.target === r.key);
        return (
          <details
            key={group.brandId}
            data-group={target}
            open={group.openTotal > 0 && (answered || rule.brands.length <= 3)}
            className="rounded-lg bg-white ring-1 ring-slate-200"
          >
            <summary className="flex min-h-[2.75rem] cursor-pointer flex-wrap items-center gap-2 px-4 py-2 font-medium text-ink focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent">
              <span className="h-3 w-3 rounded-sm" style={{ backgroundColor: group.color } as CSSProperties} aria-hidden="true" />
              {group.brandName}
              <span className="text-sm font-normal text-ink-muted">
                {group.openTotal} open{group.settledTotal ? `, ${group.settledTotal} acknowledged or waived` : ""}
              </span>
            </summary>
            <div className="space-y-4 border-t border-slate-200 p-3 sm:p-4">
              <p className="text-sm">
                <Link to={brandRulesPath(slug, group.brandId)} className="font-medium text-accent hover:underline">
                  {group.brandName}'s spacing, exclusivity and blackouts
                </Link>
              </p>
              {group.openTotal > 1 ? <GroupAcknowledgeForm rule={rule} group={group} answer={answer} busy={busyKey === target} /> : null}
              {group.openTotal > group.open.length ? (
                <p className="text-sm text-ink-muted">
                  Showing the {group.open.length} soonest of {group.openTotal}.
                </p>
              ) : null}
              {group.open.length > 0 ? (
                <ul className="space-y-3" aria-label={`${group.brandName}: open`}>
                  {group.open.map((row) => (
                    <ConflictCard key={row.key} row={row} answer={answer} busyKey={busyKey} />
                  ))}
                </ul>
              ) : null}
              {group.settled.length > 0 ? (
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-ink">Acknowledged or waived ({group.settledTotal})</h3>
                  <ul className="space-y-3" aria-label={`${group.brandName}: acknowledged or waived`}>
                    {group.settled.map((row) => (
                      <ConflictCard key={row.key} row={row} answer={answer} busyKey={busyKey} />
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          </details>
        );
      })}
    </section>
  );
}

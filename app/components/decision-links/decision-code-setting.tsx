import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Button, Card, FormError } from "~/components/ui";
import { CODE_DIGITS, CODE_MAX_TRIES, CODE_TTL_MINUTES } from "~/modules/approvals/decision-links/code-rules";
import { decisionCodeSettingSchema } from "~/modules/approvals/decision-links/schemas";
import { useActionForm } from "~/utils/conform";

type Answer = Parameters<typeof useActionForm>[0]["answer"];

const OPTIONS = [
  { value: "off", label: "No code", hint: "Opening the link from the email is enough (the default)." },
  {
    value: "on",
    label: "Ask for a one-time code",
    hint: `Before a decision counts, a ${CODE_DIGITS}-digit code is emailed to the same address: it works for ${CODE_TTL_MINUTES} minutes and ${CODE_MAX_TRIES} tries.`,
  },
] as const;

/** The brand rules page's card for decision links: whether a decision through one needs a one-time code. */
export function DecisionCodeCard({ required, answer, busy }: { required: boolean; answer: Answer; busy: boolean }) {
  const [form, fields] = useActionForm({
    id: "decision-code",
    intent: "decision-code",
    schema: decisionCodeSettingSchema,
    answer,
    defaultValue: { requireDecisionCode: required ? "on" : "off" },
  });
  const chosen =
    typeof fields.requireDecisionCode.initialValue === "string" ? fields.requireDecisionCode.initialValue : required ? "on" : "off";
  return (
    <Card
      title="Decision links"
      description="Approval emails carry a personal link with which each approver decides without signing in. For extra certainty, the brand can ask for a code sent to the same address."
    >
      <Form method="post" preventScrollReset className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="decision-code" />
        <FormError errors={form.errors} />
        <fieldset>
          <legend className="text-sm font-semibold text-ink">Before a decision through a link counts</legend>
          <div className="mt-3 space-y-3">
            {OPTIONS.map((option) => (
              <label key={option.value} className="flex items-start gap-3 text-sm">
                <input
                  type="radio"
                  name={fields.requireDecisionCode.name}
                  value={option.value}
                  defaultChecked={chosen === option.value}
                  className="mt-0.5 h-4 w-4 border-slate-300 text-accent focus:ring-accent"
                />
                <span>
                  <span className="font-medium text-ink">{option.label}</span>
                  <span className="block text-ink-muted">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {fields.requireDecisionCode.errors ? <FormError errors={fields.requireDecisionCode.errors} /> : null}
        </fieldset>
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </Button>
      </Form>
    </Card>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { Badge, Button, Card, CardSection, CheckboxField, TextField } from "~/components/ui";
import { formatDayTime } from "~/components/onboarding/branded-frame";
import type { LinkAnswers, LinkIntake, LinkState } from "~/modules/onboarding/link-model";
import { questionnaireQuestions } from "~/modules/onboarding/questionnaire";
import { reissueSchema } from "~/modules/onboarding/schemas";
import { conformResult } from "~/utils/conform";

/** What the link page's action answers: a notice or an error, for one intent (and step), plus a re-issued link's url. */
export type LinkPageResult = {
  ok: boolean;
  intent: string | null;
  errors: Record<string, string[]>;
  formError: string | null;
  target: string | null;
  notice: string | null;
  values: Record<string, string>;
  url?: string | null;
};

/** The intake answers so far: contacts, questionnaire, brand kit, signed agreement. */
export function ClientAnswersCard({
  slug,
  intake,
  answers,
  link,
}: {
  slug: string;
  intake: LinkIntake;
  answers: LinkAnswers;
  link: { agreementName: string | null; agreementAt: string | null; agreementIp: string | null };
}) {
  return (
    <Card title="What the client told us">
      <dl className="space-y-3 text-sm">
        {intake.contacts ? (
          <div>
            <dt className="font-medium text-ink">Contacts</dt>
            <dd className="text-ink-soft">
              {answers.contacts.contactName
                ? `${answers.contacts.contactName} <${answers.contacts.contactEmail}>${answers.contacts.contactRole ? `, ${answers.contacts.contactRole}` : ""}`
                : "Not yet"}
              {answers.contacts.approverName ? (
                <>
                  <br />
                  Approver: {answers.contacts.approverName} &lt;{answers.contacts.approverEmail}&gt;
                  {answers.approverInvitationId ? " (invited as brand lead)" : ""}
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {intake.questionnaire
          ? questionnaireQuestions.map((q) => (
              <div key={q.key}>
                <dt className="font-medium text-ink">{q.label}</dt>
                <dd className="whitespace-pre-line text-ink-soft">{answers.questionnaire[q.key] || "Not yet"}</dd>
              </div>
            ))
          : null}
        {intake.brandKit ? (
          <div>
            <dt className="font-medium text-ink">Brand kit</dt>
            <dd className="text-ink-soft">{answers.brandKit.note || (answers.brandKit.files.length ? "" : "Not yet")}</dd>
            {answers.brandKit.files.map((f) => (
              <dd key={f.id}>
                <a className="text-accent underline" href={`/w/${slug}/files/${f.id}`}>
                  {f.name}
                </a>
              </dd>
            ))}
          </div>
        ) : null}
        {intake.agreement ? (
          <div>
            <dt className="font-medium text-ink">Agreement</dt>
            <dd className="text-ink-soft">
              {link.agreementAt
                ? `Signed by ${link.agreementName} on ${formatDayTime(link.agreementAt)} from ${link.agreementIp ?? "an unknown address"}`
                : "Not signed yet"}
            </dd>
          </div>
        ) : null}
        {!intake.contacts && !intake.questionnaire && !intake.brandKit && !intake.agreement ? (
          <p className="text-ink-muted">This link has no intake steps.</p>
        ) : null}
      </dl>
    </Card>
  );
}

export interface ForwardView {
  id: string;
  stepName: string;
  email: string;
  name: string | null;
  createdAt: string;
  revoked: boolean;
}

/**
 * Steps the client handed to a colleague, and whether that forward still works. The links a
 * rejection emailed (to the client or that colleague) are listed apart: the client forwarded nothing.
 */
export function ForwardedStepsCard({ forwards, fixLinks }: { forwards: ForwardView[]; fixLinks: ForwardView[] }) {
  return (
    <div className="space-y-6">
      <Card title="Forwarded steps">
        {forwards.length === 0 ? <p className="text-sm text-ink-muted">No step was forwarded.</p> : <ForwardList items={forwards} />}
      </Card>
      {fixLinks.length > 0 ? (
        <Card title="Fix links sent" description="Emailed after you rejected a step, to whoever must fix it.">
          <ForwardList items={fixLinks} />
        </Card>
      ) : null}
    </div>
  );
}

function ForwardList({ items }: { items: ForwardView[] }) {
  return (
    <ul className="space-y-2 text-sm">
      {items.map((f) => (
        <li key={f.id} className="break-words text-ink-soft">
          {f.stepName} → {f.name ? `${f.name} ` : ""}&lt;{f.email}&gt; · {formatDayTime(f.createdAt)}{" "}
          {f.revoked ? <Badge>ended</Badge> : null}
        </li>
      ))}
    </ul>
  );
}

/** Re-issue (a new address, progress kept) and revoke. */
export function ManageLinkCard({
  here,
  result,
  clientEmail,
  state,
}: {
  here: string;
  result: LinkPageResult | undefined;
  clientEmail: string | null;
  state: LinkState;
}) {
  // conform with the action's `reissueSchema`; a refusal that names no field shows at the top of the page.
  const [form, fields] = useForm({
    id: "reissue",
    lastResult: conformResult(result, "reissue"),
    constraint: getZodConstraint(reissueSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reissueSchema }),
  });
  return (
    <Card title="Manage the link">
      <div className="grid gap-6 md:grid-cols-2">
        <Form method="post" action={here} className="space-y-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="reissue" />
          <h3 className="text-sm font-semibold text-ink">Re-issue</h3>
          <p className="text-sm text-ink-muted">
            A new address for the same onboarding: the old one stops working and says so. Progress is kept.
          </p>
          <TextField
            label="New link works for (days)"
            name={fields.expiresInDays.name}
            type="number"
            min={1}
            max={90}
            defaultValue="30"
            errors={fields.expiresInDays.errors}
          />
          {clientEmail ? (
            <CheckboxField
              label={`Email it to ${clientEmail}`}
              name={fields.sendEmail.name}
              errors={fields.sendEmail.errors}
              defaultChecked
            />
          ) : null}
          <Button type="submit" variant="secondary">
            Re-issue the link
          </Button>
        </Form>
        {state !== "revoked" ? (
          <Form method="post" action={here} className="space-y-3">
            <input type="hidden" name="intent" value="revoke-link" />
            <h3 className="text-sm font-semibold text-ink">Revoke</h3>
            <p className="text-sm text-ink-muted">The link and every forwarded step stop working now. The client sees whom to contact.</p>
            <Button type="submit" variant="danger">
              Revoke the link
            </Button>
          </Form>
        ) : (
          <p className="text-sm text-ink-muted">This link is revoked. Re-issue it to give the client a working address again.</p>
        )}
      </div>
      <CardSection className="-mx-4 mt-5 -mb-5 sm:-mx-6">
        <p className="text-xs text-ink-muted">Every decision here is recorded in the audit trail with who and when.</p>
      </CardSection>
    </Card>
  );
}

import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("agency");
  return (
    <Card title={t("answers.title")}>
      <dl className="space-y-3 text-sm">
        {intake.contacts ? (
          <div>
            <dt className="font-medium text-ink">{t("answers.contacts")}</dt>
            <dd className="text-ink-soft">
              {answers.contacts.contactName
                ? `${answers.contacts.contactName} <${answers.contacts.contactEmail}>${answers.contacts.contactRole ? `, ${answers.contacts.contactRole}` : ""}`
                : t("answers.notYet")}
              {answers.contacts.approverName ? (
                <>
                  <br />
                  {t(answers.approverInvitationId ? "answers.approverInvited" : "answers.approver", {
                    name: answers.contacts.approverName,
                    email: answers.contacts.approverEmail,
                  })}
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {intake.questionnaire
          ? questionnaireQuestions.map((q) => (
              <div key={q.key}>
                <dt className="font-medium text-ink">{q.label}</dt>
                <dd className="whitespace-pre-line text-ink-soft">{answers.questionnaire[q.key] || t("answers.notYet")}</dd>
              </div>
            ))
          : null}
        {intake.brandKit ? (
          <div>
            <dt className="font-medium text-ink">{t("answers.brandKit")}</dt>
            <dd className="text-ink-soft">{answers.brandKit.note || (answers.brandKit.files.length ? "" : t("answers.notYet"))}</dd>
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
            <dt className="font-medium text-ink">{t("answers.agreement")}</dt>
            <dd className="text-ink-soft">
              {link.agreementAt
                ? t("answers.signed", {
                    name: link.agreementName,
                    when: formatDayTime(link.agreementAt),
                    ip: link.agreementIp ?? t("answers.unknownAddress"),
                  })
                : t("answers.notSigned")}
            </dd>
          </div>
        ) : null}
        {!intake.contacts && !intake.questionnaire && !intake.brandKit && !intake.agreement ? (
          <p className="text-ink-muted">{t("answers.noIntake")}</p>
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
  const { t } = useTranslation("agency");
  return (
    <div className="space-y-6">
      <Card title={t("forwards.title")}>
        {forwards.length === 0 ? <p className="text-sm text-ink-muted">{t("forwards.none")}</p> : <ForwardList items={forwards} />}
      </Card>
      {fixLinks.length > 0 ? (
        <Card title={t("forwards.fixTitle")} description={t("forwards.fixBody")}>
          <ForwardList items={fixLinks} />
        </Card>
      ) : null}
    </div>
  );
}

function ForwardList({ items }: { items: ForwardView[] }) {
  const { t } = useTranslation("agency");
  return (
    <ul className="space-y-2 text-sm">
      {items.map((f) => (
        <li key={f.id} className="break-words text-ink-soft">
          {f.stepName} → {f.name ? `${f.name} ` : ""}&lt;{f.email}&gt; · {formatDayTime(f.createdAt)}{" "}
          {f.revoked ? <Badge>{t("forwards.ended")}</Badge> : null}
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
  const { t } = useTranslation("agency");
  return (
    <Card title={t("manage.title")}>
      <div className="grid gap-6 md:grid-cols-2">
        <Form method="post" action={here} className="space-y-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="reissue" />
          <h3 className="text-sm font-semibold text-ink">{t("manage.reissue")}</h3>
          <p className="text-sm text-ink-muted">{t("manage.reissueBody")}</p>
          <TextField
            label={t("manage.days")}
            name={fields.expiresInDays.name}
            type="number"
            min={1}
            max={90}
            defaultValue="30"
            errors={fields.expiresInDays.errors}
          />
          {clientEmail ? (
            <CheckboxField
              label={t("manage.emailIt", { email: clientEmail })}
              name={fields.sendEmail.name}
              errors={fields.sendEmail.errors}
              defaultChecked
            />
          ) : null}
          <Button type="submit" variant="secondary">
            {t("manage.reissueButton")}
          </Button>
        </Form>
        {state !== "revoked" ? (
          <Form method="post" action={here} className="space-y-3">
            <input type="hidden" name="intent" value="revoke-link" />
            <h3 className="text-sm font-semibold text-ink">{t("manage.revoke")}</h3>
            <p className="text-sm text-ink-muted">{t("manage.revokeBody")}</p>
            <Button type="submit" variant="danger">
              {t("manage.revokeButton")}
            </Button>
          </Form>
        ) : (
          <p className="text-sm text-ink-muted">{t("manage.revoked")}</p>
        )}
      </div>
      <CardSection className="-mx-4 mt-5 -mb-5 sm:-mx-6">
        <p className="text-xs text-ink-muted">{t("manage.audited")}</p>
      </CardSection>
    </Card>
  );
}

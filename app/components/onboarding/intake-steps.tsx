import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useLocaleFormat } from "~/components/i18n";
import { Alert, Badge, Button, CheckboxField, TextAreaField, TextField } from "~/components/ui";
import type { BrandKitFile } from "~/modules/onboarding/link-model";
import { questionnaireQuestions } from "~/modules/onboarding/questionnaire";
import { MAX_FILES_PER_UPLOAD } from "~/modules/onboarding/schemas";
import { ACCEPTED_NAMES } from "~/modules/uploads/file-types";
import { LiveError, SaveStatus } from "./client-script";
import { StepNumber } from "./step-number";
import type { ClientFailure } from "./platform-step";

/** The intake steps of the client's page: contacts and approvers, questionnaire, brand kit, agreement, in the link's language (decision 060). */

function IntakeCard({
  id,
  number,
  title,
  description,
  done,
  thanks,
  children,
}: {
  id: string;
  number: number;
  title: string;
  description: string;
  done: boolean;
  /** Said right after a save of this section ("Contacts saved. Thank you."); null otherwise. */
  thanks: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation("client");
  const headingId = `${id}-title`;
  return (
    <section id={id} aria-labelledby={headingId} className="scroll-mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="flex min-w-0 items-start gap-3">
          <StepNumber number={number} done={done} />
          <div className="min-w-0">
            <h3 id={headingId} className="text-base font-semibold text-ink">
              {title}
            </h3>
            <p className="mt-0.5 text-sm text-ink-muted">{description}</p>
          </div>
        </div>
        <div className="pl-10 sm:pl-0">
          {done ? (
            <Badge tone="success" dot>
              {t("intake.done")}
            </Badge>
          ) : (
            <Badge dot>{t("intake.todo")}</Badge>
          )}
        </div>
      </div>
      <div className="space-y-4 px-4 py-5 sm:px-6">
        {thanks ? (
          <Alert tone="success" role="status">
            {thanks}
          </Alert>
        ) : null}
        {children}
      </div>
    </section>
  );
}

/** Autosave status beside the explicit save button ("Save changes" once the step is done). */
function SaveBar({ done, label }: { done: boolean; label: string }) {
  const { t } = useTranslation("client");
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
      <SaveStatus />
      <Button type="submit" variant={done ? "secondary" : "primary"} className="w-full sm:w-auto">
        {done ? t("intake.saveChanges") : label}
      </Button>
    </div>
  );
}

/** A section's form that saves as the client types (and on its button), marked complete when sent; its refusal is said above the fields. */
function AutosaveForm({
  intent,
  failure,
  done,
  saveLabel,
  children,
}: {
  intent: string;
  failure: ClientFailure | null;
  done: boolean;
  saveLabel: string;
  children: ReactNode;
}) {
  return (
    <form method="post" noValidate data-autosave={intent} className="space-y-4">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="complete" value="1" />
      <FormAlert failure={failure} />
      {children}
      <SaveBar done={done} label={saveLabel} />
    </form>
  );
}

/** What every intake step is given: its saved answers, its number on the page, the refusal of its last post, and whether it was just saved. */
interface IntakeStepProps<D> {
  data: D;
  number: number;
  failure?: ClientFailure | null;
  saved: boolean;
}

function failureFor(failure: ClientFailure | null | undefined, intent: string) {
  return failure && failure.intent === intent ? failure : null;
}

function FormAlert({ failure }: { failure: ClientFailure | null }) {
  return failure ? (
    <Alert tone="danger" role="alert">
      {failure.formError}
    </Alert>
  ) : null;
}

export interface ContactsData {
  contactName: string;
  contactEmail: string;
  contactRole: string;
  approverName: string;
  approverEmail: string;
  otherContacts: string;
  done: boolean;
}

export function ContactsStep({ data, number, failure, saved }: IntakeStepProps<ContactsData>) {
  const { t } = useTranslation("client");
  const f = failureFor(failure, "contacts");
  const v = (k: keyof Omit<ContactsData, "done">) => f?.values[k] ?? data[k];
  const field = (
    name: keyof Omit<ContactsData, "done">,
    label: string,
    extra: { type?: string; hint?: string; required?: boolean; autoComplete?: string } = {},
  ) => (
    <div>
      <TextField
        label={label}
        name={name}
        type={extra.type}
        hint={extra.hint}
        required={extra.required}
        autoComplete={extra.autoComplete ?? "off"}
        defaultValue={v(name)}
        errors={f?.errors[name]}
      />
      {f?.errors[name] ? null : <LiveError field={name} />}
    </div>
  );
  return (
    <IntakeCard
      id="section-contacts"
      number={number}
      title={t("intake.contacts.title")}
      description={t("intake.contacts.description")}
      done={data.done}
      thanks={saved ? t("intake.contacts.saved") : null}
    >
      <AutosaveForm intent="contacts" failure={f} done={data.done} saveLabel={t("intake.contacts.save")}>
        <div className="grid gap-4 sm:grid-cols-2">
          {field("contactName", t("intake.contacts.contactName"), { required: true, autoComplete: "name" })}
          {field("contactEmail", t("intake.contacts.contactEmail"), { type: "email", required: true, autoComplete: "email" })}
          {field("contactRole", t("intake.contacts.contactRole"), { hint: t("intake.contacts.contactRoleHint") })}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {field("approverName", t("intake.contacts.approverName"), { required: true, hint: t("intake.contacts.approverNameHint") })}
          {field("approverEmail", t("intake.contacts.approverEmail"), { type: "email", required: true })}
        </div>
        <div>
          <TextAreaField
            label={t("intake.contacts.otherContacts")}
            name="otherContacts"
            rows={2}
            defaultValue={v("otherContacts")}
            errors={f?.errors.otherContacts}
          />
          {f?.errors.otherContacts ? null : <LiveError field="otherContacts" />}
        </div>
      </AutosaveForm>
    </IntakeCard>
  );
}

export type QuestionnaireData = Partial<Record<(typeof questionnaireQuestions)[number]["key"], string>> & { done: boolean };

export function QuestionnaireStep({ data, number, failure, saved }: IntakeStepProps<QuestionnaireData>) {
  const { t } = useTranslation("client");
  const f = failureFor(failure, "questionnaire");
  return (
    <IntakeCard
      id="section-questionnaire"
      number={number}
      title={t("intake.questionnaire.title")}
      description={t("intake.questionnaire.description")}
      done={data.done}
      thanks={saved ? t("intake.questionnaire.saved") : null}
    >
      <AutosaveForm intent="questionnaire" failure={f} done={data.done} saveLabel={t("intake.questionnaire.save")}>
        {questionnaireQuestions.map((q) => {
          // The built-in questions in the client's language (English: questionnaire.ts is the source).
          const label = t(`intake.questionnaire.questions.${q.key}.label`);
          const props = {
            label: q.required ? label : t("intake.optional", { label }),
            name: q.key,
            hint: t(`intake.questionnaire.questions.${q.key}.help`),
            required: q.required,
            maxLength: q.maxLength,
            defaultValue: f?.values[q.key] ?? data[q.key] ?? "",
            errors: f?.errors[q.key],
          };
          return (
            <div key={q.key}>
              {q.multiline ? <TextAreaField {...props} rows={3} /> : <TextField {...props} autoComplete="off" />}
              {f?.errors[q.key] ? null : <LiveError field={q.key} />}
            </div>
          );
        })}
      </AutosaveForm>
    </IntakeCard>
  );
}

export function BrandKitStep({ data, number, failure, saved }: IntakeStepProps<{ files: BrandKitFile[]; note: string; done: boolean }>) {
  const { t } = useTranslation("client");
  const { number: num, anyOf } = useLocaleFormat();
  const f = failureFor(failure, "brand-kit");
  const upload = failureFor(failure, "upload");
  return (
    <IntakeCard
      id="section-brand-kit"
      number={number}
      title={t("intake.brandKit.title")}
      description={t("intake.brandKit.description")}
      done={data.done}
      thanks={saved ? t("intake.brandKit.saved") : null}
    >
      {data.files.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded-lg text-sm text-ink-soft ring-1 ring-slate-200">
          {data.files.map((file) => (
            <li key={file.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <span className="min-w-0 truncate">{file.name}</span>
              <span className="shrink-0 text-xs text-ink-muted">
                {num(Math.max(1, Math.round(file.size / 1000)), { style: "unit", unit: "kilobyte" })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" encType="multipart/form-data" noValidate className="space-y-3">
        <input type="hidden" name="intent" value="upload" />
        <div>
          <label htmlFor="brand-kit-files" className="block text-sm font-medium text-ink">
            {t("intake.brandKit.uploadLabel")}
          </label>
          <p id="brand-kit-files-hint" className="mt-1 text-sm text-ink-muted">
            {t("intake.brandKit.uploadHint", { types: anyOf(ACCEPTED_NAMES), max: num(MAX_FILES_PER_UPLOAD) })}
          </p>
          <input
            id="brand-kit-files"
            name="file"
            type="file"
            multiple
            aria-describedby="brand-kit-files-hint brand-kit-files-error"
            aria-invalid={upload ? true : undefined}
            className="mt-2 block w-full text-sm text-ink-soft file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-ink hover:file:bg-slate-200"
          />
          {upload ? (
            <p id="brand-kit-files-error" role="alert" className="mt-1.5 text-sm font-medium text-red-700">
              {upload.formError}
            </p>
          ) : null}
        </div>
        <Button type="submit" variant="secondary">
          {t("intake.brandKit.upload")}
        </Button>
      </form>
      <AutosaveForm intent="brand-kit" failure={f} done={data.done} saveLabel={t("intake.brandKit.save")}>
        <TextAreaField
          label={t("intake.brandKit.noteLabel")}
          name="brandKitNote"
          rows={3}
          hint={t("intake.brandKit.noteHint")}
          defaultValue={f?.values.brandKitNote ?? data.note}
          errors={f?.errors.brandKitNote}
        />
        {f?.errors.brandKitNote ? null : <LiveError field="brandKitNote" />}
      </AutosaveForm>
    </IntakeCard>
  );
}

export function AgreementStep({
  data,
  number,
  failure,
  saved,
}: IntakeStepProps<{ text: string; signedName: string | null; signedAt: string | null }>) {
  const { t } = useTranslation("client");
  const { day } = useLocaleFormat();
  const f = failureFor(failure, "agreement");
  const signed = Boolean(data.signedAt);
  return (
    <IntakeCard
      id="section-agreement"
      number={number}
      title={t("intake.agreement.title")}
      description={t("intake.agreement.description")}
      done={signed}
      thanks={saved ? t("intake.agreement.saved") : null}
    >
      <blockquote className="rounded-lg bg-slate-50 p-4 text-sm leading-6 text-ink-soft ring-1 ring-inset ring-slate-200">
        {data.text}
      </blockquote>
      {signed ? (
        <p className="text-sm text-ink-soft">
          <Trans
            t={t}
            i18nKey="intake.agreement.signed"
            values={{ name: data.signedName, date: day(data.signedAt as string, "dayTime") }}
            components={{ strong: <strong className="font-semibold text-ink" /> }}
          />
        </p>
      ) : (
        <form method="post" noValidate className="space-y-4">
          <input type="hidden" name="intent" value="agreement" />
          <FormAlert failure={f} />
          <TextField
            label={t("intake.agreement.nameLabel")}
            name="agreementName"
            required
            autoComplete="name"
            defaultValue={f?.values.agreementName}
            errors={f?.errors.agreementName}
          />
          <CheckboxField label={t("intake.agreement.accept")} name="agreementAccepted" required errors={f?.errors.agreementAccepted} />
          <p className="text-xs text-ink-muted">{t("intake.agreement.recorded")}</p>
          <Button type="submit" className="w-full sm:w-auto">
            {t("intake.agreement.sign")}
          </Button>
        </form>
      )}
    </IntakeCard>
  );
}

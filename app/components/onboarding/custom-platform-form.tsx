import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Card, CheckboxField, FormError, SelectField, TextAreaField, TextField } from "~/components/ui";
import { definitionFieldsSchema, definitionFormSchema, LANGUAGES } from "~/modules/onboarding/custom-platforms";
import { serviceTypes } from "~/modules/onboarding/presets";
import { initialList, textFieldProps, useActionForm } from "~/utils/conform";

type Answer = Parameters<typeof useActionForm>[0]["answer"];

/**
 * The custom platform form, for "new" and "edit" (decision 061): conform with the action's own
 * schema, each message next to its field, and what was typed put back when the server says 400.
 */
export function CustomPlatformForm({
  intent,
  answer,
  defaultValue,
  hidden,
  submitLabel,
}: {
  intent: string;
  answer: Answer;
  defaultValue: Record<string, string | string[]>;
  hidden: ReactNode;
  submitLabel: string;
}) {
  const nav = useNavigation();
  const { t } = useTranslation("agency");
  const [form, fields] = useActionForm({
    id: intent,
    intent,
    schema: definitionFieldsSchema,
    validate: definitionFormSchema,
    answer,
    defaultValue,
  });
  const field = (name: string) => fields[name as keyof typeof fields] as FieldMetadata<unknown>;
  const text = (name: string) => {
    const f = field(name);
    return { ...textFieldProps(f), id: f.id };
  };
  const chosen = initialList(field("presets"));
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      {hidden}
      <input type="hidden" name="intent" value={intent} />
      <FormError errors={form.errors} />
      <Card title={t("platformForm.platformTitle")} description={t("platformForm.platformBody")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("platformForm.name")} placeholder={t("platformForm.namePlaceholder")} autoComplete="off" {...text("name")} />
          <TextField
            label={t("platformForm.identity")}
            hint={t("platformForm.identityHint")}
            placeholder={t("platformForm.identityPlaceholder")}
            autoComplete="off"
            spellCheck={false}
            {...text("identity")}
          />
        </div>
      </Card>
      <Card title={t("platformForm.stepsTitle")} description={t("platformForm.stepsBody")}>
        <div className="space-y-4">
          <SelectField
            label={t("platformForm.adminLanguage")}
            hint={t("platformForm.adminLanguageHint")}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
            {...text("adminLanguage")}
          />
          {LANGUAGES.map((l) => (
            <TextAreaField
              key={l}
              label={t("platformForm.stepsIn", { language: t(`language.${l}`) })}
              hint={t("platformForm.stepsHint")}
              rows={4}
              placeholder={l === "en" ? t("platformForm.stepsPlaceholder") : undefined}
              {...text(`steps_${l}`)}
            />
          ))}
        </div>
      </Card>
      <Card title={t("platformForm.idTitle")} description={t("platformForm.idBody")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("platformForm.idLabel")}
            placeholder={t("platformForm.idLabelPlaceholder")}
            autoComplete="off"
            {...text("idLabel")}
          />
          <TextField
            label={t("platformForm.pattern")}
            hint={t("platformForm.patternHint")}
            placeholder="\d{12}"
            autoComplete="off"
            spellCheck={false}
            inputClassName="font-mono"
            {...text("idPattern")}
          />
          <TextField
            label={t("platformForm.example")}
            placeholder="549755813888"
            autoComplete="off"
            spellCheck={false}
            {...text("idExample")}
          />
          <TextField
            label={t("platformForm.wrongMessage")}
            hint={t("platformForm.wrongMessageHint")}
            placeholder={t("platformForm.wrongMessagePlaceholder")}
            autoComplete="off"
            {...text("idWrongMessage")}
          />
        </div>
      </Card>
      <Card title={t("platformForm.rolesTitle")} description={t("platformForm.rolesBody")}>
        <div className="space-y-4">
          <TextAreaField
            label={t("platformForm.roles")}
            hint={t("platformForm.rolesHint")}
            rows={3}
            placeholder={t("platformForm.rolesPlaceholder")}
            {...text("roles")}
          />
          <fieldset>
            <legend className="text-sm font-medium text-ink">{t("platformForm.presets")}</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {serviceTypes.map((type) => (
                <CheckboxField
                  key={type}
                  id={`${field("presets").id}-${type}`}
                  label={t(`serviceType.${type}`)}
                  name={field("presets").name}
                  value={type}
                  defaultChecked={chosen.includes(type)}
                />
              ))}
            </div>
            {field("presets").errors?.length ? (
              <p className="mt-1 text-sm text-red-700" role="alert">
                {field("presets").errors?.join(" ")}
              </p>
            ) : null}
          </fieldset>
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={nav.state === "submitting"}>
          {nav.state === "submitting" ? t("platformForm.saving") : submitLabel}
        </Button>
        <p className="text-sm text-ink-muted">{t("platformForm.versionsKept")}</p>
      </div>
    </Form>
  );
}

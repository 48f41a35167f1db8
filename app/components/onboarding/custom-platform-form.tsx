import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, Card, CheckboxField, FormError, SelectField, TextAreaField, TextField } from "~/components/ui";
import { definitionFieldsSchema, definitionFormSchema, LANGUAGES, languageNames } from "~/modules/onboarding/custom-platforms";
import { serviceTypeLabels, serviceTypes } from "~/modules/onboarding/presets";
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
      <Card title="Platform" description="What clients see as the step's title, and what they add to give you access.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" placeholder="Pinterest Ads" autoComplete="off" {...text("name")} />
          <TextField
            label="Your account to share"
            hint="The email, account name or ID the client adds. Shown with a copy button."
            placeholder="ads@youragency.com"
            autoComplete="off"
            spellCheck={false}
            {...text("identity")}
          />
        </div>
      </Card>
      <Card
        title="Steps"
        description="One step per line; the page numbers them. {agencyId} becomes your account above, {role} the role the link asks for."
      >
        <div className="space-y-4">
          <SelectField
            label="The language you write in"
            hint="Clients whose language has no steps see these, with a notice."
            options={LANGUAGES.map((l) => ({ value: l, label: languageNames[l] }))}
            {...text("adminLanguage")}
          />
          {LANGUAGES.map((l) => (
            <TextAreaField
              key={l}
              label={`Steps in ${languageNames[l]}`}
              hint="Up to 20 steps."
              rows={4}
              placeholder={l === "en" ? "1. Open Business settings.\n2. Add {agencyId} as a partner with the {role} role." : undefined}
              {...text(`steps_${l}`)}
            />
          ))}
        </div>
      </Card>
      <Card title="The ID the client gives you" description="Checked against your pattern before the client can say access is granted.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Label" placeholder="Ad account ID" autoComplete="off" {...text("idLabel")} />
          <TextField
            label="Pattern"
            hint="A regular expression for the whole ID, at most 200 characters, e.g. \d{12}. Patterns that can be slow are refused."
            placeholder="\d{12}"
            autoComplete="off"
            spellCheck={false}
            inputClassName="font-mono"
            {...text("idPattern")}
          />
          <TextField
            label="Example of a right ID"
            placeholder="549755813888"
            autoComplete="off"
            spellCheck={false}
            {...text("idExample")}
          />
          <TextField
            label="Message for a wrong ID"
            hint="Say where the client finds the right one."
            placeholder="An ad account ID is 12 digits: Business settings > Ad accounts."
            autoComplete="off"
            {...text("idWrongMessage")}
          />
        </div>
      </Card>
      <Card title="Roles and presets" description="The roles a link can ask for, least access first; a preset asks for the first one.">
        <div className="space-y-4">
          <TextAreaField label="Roles" hint="One per line, up to 10." rows={3} placeholder={"Analyst\nAdmin"} {...text("roles")} />
          <fieldset>
            <legend className="text-sm font-medium text-ink">Tick it in these presets</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {serviceTypes.map((t) => (
                <CheckboxField
                  key={t}
                  id={`${field("presets").id}-${t}`}
                  label={serviceTypeLabels[t]}
                  name={field("presets").name}
                  value={t}
                  defaultChecked={chosen.includes(t)}
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
          {nav.state === "submitting" ? "Saving…" : submitLabel}
        </Button>
        <p className="text-sm text-ink-muted">Links already sent keep the version they were sent with.</p>
      </div>
    </Form>
  );
}

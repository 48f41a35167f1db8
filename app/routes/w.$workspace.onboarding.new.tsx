import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  Button,
  Card,
  CardSection,
  CheckboxField,
  FormError,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  cx,
} from "~/components/ui";
import { LinkCreated } from "~/components/onboarding/link-created";
import { NewLinkPlatforms } from "~/components/onboarding/new-link-platforms";
import { listPlatforms } from "~/modules/onboarding/catalog";
import { customPresetRole } from "~/modules/onboarding/custom-platforms";
import { activeCustomPlatforms } from "~/modules/onboarding/custom-platforms.server";
import { identityForPlatform, type StoredIdentities } from "~/modules/onboarding/identities";
import { accountManagerOptions, brandOptions } from "~/modules/onboarding/link-queries.server";
import { createLink } from "~/modules/onboarding/links.server";
import { agencyT } from "~/modules/i18n/agency";
import { LOCALES, LOCALE_NAMES } from "~/modules/i18n/locales";
import { presetFor, serviceTypes, type ServiceType } from "~/modules/onboarding/presets";
import {
  createLinkFormSchema,
  createLinkSchema,
  DEFAULT_AGREEMENT,
  LINK_DEFAULT_DAYS,
  type CreateLinkInput,
} from "~/modules/onboarding/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { parseWith, readForm } from "~/utils/http.server";
import { problemAnswer, successData } from "~/utils/action-data.server";
import { conformResult, textFieldProps } from "~/utils/conform";
import { invalid } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: agencyT("newLink.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  const url = new URL(request.url);
  const serviceType = (serviceTypes as readonly string[]).includes(url.searchParams.get("serviceType") ?? "")
    ? (url.searchParams.get("serviceType") as ServiceType)
    : null;
  const preset = serviceType ? presetFor(serviceType) : [];
  const identities = (ctx.workspace.accessIdentities ?? {}) as StoredIdentities;
  const [brands, managers, custom] = await Promise.all([brandOptions(ctx), accountManagerOptions(ctx), activeCustomPlatforms(ctx)]);
  const brandParam = url.searchParams.get("brand");
  return json({
    slug: ctx.workspace.slug,
    idempotencyKey: newIdempotencyKey(),
    serviceType,
    defaultBrand: brands.some((b) => b.id === brandParam) ? brandParam : "new",
    brands: brands.map((b) => ({ value: b.id, label: b.name })),
    managers: managers.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
    me: ctx.user.id,
    platforms: [
      ...listPlatforms().map((p) => {
        const presetRole = preset.find((g) => g.platformKey === p.key)?.role ?? null;
        // Without a preset, the role the first preset that asks for this platform would choose.
        const suggested =
          presetRole ??
          serviceTypes.map((t) => presetFor(t).find((g) => g.platformKey === p.key)?.role).find(Boolean) ??
          p.roles[p.roles.length - 1];
        const identity = identityForPlatform(p.key, identities);
        return {
          key: p.key,
          name: p.name,
          roles: !p.roles.includes(suggested) ? [suggested, ...p.roles] : [...p.roles],
          presetRole,
          suggested,
          missing: identity.ok ? null : identity.message,
        };
      }),
      // The workspace's own platforms follow the catalog's; a preset that names one asks for its first role.
      ...custom.map((c) => {
        const presetRole = customPresetRole(c.definition, serviceType);
        return {
          key: c.key,
          name: c.definition.name,
          roles: [...c.definition.roles],
          presetRole,
          suggested: presetRole ?? c.definition.roles[0],
          missing: null,
        };
      }),
    ],
  });
}

/** The page's one form; the answer names it so the form knows the answer is its own. */
const CREATE = "create";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  const form = await readForm(request);
  // What was typed, put back next to the messages (capped: it is shown again, never stored).
  const values = Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 2000)]),
  );
  const parsed = parseWith(createLinkFormSchema, form);
  // A bad form key has no field to show it next to: its message ("Reload the page…") leads.
  if (!parsed.success) return problemAnswer(invalid(parsed.errors.idempotencyKey?.[0], parsed.errors).problem, { intent: CREATE, values });
  const outcome = await createLink(ctx, parsed.data);
  if (!outcome.ok) return problemAnswer(outcome.problem, { intent: CREATE, values });
  const result = outcome.value;
  if (result.existing) throw redirect(`/w/${ctx.workspace.slug}/onboarding/${result.linkId}`);
  // The link's URL exists only in this answer (Baton keeps its fingerprint), so the success cannot
  // be a redirect to a page that shows it: it is the one shape plus the created link.
  const created = { linkId: result.linkId, url: result.url, emailed: result.emailed, to: parsed.data.clientEmail ?? null };
  return json({ ...successData(null, { intent: CREATE }), created });
}

export default function NewOnboardingLink() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const { t } = useTranslation("agency");
  const base = `/w/${data.slug}/onboarding`;

  if (result?.ok) return <LinkCreated base={base} created={result.created} />;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={t("newLink.title")}
        breadcrumbs={[{ label: t("common.onboardingLinks"), to: base }]}
        description={t("newLink.description")}
      />

      <Card title={t("newLink.presetTitle")} description={t("newLink.presetBody")}>
        <Form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <SelectField
            label={t("newLink.serviceType")}
            name="serviceType"
            className="sm:w-72"
            defaultValue={data.serviceType ?? ""}
            placeholder={t("newLink.noPreset")}
            options={serviceTypes.map((s) => ({ value: s, label: t(`serviceType.${s}`) }))}
            onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
          />
          <Button type="submit" variant="secondary">
            {t("newLink.applyPreset")}
          </Button>
        </Form>
      </Card>

      {/* A new preset starts the form over with its own defaults. */}
      <NewLinkForm key={data.serviceType ?? "none"} data={data} answer={result} />
    </div>
  );
}

type LoaderData = SerializeFrom<typeof loader>;
type Answer = SerializeFrom<typeof action> | undefined;
/** The form as posted: text by field name (platforms as `platform_<key>` / `role_<key>` pairs). */
type NewLinkValues = Record<string, string | undefined>;
type Field = FieldMetadata<unknown>;

/** What the form starts with: the preset's platforms ticked with their roles, the usual intake steps. */
function defaultsOf(data: LoaderData): NewLinkValues {
  return {
    brandId: data.defaultBrand ?? "new",
    expiresInDays: String(LINK_DEFAULT_DAYS),
    accountManagerId: data.me,
    agreementText: DEFAULT_AGREEMENT,
    contacts: "on",
    questionnaire: "on",
    agreement: "on",
    sendEmail: "on",
    ...Object.fromEntries(data.platforms.map((p) => [`role_${p.key}`, p.suggested])),
    ...Object.fromEntries(data.platforms.filter((p) => p.presetRole).map((p) => [`platform_${p.key}`, "on"])),
  };
}

/** A text field's props with conform's ids (its messages are described by them); `fallback` when nothing came back for it. */
function textProps(field: Field, fallback?: string) {
  const props = textFieldProps(field);
  return { ...props, id: field.id, defaultValue: props.defaultValue ?? fallback };
}

const checkboxProps = (field: Field) => ({
  id: field.id,
  name: field.name,
  errors: field.errors,
  defaultChecked: field.initialValue === "on",
});

function NewLinkForm({ data, answer }: { data: LoaderData; answer: Answer }) {
  const nav = useNavigation();
  const { t } = useTranslation("agency");
  const base = `/w/${data.slug}/onboarding`;
  const [form, fields] = useForm<NewLinkValues, CreateLinkInput>({
    id: "new-link",
    lastResult: conformResult(answer, CREATE),
    defaultValue: defaultsOf(data),
    constraint: getZodConstraint(createLinkSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createLinkFormSchema, disableAutoCoercion: true }),
  });
  const field = (name: string): Field => fields[name];

  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <IdempotencyKeyField value={data.idempotencyKey} />
      <input type="hidden" name="serviceType" value={data.serviceType ?? ""} />
      <FormError id={form.errorId} errors={form.errors} />

      <Card title={t("newLink.client")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t("newLink.brand")}
            {...textProps(fields.brandId, data.defaultBrand ?? "new")}
            options={[{ value: "new", label: t("newLink.newClient") }, ...data.brands]}
            hint={t("newLink.brandHint")}
          />
          <TextField
            label={t("newLink.newClientName")}
            {...textProps(fields.newClientName)}
            hint={t("newLink.newClientNameHint")}
            autoComplete="off"
          />
          <TextField
            label={t("newLink.contactName")}
            {...textProps(fields.recipientName)}
            autoComplete="off"
            hint={t("newLink.contactNameHint")}
          />
          <TextField label={t("newLink.contactEmail")} type="email" {...textProps(fields.clientEmail)} autoComplete="off" />
          <SelectField
            label={t("newLink.language")}
            {...textProps(fields.locale, "en")}
            options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            hint={t("newLink.languageHint")}
          />
        </div>
      </Card>

      <NewLinkPlatforms platforms={data.platforms} field={field} />

      <Card title={t("newLink.intakeTitle")}>
        <div className="space-y-3">
          <CheckboxField label={t("newLink.brandKit")} hint={t("newLink.brandKitHint")} {...checkboxProps(fields.brandKit)} />
          <CheckboxField label={t("newLink.contacts")} hint={t("newLink.contactsHint")} {...checkboxProps(fields.contacts)} />
          <CheckboxField
            label={t("newLink.questionnaire")}
            hint={t("newLink.questionnaireHint")}
            {...checkboxProps(fields.questionnaire)}
          />
          <CheckboxField label={t("newLink.agreement")} hint={t("newLink.agreementHint")} {...checkboxProps(fields.agreement)} />
          <TextAreaField label={t("newLink.agreementText")} rows={3} {...textProps(fields.agreementText, DEFAULT_AGREEMENT)} />
        </div>
      </Card>

      <Card title={t("newLink.sending")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextAreaField label={t("newLink.note")} rows={3} className="sm:col-span-2" {...textProps(fields.message)} />
          <TextField
            label={t("newLink.days")}
            type="number"
            min={1}
            max={90}
            {...textProps(fields.expiresInDays, String(LINK_DEFAULT_DAYS))}
          />
          <SelectField
            label={t("newLink.manager")}
            {...textProps(fields.accountManagerId, data.me)}
            options={data.managers}
            hint={t("newLink.managerHint")}
          />
          <CheckboxField label={t("newLink.sendEmail")} className="sm:col-span-2" {...checkboxProps(fields.sendEmail)} />
        </div>
        <CardSection className={cx("-mx-4 mt-5 -mb-5 sm:-mx-6")}>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={nav.state === "submitting"}>
              {nav.state === "submitting" ? t("newLink.creating") : t("newLink.create")}
            </Button>
            <Link to={base} className="text-sm font-medium text-ink-muted hover:text-ink">
              {t("newLink.cancel")}
            </Link>
          </div>
        </CardSection>
      </Card>
    </Form>
  );
}

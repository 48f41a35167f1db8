import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
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
import { LOCALES, LOCALE_NAMES } from "~/modules/i18n/locales";
import { presetFor, serviceTypeLabels, serviceTypes, type ServiceType } from "~/modules/onboarding/presets";
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

export const meta: MetaFunction = () => [{ title: "New onboarding link · Baton" }];

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
  const base = `/w/${data.slug}/onboarding`;

  if (result?.ok) return <LinkCreated base={base} created={result.created} />;

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="New onboarding link"
        breadcrumbs={[{ label: "Onboarding links", to: base }]}
        description="Choose who it is for and what you need. The client gets one branded page with every click spelled out, and can forward single steps to colleagues."
      />

      <Card title="Start from a preset" description="Least-privilege roles per service type. Adjust each platform below.">
        <Form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <SelectField
            label="Service type"
            name="serviceType"
            className="sm:w-72"
            defaultValue={data.serviceType ?? ""}
            placeholder="No preset"
            options={serviceTypes.map((s) => ({ value: s, label: serviceTypeLabels[s] }))}
            onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
          />
          <Button type="submit" variant="secondary">
            Apply preset
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

      <Card title="Client">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Brand"
            {...textProps(fields.brandId, data.defaultBrand ?? "new")}
            options={[{ value: "new", label: "A new client" }, ...data.brands]}
            hint="A new client becomes a brand in this workspace."
          />
          <TextField label="New client's name" {...textProps(fields.newClientName)} hint="Only for a new client." autoComplete="off" />
          <TextField label="Contact's name" {...textProps(fields.recipientName)} autoComplete="off" hint="Greets them on the page." />
          <TextField label="Contact's email" type="email" {...textProps(fields.clientEmail)} autoComplete="off" />
          <SelectField
            label="Client's language"
            {...textProps(fields.locale, "en")}
            options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            hint="Their page, emails and forwarded steps. They can switch on the page."
          />
        </div>
      </Card>

      <NewLinkPlatforms platforms={data.platforms} field={field} />

      <Card title="Intake steps">
        <div className="space-y-3">
          <CheckboxField label="Brand kit" hint="Where the client's logos, fonts and guidelines are." {...checkboxProps(fields.brandKit)} />
          <CheckboxField
            label="Contacts and approvers"
            hint="The approver they name is invited as brand lead when the link is complete."
            {...checkboxProps(fields.contacts)}
          />
          <CheckboxField
            label="Questionnaire"
            hint="Brand story and audience pre-fill this brand's briefs."
            {...checkboxProps(fields.questionnaire)}
          />
          <CheckboxField label="Agreement" hint="Typed name and checkbox; time and IP are recorded." {...checkboxProps(fields.agreement)} />
          <TextAreaField label="Agreement text" rows={3} {...textProps(fields.agreementText, DEFAULT_AGREEMENT)} />
        </div>
      </Card>

      <Card title="Sending">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextAreaField label="A note for the client (optional)" rows={3} className="sm:col-span-2" {...textProps(fields.message)} />
          <TextField
            label="Link works for (days)"
            type="number"
            min={1}
            max={90}
            {...textProps(fields.expiresInDays, String(LINK_DEFAULT_DAYS))}
          />
          <SelectField
            label="Account manager"
            {...textProps(fields.accountManagerId, data.me)}
            options={data.managers}
            hint="Alerted when the client stalls for 48 hours."
          />
          <CheckboxField label="Email the link to the contact from Baton" className="sm:col-span-2" {...checkboxProps(fields.sendEmail)} />
        </div>
        <CardSection className={cx("-mx-4 mt-5 -mb-5 sm:-mx-6")}>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={nav.state === "submitting"}>
              {nav.state === "submitting" ? "Creating…" : "Create link"}
            </Button>
            <Link to={base} className="text-sm font-medium text-ink-muted hover:text-ink">
              Cancel
            </Link>
          </div>
        </CardSection>
      </Card>
    </Form>
  );
}

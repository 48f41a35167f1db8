import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  CardSection,
  CheckboxField,
  CopyButton,
  FormError,
  PageHeader,
  SelectField,
  TextAreaField,
  TextField,
  cx,
} from "~/components/ui";
import { listPlatforms } from "~/modules/onboarding/catalog";
import { identityForPlatform, type StoredIdentities } from "~/modules/onboarding/identities";
import { accountManagerOptions, brandOptions } from "~/modules/onboarding/link-queries.server";
import { createLink } from "~/modules/onboarding/links.server";
import { presetFor, serviceTypeLabels, serviceTypes, type ServiceType } from "~/modules/onboarding/presets";
import { createLinkSchema, DEFAULT_AGREEMENT, LINK_DEFAULT_DAYS, platformsFromForm } from "~/modules/onboarding/schemas";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { parseWith, readForm } from "~/utils/http.server";
import { STATUS_OF } from "~/utils/action-data.server";

export const meta: MetaFunction = () => [{ title: "New onboarding link · Baton" }];

const FIELDS = [
  "idempotencyKey",
  "brandId",
  "newClientName",
  "clientEmail",
  "recipientName",
  "serviceType",
  "message",
  "expiresInDays",
  "accountManagerId",
  "brandKit",
  "contacts",
  "questionnaire",
  "agreement",
  "agreementText",
  "sendEmail",
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  const url = new URL(request.url);
  const serviceType = (serviceTypes as readonly string[]).includes(url.searchParams.get("serviceType") ?? "")
    ? (url.searchParams.get("serviceType") as ServiceType)
    : null;
  const preset = serviceType ? presetFor(serviceType) : [];
  const identities = (ctx.workspace.accessIdentities ?? {}) as StoredIdentities;
  const [brands, managers] = await Promise.all([brandOptions(ctx), accountManagerOptions(ctx)]);
  const brandParam = url.searchParams.get("brand");
  return json({
    slug: ctx.workspace.slug,
    idempotencyKey: newIdempotencyKey(),
    serviceType,
    defaultBrand: brands.some((b) => b.id === brandParam) ? brandParam : "new",
    brands: brands.map((b) => ({ value: b.id, label: b.name })),
    managers: managers.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
    me: ctx.user.id,
    platforms: listPlatforms().map((p) => {
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
  });
}

function single(form: FormData, key: string): unknown {
  const all = form.getAll(key);
  return all.length > 1 ? all : all[0];
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "onboarding.manage");
  const form = await readForm(request);
  const raw: Record<string, unknown> = Object.fromEntries(FIELDS.map((k) => [k, single(form, k)]));
  raw.platforms = platformsFromForm(form);
  const values = Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 2000)]),
  );
  const parsed = parseWith(createLinkSchema, raw);
  // A bad form key has no field to show it next to: its message ("Reload the page…") leads.
  const formError = parsed.success ? null : (parsed.errors.idempotencyKey?.[0] ?? "Please correct the highlighted fields.");
  if (!parsed.success) return json({ ok: false as const, errors: parsed.errors, formError, values, created: null }, { status: 400 });
  const outcome = await createLink(ctx, parsed.data);
  if (!outcome.ok) {
    const { problem } = outcome;
    return json(
      { ok: false as const, errors: problem.fields ?? {}, formError: problem.message, values, created: null },
      { status: STATUS_OF[problem.kind] },
    );
  }
  const result = outcome.value;
  if (result.existing) throw redirect(`/w/${ctx.workspace.slug}/onboarding/${result.linkId}`);
  return json({
    ok: true as const,
    errors: {} as Record<string, string[]>,
    formError: null,
    values,
    created: { linkId: result.linkId, url: result.url, emailed: result.emailed, to: parsed.data.clientEmail ?? null },
  });
}

export default function NewOnboardingLink() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const submit = useSubmit();
  const base = `/w/${data.slug}/onboarding`;
  const errors: Record<string, string[] | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result && !result.ok ? result.values : {};
  const failed = result && !result.ok;

  if (result?.created) {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <PageHeader
          title="Link created"
          breadcrumbs={[{ label: "Onboarding links", to: base }]}
          description={
            result.created.emailed
              ? `We emailed the link to ${result.created.to}. You can also copy it below.`
              : "Copy the link and send it to your client."
          }
        />
        <Card>
          <div className="space-y-4">
            <CopyButton value={result.created.url} label="Onboarding link" showLabel />
            <Alert tone="info">
              This is the only time the link is shown: Baton keeps only a fingerprint of it. If it gets lost, re-issue it from the
              link&apos;s page.
            </Alert>
            <div className="flex flex-wrap gap-2">
              <ButtonLink to={`${base}/${result.created.linkId}`}>Open the link&apos;s page</ButtonLink>
              <ButtonLink to={`${base}/new`} variant="secondary">
                Create another
              </ButtonLink>
            </div>
          </div>
        </Card>
      </div>
    );
  }

  const checked = (key: string, fallback: boolean) => (failed ? values[key] === "on" : fallback);

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

      <Form method="post" noValidate className="space-y-6" key={data.serviceType ?? "none"}>
        <IdempotencyKeyField value={data.idempotencyKey} />
        <input type="hidden" name="serviceType" value={data.serviceType ?? ""} />
        {failed ? <FormError>{result.formError}</FormError> : null}

        <Card title="Client">
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label="Brand"
              name="brandId"
              defaultValue={values.brandId ?? data.defaultBrand ?? "new"}
              options={[{ value: "new", label: "A new client" }, ...data.brands]}
              errors={errors.brandId}
              hint="A new client becomes a brand in this workspace."
            />
            <TextField
              label="New client's name"
              name="newClientName"
              defaultValue={values.newClientName}
              errors={errors.newClientName}
              hint="Only for a new client."
              autoComplete="off"
            />
            <TextField
              label="Contact's name"
              name="recipientName"
              defaultValue={values.recipientName}
              errors={errors.recipientName}
              autoComplete="off"
              hint="Greets them on the page."
            />
            <TextField
              label="Contact's email"
              name="clientEmail"
              type="email"
              defaultValue={values.clientEmail}
              errors={errors.clientEmail}
              autoComplete="off"
            />
          </div>
        </Card>

        <Card title="Platforms" description="Tick what you need and the role to grant. Every step tells the client exactly where to click.">
          {errors.platforms ? (
            <p className="mb-3 text-sm text-red-700" role="alert">
              {errors.platforms.join(" ")}
            </p>
          ) : null}
          <ul className="divide-y divide-slate-100">
            {data.platforms.map((p) => {
              const err = [...(errors[`platform_${p.key}`] ?? []), ...(errors[`role_${p.key}`] ?? [])];
              return (
                <li key={p.key} className="grid gap-3 py-3 sm:grid-cols-[1fr_18rem] sm:items-center">
                  <div>
                    <CheckboxField
                      label={p.name}
                      name={`platform_${p.key}`}
                      defaultChecked={checked(`platform_${p.key}`, Boolean(p.presetRole))}
                      disabled={Boolean(p.missing)}
                    />
                    {p.missing ? <p className="ml-7 mt-1 text-xs text-amber-700">{p.missing}</p> : null}
                    {err.length ? <p className="ml-7 mt-1 text-sm text-red-700">{err.join(" ")}</p> : null}
                  </div>
                  <SelectField
                    label={`Role on ${p.name}`}
                    name={`role_${p.key}`}
                    defaultValue={values[`role_${p.key}`] ?? p.suggested}
                    options={p.roles.map((r) => ({ value: r, label: r }))}
                    disabled={Boolean(p.missing)}
                  />
                </li>
              );
            })}
          </ul>
        </Card>

        <Card title="Intake steps">
          <div className="space-y-3">
            <CheckboxField
              label="Brand kit"
              hint="Where the client's logos, fonts and guidelines are."
              name="brandKit"
              defaultChecked={checked("brandKit", false)}
            />
            <CheckboxField
              label="Contacts and approvers"
              hint="The approver they name is invited as brand lead when the link is complete."
              name="contacts"
              defaultChecked={checked("contacts", true)}
            />
            <CheckboxField
              label="Questionnaire"
              hint="Brand story and audience pre-fill this brand's briefs."
              name="questionnaire"
              defaultChecked={checked("questionnaire", true)}
            />
            <CheckboxField
              label="Agreement"
              hint="Typed name and checkbox; time and IP are recorded."
              name="agreement"
              defaultChecked={checked("agreement", true)}
            />
            <TextAreaField
              label="Agreement text"
              name="agreementText"
              rows={3}
              defaultValue={values.agreementText ?? DEFAULT_AGREEMENT}
              errors={errors.agreementText}
            />
          </div>
        </Card>

        <Card title="Sending">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextAreaField
              label="A note for the client (optional)"
              name="message"
              rows={3}
              className="sm:col-span-2"
              defaultValue={values.message}
              errors={errors.message}
            />
            <TextField
              label="Link works for (days)"
              name="expiresInDays"
              type="number"
              min={1}
              max={90}
              defaultValue={values.expiresInDays ?? String(LINK_DEFAULT_DAYS)}
              errors={errors.expiresInDays}
            />
            <SelectField
              label="Account manager"
              name="accountManagerId"
              defaultValue={values.accountManagerId ?? data.me}
              options={data.managers}
              errors={errors.accountManagerId}
              hint="Alerted when the client stalls for 48 hours."
            />
            <CheckboxField
              label="Email the link to the contact from Baton"
              name="sendEmail"
              defaultChecked={checked("sendEmail", true)}
              className="sm:col-span-2"
              errors={errors.sendEmail}
            />
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
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, CardSection, FormError, PageHeader, TextField } from "~/components/ui";
import { saveIdentities, storedIdentities } from "~/modules/onboarding/identities.server";
import { agencyIdentitiesSchema, identityFieldLabels, type IdentityField } from "~/modules/onboarding/identities";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { answer, problemAnswer } from "~/utils/action-data.server";
import { conformResult } from "~/utils/conform";
import { parseWith, readForm } from "~/utils/http.server";
import { invalid, ok } from "~/utils/outcome";

export const meta: MetaFunction = () => [{ title: "Access identities · Baton" }];

const GROUPS: Array<{
  title: string;
  description: string;
  fields: Array<{ name: IdentityField; hint: string; placeholder: string; type?: string }>;
}> = [
  {
    title: "Meta",
    description: "Ad accounts, Pages, pixels and Instagram are shared with your business portfolio.",
    fields: [
      { name: "metaBusinessPortfolioId", hint: "Business settings > Business info. 10 to 20 digits.", placeholder: "1234567890123456" },
    ],
  },
  {
    title: "Google",
    description:
      "Google Ads links to your manager account; Analytics, Tag Manager, Search Console and Business Profile add your Google account.",
    fields: [
      { name: "googleAdsManagerId", hint: "Top right of your manager account, like 123-456-7890.", placeholder: "123-456-7890" },
      { name: "googleAccountEmail", hint: "The account clients add as a user.", placeholder: "access@youragency.com", type: "email" },
    ],
  },
  {
    title: "TikTok",
    description: "Ad accounts are shared with your Business Center.",
    fields: [
      { name: "tiktokBusinessCenterId", hint: "Business Center > Business settings > Business info.", placeholder: "7000000000000000001" },
    ],
  },
  {
    title: "LinkedIn",
    description: "Clients add a member to ad accounts and Pages.",
    fields: [
      { name: "linkedinEmail", hint: "The LinkedIn member clients add.", placeholder: "ads@youragency.com", type: "email" },
      { name: "linkedinCompanyId", hint: "Optional: your company Page's number.", placeholder: "12345678" },
    ],
  },
  {
    title: "Shopify",
    description: "Stores approve a collaborator request from your Partner organisation.",
    fields: [
      { name: "shopifyPartnerName", hint: "As clients see it on the request.", placeholder: "Your Agency" },
      { name: "shopifyPartnerId", hint: "In your Partner Dashboard's address.", placeholder: "1234567" },
    ],
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  return json({ identities: storedIdentities(ctx) });
}

/** The one form on the page; its answers say so, so conform knows they are its own. */
const INTENT = "identities";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "workspace.settings");
  const form = await readForm(request);
  const values = Object.fromEntries(
    [...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 300)]),
  );
  const parsed = parseWith(agencyIdentitiesSchema, form);
  if (!parsed.success)
    return problemAnswer(invalid("Some IDs don't look right: see the messages next to them.", parsed.errors).problem, {
      intent: INTENT,
      values,
    });
  await saveIdentities(ctx, parsed.data);
  return answer(ok(), { intent: INTENT, notice: "Access identities saved. New onboarding links show them to clients." });
}

export default function AccessIdentitiesPage() {
  const { identities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  // conform with the action's schema: checked in the browser first, the server's answer (and what was typed) shown the same way.
  const [form, fields] = useForm({
    id: INTENT,
    lastResult: conformResult(result, INTENT),
    defaultValue: identities,
    constraint: getZodConstraint(agencyIdentitiesSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agencyIdentitiesSchema }),
  });
  const value = (k: IdentityField) => {
    const typed = fields[k].initialValue;
    return typeof typed === "string" ? typed : (identities[k] ?? "");
  };
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Access identities"
        description="Your agency's own IDs and emails, per platform. Clients copy them from their onboarding page to give you access. Each one is checked by format."
      />
      {result?.ok ? (
        <Alert tone="success" role="status">
          {result.notice}
        </Alert>
      ) : null}
      <Form method="post" className="space-y-6" {...getFormProps(form)}>
        <FormError errors={form.errors} />
        {GROUPS.map((g) => (
          <Card key={g.title} title={g.title} description={g.description}>
            <div className="grid gap-4 sm:grid-cols-2">
              {g.fields.map((f) => (
                <TextField
                  key={f.name}
                  label={identityFieldLabels[f.name]}
                  name={fields[f.name].name}
                  type={f.type}
                  hint={f.hint}
                  placeholder={f.placeholder}
                  autoComplete="off"
                  spellCheck={false}
                  defaultValue={value(f.name)}
                  errors={fields[f.name].errors}
                />
              ))}
            </div>
          </Card>
        ))}
        <Card>
          <CardSection className="-mx-4 -my-5 sm:-mx-6">
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={nav.state === "submitting"}>
                {nav.state === "submitting" ? "Saving…" : "Save access identities"}
              </Button>
              <p className="text-sm text-ink-muted">Leave a field empty if you don&apos;t use that platform.</p>
            </div>
          </CardSection>
        </Card>
      </Form>
    </div>
  );
}

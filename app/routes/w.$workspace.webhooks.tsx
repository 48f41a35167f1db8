import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { PlugIcon } from "~/components/icons";
import { Alert, Button, Card, CopyButton, EmptyState, FormError, PageHeader, TextField } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { EndpointCard } from "~/components/webhooks/endpoint-card";
import { EventTypesFieldset } from "~/components/webhooks/event-types-fieldset";
import { VerifySignaturesCard } from "~/components/webhooks/verify-signatures-card";
import { WEBHOOK_EVENT_TYPES } from "~/modules/webhooks/events";
import { checkTarget, createEndpoint, disableEndpoint, endpointSchema, listEndpoints } from "~/modules/webhooks/endpoints.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { env } from "~/utils/env.server";
import { problemAnswer } from "~/utils/action-data.server";
import { badRequest, parseWith, readForm, type FieldErrors } from "~/utils/http.server";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { formatIn } from "~/utils/time";
import { ID_PATTERN } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Webhooks · Baton" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "webhooks.manage");
  const when = (date: Date) => formatIn(date, ctx.user.timeZone, "d LLL yyyy, HH:mm:ss");
  const endpoints = await listEndpoints(ctx.workspace.id);
  return json({
    allowPrivate: env().ALLOW_PRIVATE_WEBHOOKS,
    idempotencyKey: newIdempotencyKey(),
    timeZone: ctx.user.timeZone,
    endpoints: endpoints.map((e) => ({
      ...e,
      createdAt: when(e.createdAt),
      disabledAt: e.disabledAt ? when(e.disabledAt) : null,
      deliveries: e.deliveries.map(({ createdAt, ...d }) => ({ ...d, at: createdAt.toISOString(), when: when(createdAt) })),
    })),
  });
}

const intentSchema = z.object({ intent: z.enum(["create", "disable"], { errorMap: () => ({ message: "Unknown action." }) }) });
const disableSchema = z.object({
  id: z.string({ required_error: "Which endpoint?" }).trim().regex(ID_PATTERN, "That is not an endpoint id."),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "webhooks.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return badRequest(which.errors, "Unknown action.");

  if (which.data.intent === "disable") {
    const parsed = parseWith(disableSchema, form);
    // A malformed id is bad input (400); a well-formed one outside this workspace is 404.
    if (!parsed.success) return badRequest(parsed.errors, "Choose an endpoint from the list.");
    const outcome = await disableEndpoint(ctx, parsed.data.id);
    if (!outcome.ok) return problemAnswer(outcome.problem, { intent: "disable" });
    return json({ ok: true as const, intent: "disable" as const, created: null, errors: {}, formError: null });
  }

  // What was typed comes back with the errors, so the form keeps it even without JavaScript.
  const values = {
    url: String(form.get("url") ?? "").slice(0, 2000),
    description: String(form.get("description") ?? "").slice(0, 200),
    eventTypes: form
      .getAll("eventTypes")
      .map(String)
      .filter((t) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t)),
  };
  const refuse = (errors: FieldErrors, formError = "Please correct the highlighted fields.") =>
    json({ ok: false as const, intent: "create" as const, errors, formError, values }, { status: 400 });
  const allowPrivate = env().ALLOW_PRIVATE_WEBHOOKS;
  const parsed = parseWith(endpointSchema(allowPrivate), form);
  if (!parsed.success) return refuse(parsed.errors);
  const problem = await checkTarget(parsed.data.url, allowPrivate);
  if (problem) return refuse({ url: [problem] });
  const outcome = await createEndpoint(ctx, parsed.data, readIdempotencyKey(form));
  // Every refusal of the create form (endpoint limit, a replay whose endpoint is gone) is a 400 with what was typed.
  if (!outcome.ok) return refuse(outcome.problem.fields ?? {}, outcome.problem.message);
  const { id, url, secret } = outcome.value;
  return json({
    ok: true as const,
    intent: "create" as const,
    created: { id, url, secret },
    errors: {},
    formError: null,
  });
}

export default function WebhooksPage() {
  const { endpoints, allowPrivate, idempotencyKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const creating = busy && nav.formData?.get("intent") === "create";
  const errors = (data?.errors ?? {}) as Record<string, string[]>;
  const created = data && data.ok && data.created ? data.created : null;
  const createFailed = data && !data.ok && data.intent === "create";
  const otherFailure = data && !data.ok && data.intent !== "create" ? data.formError : null;
  const eventErrors = Object.entries(errors)
    .filter(([k]) => k === "eventTypes" || k.startsWith("eventTypes."))
    .flatMap(([, v]) => v);
  const active = endpoints.filter((e) => !e.disabledAt).length;
  const values =
    data && !data.ok && data.intent === "create" ? (data.values as { url: string; description: string; eventTypes: string[] }) : null;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Webhooks"
        description="Send Baton events to your own systems. Each request is signed the Standard Webhooks way, retried with backoff when your endpoint fails, and logged below."
      />

      {otherFailure ? <FormError>{otherFailure}</FormError> : null}
      {data && data.ok && data.intent === "disable" ? (
        <Alert tone="success" role="status">
          Endpoint disabled. Baton sends it nothing more, including retries still waiting.
        </Alert>
      ) : null}

      {created ? (
        <Alert tone="success" role="status" title="Endpoint added. Copy its signing secret now">
          <p>
            This is the only time Baton shows the full secret for <span className="break-all font-mono">{created.url}</span>. Store it in
            your receiver's configuration; afterwards you'll only see its last four characters.
          </p>
          <CopyButton className="mt-3" value={created.secret} label="Signing secret" showLabel />
        </Alert>
      ) : null}

      <Card
        title="Add an endpoint"
        description={
          allowPrivate
            ? "Development mode: http:// and private addresses are allowed."
            : "The URL must use https:// and be reachable from the internet."
        }
      >
        <Form method="post" className="space-y-6" noValidate key={created?.id ?? "new"}>
          {createFailed ? <FormError>{data.formError}</FormError> : null}
          <div className="grid gap-4 md:grid-cols-2">
            <TextField
              label="Endpoint URL"
              name="url"
              type="url"
              inputMode="url"
              required
              maxLength={2000}
              placeholder="https://example.com/webhooks/baton"
              errors={errors.url}
              defaultValue={values?.url}
              autoComplete="off"
            />
            <TextField
              label="Description (optional)"
              name="description"
              maxLength={200}
              placeholder="e.g. Sync approvals to our CRM"
              errors={errors.description}
              defaultValue={values?.description}
            />
          </div>
          <EventTypesFieldset eventErrors={eventErrors} checked={values?.eventTypes} />
          <Button type="submit" disabled={busy}>
            {creating ? "Checking the address…" : "Add endpoint"}
          </Button>
          {/* Last, so the spacing of the visible fields is not shifted by them. */}
          <input type="hidden" name="intent" value="create" />
          <IdempotencyKeyField value={idempotencyKey} />
        </Form>
      </Card>

      <section aria-labelledby="endpoints-heading" className="space-y-4">
        <div>
          <h2 id="endpoints-heading" className="text-base font-semibold text-ink">
            Endpoints
          </h2>
          <p className="mt-1 text-sm text-ink-muted">
            {endpoints.length === 0 ? "None yet." : `${active} active, ${endpoints.length - active} disabled.`}
          </p>
        </div>
        {endpoints.length === 0 ? (
          <EmptyState
            icon={<PlugIcon />}
            title="No endpoints yet"
            description="Add an endpoint above and Baton will POST a signed JSON message to it whenever a chosen event happens."
          />
        ) : (
          <ul className="space-y-4">
            {endpoints.map((e) => (
              <EndpointCard key={e.id} endpoint={e} busy={busy} />
            ))}
          </ul>
        )}
      </section>

      <VerifySignaturesCard />
    </div>
  );
}

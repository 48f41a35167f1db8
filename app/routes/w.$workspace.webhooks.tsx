import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { PlugIcon } from "~/components/icons";
import { Alert, Button, Card, CopyButton, EmptyState, FormError, PageHeader, TextField } from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { EndpointCard } from "~/components/webhooks/endpoint-card";
import { EventTypesFieldset } from "~/components/webhooks/event-types-fieldset";
import { VerifySignaturesCard } from "~/components/webhooks/verify-signatures-card";
import { WEBHOOK_EVENT_TYPES } from "~/modules/webhooks/events";
import { checkTarget, createEndpoint, disableEndpoint, listEndpoints, type CreatedEndpoint } from "~/modules/webhooks/endpoints.server";
import { disableSchema, endpointSchema } from "~/modules/webhooks/schemas";
import { requirePermission, type MemberContext } from "~/modules/workspaces/authz.server";
import { answer, successData } from "~/utils/action-data.server";
import { initialList, textFieldProps, useActionForm } from "~/utils/conform";
import { env } from "~/utils/env.server";
import { parseWith, readForm } from "~/utils/http.server";
import { CORRECT_FIELDS, invalid, type FieldMessages } from "~/utils/outcome";
import { newIdempotencyKey, readIdempotencyKey } from "~/utils/idempotency.server";
import { formatIn } from "~/utils/time";

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

/** Which form was sent is the route's concern (the audit table's guard reads this list). */
const INTENTS = ["create", "disable"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS, { errorMap: () => ({ message: "Unknown action." }) }) });

const DISABLED = "Endpoint disabled. Baton sends it nothing more, including retries still waiting.";

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requirePermission(request, params.workspace, "webhooks.manage");
  const form = await readForm(request);
  const which = parseWith(intentSchema, { intent: form.get("intent") ?? undefined });
  if (!which.success) return answer(invalid("Unknown action.", which.errors));
  return which.data.intent === "disable" ? disable(ctx, form) : create(ctx, form);
}

async function disable(ctx: MemberContext, form: FormData) {
  const parsed = parseWith(disableSchema, form);
  // A malformed id is bad input (400); a well-formed one outside this workspace is 404.
  if (!parsed.success) return answer(invalid("Choose an endpoint from the list.", parsed.errors), { intent: "disable" });
  return answer(await disableEndpoint(ctx, parsed.data.id), { intent: "disable", notice: DISABLED });
}

/** What was typed comes back with the errors, so the form keeps it even without JavaScript. */
function typedEndpoint(form: FormData) {
  return {
    url: String(form.get("url") ?? "").slice(0, 2000),
    description: String(form.get("description") ?? "").slice(0, 200),
    eventTypes: form
      .getAll("eventTypes")
      .map(String)
      .filter((t) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t)),
  };
}

async function create(ctx: MemberContext, form: FormData) {
  const values = typedEndpoint(form);
  // Every refusal of the create form (bad input, a private address, the endpoint limit, a replay whose endpoint is gone) is a 400 with what was typed.
  const refuse = (fields: FieldMessages, message = CORRECT_FIELDS) => answer(invalid(message, fields), { intent: "create", values });
  const allowPrivate = env().ALLOW_PRIVATE_WEBHOOKS;
  const parsed = parseWith(endpointSchema(allowPrivate), form);
  if (!parsed.success) return refuse(parsed.errors);
  const problem = await checkTarget(parsed.data.url, allowPrivate);
  if (problem) return refuse({ url: [problem] });
  const outcome = await createEndpoint(ctx, parsed.data, readIdempotencyKey(form));
  if (!outcome.ok) return refuse(outcome.problem.fields ?? {}, outcome.problem.message);
  // The secret is shown once, with this answer only.
  const { id, url, secret } = outcome.value;
  return json({ ...successData(null, { intent: "create" as const }), created: { id, url, secret } });
}

/** Only the create answer carries the new endpoint (its secret shown this once); the other answers are the one shape alone. */
function createdIn(data: object | undefined): CreatedEndpoint | null {
  return data && "created" in data ? (data.created as CreatedEndpoint) : null;
}

export default function WebhooksPage() {
  const { endpoints, allowPrivate, idempotencyKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const creating = busy && nav.formData?.get("intent") === "create";
  const created = createdIn(data);
  const otherFailure = data && !data.ok && data.intent !== "create" ? data.formError : null;
  const schema = useMemo(() => endpointSchema(allowPrivate), [allowPrivate]);
  const [form, fields] = useActionForm({ id: "add-endpoint", intent: "create", schema, answer: data });
  const eventErrors = Object.values(fields.eventTypes.allErrors).flat();
  const active = endpoints.filter((e) => !e.disabledAt).length;

  return (
    <div className="space-y-8">
      <PageHeader
        title="Webhooks"
        description="Send Baton events to your own systems. Each request is signed the Standard Webhooks way, retried with backoff when your endpoint fails, and logged below."
      />

      {otherFailure ? <FormError>{otherFailure}</FormError> : null}
      {data?.ok && data.intent === "disable" ? (
        <Alert tone="success" role="status">
          {data.notice}
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
        {/* A new key after each endpoint added: the form starts empty again. */}
        <Form method="post" className="space-y-6" {...getFormProps(form)} key={created?.id ?? "new"}>
          {form.errors ? <FormError errors={form.errors} /> : null}
          <div className="grid gap-4 md:grid-cols-2">
            <TextField
              label="Endpoint URL"
              type="url"
              inputMode="url"
              required
              maxLength={2000}
              placeholder="https://example.com/webhooks/baton"
              id={fields.url.id}
              {...textFieldProps(fields.url)}
              autoComplete="off"
            />
            <TextField
              label="Description (optional)"
              maxLength={200}
              placeholder="e.g. Sync approvals to our CRM"
              id={fields.description.id}
              {...textFieldProps(fields.description)}
            />
          </div>
          <EventTypesFieldset eventErrors={eventErrors} errorId={fields.eventTypes.errorId} checked={initialList(fields.eventTypes)} />
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

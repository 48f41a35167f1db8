import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { PlugIcon } from "~/components/icons";
import {
  Alert,
  Badge,
  Button,
  Card,
  CardSection,
  CheckboxField,
  CopyButton,
  EmptyState,
  FormError,
  PageHeader,
  Table,
  TBody,
  TD,
  TH,
  THead,
  TR,
  TextField,
  type Tone,
} from "~/components/ui";
import { IdempotencyKeyField } from "~/components/ui/idempotency-key-field";
import { WEBHOOK_EVENT_TYPES } from "~/modules/webhooks/events";
import {
  DELIVERY_LOG_SIZE,
  checkTarget,
  createEndpoint,
  disableEndpoint,
  endpointSchema,
  listEndpoints,
} from "~/modules/webhooks/endpoints.server";
import { requirePermission } from "~/modules/workspaces/authz.server";
import { env } from "~/utils/env.server";
import { badRequest, conflict, notFound, parseWith, readForm, type FieldErrors } from "~/utils/http.server";
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
    const result = await disableEndpoint(request, ctx, parsed.data.id);
    if (!result.ok) {
      if (result.status === 404) notFound(result.message);
      return conflict(result.message);
    }
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
  const result = await createEndpoint(request, ctx, parsed.data, readIdempotencyKey(form));
  if (!result.ok) return result.field === "url" ? refuse({ url: [result.message] }) : refuse({}, result.message);
  return json({
    ok: true as const,
    intent: "create" as const,
    created: { id: result.id, url: result.url, secret: result.secret },
    errors: {},
    formError: null,
  });
}

type Endpoint = SerializeFrom<typeof loader>["endpoints"][number];

function statusTone(code: number | null): Tone {
  if (code === null) return "danger";
  if (code >= 200 && code < 300) return "success";
  if (code >= 500) return "danger";
  return "warning";
}

const GROUPS = WEBHOOK_EVENT_TYPES.reduce<Record<string, string[]>>((acc, t) => {
  const group = t.split(".")[0];
  (acc[group] ??= []).push(t);
  return acc;
}, {});

const GROUP_LABELS: Record<string, string> = {
  member: "Members",
  onboarding: "Onboarding",
  access: "Platform access",
  brief: "Briefs",
  draft: "Drafts",
  deliverable: "Deliverables",
  conflict: "Conflicts",
};

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  if (endpoint.deliveries.length === 0) {
    return <p className="text-sm text-ink-muted">No deliveries yet. Attempts appear here as soon as a subscribed event happens.</p>;
  }
  return (
    <details className="group rounded-lg ring-1 ring-slate-200">
      <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-ink hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent [&::-webkit-details-marker]:hidden">
        <span className="mr-2 inline-block transition-transform group-open:rotate-90" aria-hidden="true">
          ›
        </span>
        Delivery log{" "}
        <span className="font-normal text-ink-muted">
          ({endpoint.deliveries.length === 1 ? "1 attempt" : `last ${Math.min(endpoint.deliveries.length, DELIVERY_LOG_SIZE)} attempts`})
        </span>
      </summary>
      <div className="border-t border-slate-200">
        <Table caption={`Delivery attempts to ${endpoint.url}, newest first`}>
          <THead>
            <TR>
              <TH>Time</TH>
              <TH>Event</TH>
              <TH>Attempt</TH>
              <TH>Status</TH>
              <TH>Error</TH>
            </TR>
          </THead>
          <TBody>
            {endpoint.deliveries.map((d) => (
              <TR key={d.id}>
                <TD className="whitespace-nowrap">
                  <time dateTime={d.at}>{d.when}</time>
                </TD>
                <TD className="whitespace-nowrap font-mono text-xs">{d.eventType}</TD>
                <TD className="tabular-nums">{d.attempt}</TD>
                <TD>
                  <Badge tone={statusTone(d.statusCode)}>{d.statusCode ?? "No response"}</Badge>
                  {d.durationMs !== null ? <span className="ml-2 text-xs text-ink-muted">{d.durationMs} ms</span> : null}
                </TD>
                <TD className="min-w-[12rem] max-w-sm break-words text-xs">{d.error ? d.error.slice(0, 300) : "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
    </details>
  );
}

function EndpointCard({ endpoint, busy }: { endpoint: Endpoint; busy: boolean }) {
  const disabled = Boolean(endpoint.disabledAt);
  return (
    <li className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            {disabled ? (
              <Badge tone="neutral">Disabled</Badge>
            ) : (
              <Badge tone="success" dot>
                Active
              </Badge>
            )}
            <h3 className="break-all font-mono text-sm font-semibold text-ink">{endpoint.url}</h3>
          </div>
          {endpoint.description ? <p className="mt-1 break-words text-sm text-ink-soft">{endpoint.description}</p> : null}
          <p className="mt-1 text-xs text-ink-muted">
            Secret <span className="font-mono">{endpoint.maskedSecret}</span> · added {endpoint.createdAt}
            {endpoint.disabledAt ? ` · disabled ${endpoint.disabledAt}` : ""}
          </p>
        </div>
        {!disabled ? (
          <Form method="post" className="shrink-0">
            <input type="hidden" name="intent" value="disable" />
            <input type="hidden" name="id" value={endpoint.id} />
            <Button type="submit" size="sm" variant="secondary" disabled={busy}>
              Disable<span className="sr-only"> {endpoint.url}</span>
            </Button>
          </Form>
        ) : null}
      </div>
      <div className="space-y-4 px-4 py-4 sm:px-6">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Events</p>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Subscribed events">
            {endpoint.eventTypes.map((t) => (
              <li key={t}>
                <Badge tone="info" className="font-mono">
                  {t}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
        <DeliveryLog endpoint={endpoint} />
      </div>
    </li>
  );
}

const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

function verify(secret, headers, rawBody) {
  const id = headers["webhook-id"];
  const ts = headers["webhook-timestamp"];
  // Refuse old messages (replays): 5 minutes of tolerance.
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = "v1," + createHmac("sha256", key)
    .update(\`\${id}.\${ts}.\${rawBody}\`).digest("base64");
  return headers["webhook-signature"].split(" ").some((sig) =>
    sig.length === expected.length &&
    timingSafeEqual(Buffer.from(sig), Buffer.from(expected)));
}`;

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
          <fieldset aria-describedby={eventErrors.length > 0 ? "event-types-error" : "event-types-hint"}>
            <legend className="text-sm font-medium text-ink">
              Events to send
              <span className="ml-0.5 text-red-600" aria-hidden="true">
                *
              </span>
            </legend>
            <p id="event-types-hint" className="mt-1 text-sm text-ink-muted">
              Pick at least one. Only these events are sent to this endpoint.
            </p>
            <div className="mt-4 grid gap-x-6 gap-y-5 sm:grid-cols-2 lg:grid-cols-3">
              {Object.entries(GROUPS).map(([group, types]) => (
                <div key={group}>
                  <p className="text-xs font-semibold uppercase tracking-wide text-ink-muted">{GROUP_LABELS[group] ?? group}</p>
                  <div className="mt-2 space-y-1.5">
                    {types.map((t) => (
                      <CheckboxField
                        key={t}
                        label={<span className="font-mono text-xs font-normal sm:text-sm">{t}</span>}
                        name="eventTypes"
                        value={t}
                        defaultChecked={values?.eventTypes.includes(t)}
                      />
                    ))}
                  </div>
                </div>
              ))}
            </div>
            {eventErrors.length > 0 ? (
              <p id="event-types-error" className="mt-3 text-sm text-red-700">
                {eventErrors.join(" ")}
              </p>
            ) : null}
          </fieldset>
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

      <Card
        flush
        title="How to verify signatures"
        description="Check every request before you trust it. Baton follows the Standard Webhooks specification, so its libraries work too."
      >
        <CardSection title="What Baton sends">
          <ul className="list-disc space-y-1.5 pl-5 text-sm text-ink-soft">
            <li>
              <code className="font-mono text-xs text-ink">webhook-id</code>: a unique message id (
              <code className="font-mono text-xs">msg_…</code>). Retries keep the same id, so use it to drop duplicates.
            </li>
            <li>
              <code className="font-mono text-xs text-ink">webhook-timestamp</code>: seconds since the Unix epoch. Refuse messages more than
              5 minutes old.
            </li>
            <li>
              <code className="font-mono text-xs text-ink">webhook-signature</code>: <code className="font-mono text-xs">v1,</code> followed
              by the base64 HMAC-SHA256 of <code className="font-mono text-xs">{"{webhook-id}.{webhook-timestamp}.{raw body}"}</code>, keyed
              with the secret's bytes (the base64 part after <code className="font-mono text-xs">whsec_</code>).
            </li>
            <li>Answer with any 2xx status within 10 seconds. Anything else is retried with growing delays.</li>
          </ul>
        </CardSection>
        <CardSection
          title="Example (Node.js)"
          description="Use the raw request body exactly as received: re-serialised JSON will not match."
        >
          <pre
            tabIndex={0}
            aria-label="Signature verification example in Node.js"
            className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs leading-relaxed text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent"
          >
            <code>{VERIFY_SNIPPET}</code>
          </pre>
        </CardSection>
      </Card>
    </div>
  );
}

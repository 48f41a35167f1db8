import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { webhookDeliveries, webhookEndpoints } from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { requestMeta } from "~/utils/http.server";
import { text } from "~/utils/text-schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { assertPublicTarget } from "./address-guard.server";
import { DELIVERY_LOG_SIZE, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events";
import { newWebhookSecret } from "./signature.server";

/** Active endpoints per workspace: enough for any real integration, and a bound on fan-out. */
export const MAX_ACTIVE_ENDPOINTS = 20;
const MAX_LISTED_ENDPOINTS = 100;

const EVENT_SET = new Set<string>(WEBHOOK_EVENT_TYPES);

/** The registration form; plain http:// is only accepted when private targets are allowed (development). */
export function endpointSchema(allowPrivate: boolean) {
  return z.object({
    url: text({
      required: "Enter the URL that should receive events.",
      min: 1,
      max: 2000,
      tooLong: "That URL is too long (2,000 characters at most).",
    })
      .pipe(z.string().url("Enter a full URL, like https://example.com/webhooks/baton."))
      .superRefine((value, ctx) => {
        let parsed: URL;
        try {
          parsed = new URL(value);
        } catch {
          return;
        }
        const okProtocol = parsed.protocol === "https:" || (allowPrivate && parsed.protocol === "http:");
        if (!okProtocol) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: allowPrivate ? "Use an http:// or https:// URL." : "Webhook endpoints must use https://.",
          });
        } else if (parsed.username || parsed.password) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: "Leave the user name and password out of the URL; verify the signature instead.",
          });
        }
      }),
    description: text({ max: 200, tooLong: "Keep the description under 200 characters." }).default(""),
    eventTypes: z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string(), { invalid_type_error: "Pick at least one event type." })
        .min(1, "Pick at least one event type.")
        .max(WEBHOOK_EVENT_TYPES.length, "Too many event types.")
        .refine((list) => list.every((t) => EVENT_SET.has(t)), "One of the event types is not one Baton sends.")
        .transform((list) => WEBHOOK_EVENT_TYPES.filter((t) => list.includes(t)) as WebhookEventType[]),
    ),
  });
}

export type EndpointInput = z.infer<ReturnType<typeof endpointSchema>>;

/** The only form in which a secret is shown after creation. */
export function maskSecret(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

/** Runs the address guard with a time limit and turns its failures into a message for the URL field. */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      assertPublicTarget(url, allowPrivate),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEOUT" })), 5000);
      }),
    ]);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") {
      return "We could not find that host name. Check the address for typos.";
    }
    if (code === "ETIMEOUT") return "Looking up that host name took too long. Try again, or check the address.";
    const message = error instanceof Error ? error.message : "";
    return message && !code ? message : "We could not check that address. Check it and try again.";
  } finally {
    clearTimeout(timer);
  }
}

export type CreateResult = { ok: true; id: string; url: string; secret: string } | { ok: false; field: "url" | "_form"; message: string };

/**
 * A repeated or concurrent submit of the same form (idempotency key) answers the first endpoint,
 * secret included for the person who created it: after a double click the browser shows only the
 * last answer, and the secret must not be lost with the first.
 */
export async function createEndpoint(
  request: Request,
  ctx: MemberContext,
  input: EndpointInput,
  idempotencyKey: string,
): Promise<CreateResult> {
  return db().transaction(async (tx): Promise<CreateResult> => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: idempotencyKey, kind: "webhook_endpoint" },
      () => insertEndpoint(tx, request, ctx, input),
      (r) => (r.ok ? r.id : null),
    );
    if (once.first) return once.value;
    const [first] = await tx
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.id, once.recordId),
          eq(webhookEndpoints.workspaceId, ctx.workspace.id),
          eq(webhookEndpoints.createdBy, ctx.user.id),
        ),
      )
      .limit(1);
    return first
      ? { ok: true, id: first.id, url: first.url, secret: first.secret }
      : { ok: false, field: "_form", message: "That endpoint no longer exists. Reload the page and try again." };
  });
}

/** The endpoint and its audit event: for the first submit of the form only. */
async function insertEndpoint(tx: Transaction, request: Request, ctx: MemberContext, input: EndpointInput): Promise<CreateResult> {
  const [active] = await tx
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, ctx.workspace.id), isNull(webhookEndpoints.disabledAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_ENDPOINTS) {
    return {
      ok: false as const,
      field: "_form" as const,
      message: `A workspace can have ${MAX_ACTIVE_ENDPOINTS} active endpoints. Disable one you no longer use first.`,
    };
  }
  const secret = newWebhookSecret();
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({
      workspaceId: ctx.workspace.id,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      secret,
      createdBy: ctx.user.id,
    })
    .returning({ id: webhookEndpoints.id });
  await recordAudit(tx, {
    workspaceId: ctx.workspace.id,
    actor: actorOf(ctx),
    action: "webhook.endpoint_created",
    objectType: "webhook_endpoint",
    objectId: row.id,
    data: { url: input.url, eventTypes: input.eventTypes },
    meta: requestMeta(request),
  });
  return { ok: true as const, id: row.id, url: input.url, secret };
}

export type DisableResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

export async function disableEndpoint(request: Request, ctx: MemberContext, endpointId: string): Promise<DisableResult> {
  return db().transaction(async (tx) => {
    const updated = await tx
      .update(webhookEndpoints)
      .set({ disabledAt: new Date() })
      .where(
        and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.workspace.id), isNull(webhookEndpoints.disabledAt)),
      )
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    const row = updated[0];
    if (!row) {
      const exists = await tx.query.webhookEndpoints.findFirst({
        where: and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.workspace.id)),
        columns: { id: true },
      });
      return exists
        ? { ok: false as const, status: 409 as const, message: "That endpoint is already disabled." }
        : { ok: false as const, status: 404 as const, message: "That endpoint does not exist." };
    }
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "webhook.endpoint_disabled",
      objectType: "webhook_endpoint",
      objectId: row.id,
      data: { url: row.url },
      meta: requestMeta(request),
    });
    return { ok: true as const };
  });
}

/** Endpoints of the workspace (active first, newest first) with their recent deliveries; never the secret. */
export async function listEndpoints(workspaceId: string) {
  const rows = await db()
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId))
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(MAX_LISTED_ENDPOINTS);
  rows.sort((a, b) => Number(Boolean(a.disabledAt)) - Number(Boolean(b.disabledAt)));
  return Promise.all(
    rows.map(async (e) => {
      const deliveries = await db()
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, e.id))
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(DELIVERY_LOG_SIZE);
      return {
        id: e.id,
        url: e.url,
        description: e.description,
        eventTypes: e.eventTypes,
        maskedSecret: maskSecret(e.secret),
        disabledAt: e.disabledAt,
        createdAt: e.createdAt,
        deliveries: deliveries.map((d) => ({
          id: d.id,
          messageId: d.messageId,
          eventType: d.eventType,
          attempt: d.attempt,
          statusCode: d.statusCode,
          error: d.error,
          durationMs: d.durationMs,
          createdAt: d.createdAt,
        })),
      };
    }),
  );
}

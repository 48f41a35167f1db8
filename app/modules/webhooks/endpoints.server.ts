import { and, count, desc, eq, isNull } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { conflict, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { assertPublicTarget } from "./address-guard.server";
import { DELIVERY_LOG_SIZE } from "./events";
import type { EndpointInput } from "./schemas";
import { newWebhookSecret } from "./signature.server";

/** Active endpoints per workspace: enough for any real integration, and a bound on fan-out. */
export const MAX_ACTIVE_ENDPOINTS = 20;
const MAX_LISTED_ENDPOINTS = 100;

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

export type CreatedEndpoint = { id: string; url: string; secret: string };

/**
 * A repeated or concurrent submit of the same form (idempotency key) answers the first endpoint,
 * secret included for the person who created it: after a double click the browser shows only the
 * last answer, and the secret must not be lost with the first.
 */
export async function createEndpoint(ctx: MemberContext, input: EndpointInput, idempotencyKey: string): Promise<Outcome<CreatedEndpoint>> {
  return db().transaction(async (tx): Promise<Outcome<CreatedEndpoint>> => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: idempotencyKey, kind: "webhook_endpoint" },
      () => insertEndpoint(tx, ctx, input),
      (r) => (r.ok ? r.value.id : null),
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
    // The form answers 400 for this, as for any refusal of the create form.
    return first
      ? ok({ id: first.id, url: first.url, secret: first.secret })
      : invalid("That endpoint no longer exists. Reload the page and try again.", undefined, { code: "replayed_gone" });
  });
}

/** The endpoint and its audit event: for the first submit of the form only. */
async function insertEndpoint(tx: Transaction, ctx: MemberContext, input: EndpointInput): Promise<Outcome<CreatedEndpoint>> {
  const [active] = await tx
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, ctx.workspace.id), isNull(webhookEndpoints.disabledAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_ENDPOINTS) {
    return invalid(`A workspace can have ${MAX_ACTIVE_ENDPOINTS} active endpoints. Disable one you no longer use first.`, undefined, {
      code: "endpoint_limit",
    });
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
  await audit(tx, ctx, {
    action: "webhook.endpoint_created",
    objectType: "webhook_endpoint",
    objectId: row.id,
    data: { url: input.url, eventTypes: input.eventTypes },
  });
  return ok({ id: row.id, url: input.url, secret });
}

export async function disableEndpoint(ctx: MemberContext, endpointId: string): Promise<Outcome> {
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
      return exists ? conflict("That endpoint is already disabled.") : notFound("That endpoint does not exist.");
    }
    await audit(tx, ctx, { action: "webhook.endpoint_disabled", objectType: "webhook_endpoint", objectId: row.id, data: { url: row.url } });
    return ok();
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

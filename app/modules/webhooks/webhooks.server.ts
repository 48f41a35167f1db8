import { and, eq, isNull } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@db/schema";
import { newId } from "@db/schema/columns";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { enqueue, type Job } from "~/modules/jobs/queue.server";
import type { WebhookEventType } from "./events";
import { assertPublicTarget } from "./address-guard.server";
import { signWebhook } from "./signature.server";

/** Queues one delivery per subscribed endpoint, in the caller's transaction (outbox). */
export async function emitWebhook(tx: Queryable, workspaceId: string, type: WebhookEventType, data: Record<string, unknown>) {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), isNull(webhookEndpoints.disabledAt)));
  const timestamp = new Date().toISOString();
  for (const endpoint of endpoints.filter((e) => e.eventTypes.includes(type))) {
    await enqueue(tx, {
      kind: "webhook",
      workspaceId,
      maxAttempts: 6,
      payload: { endpointId: endpoint.id, messageId: `msg_${newId()}`, type, body: { type, timestamp, data } },
    });
  }
}

/** The worker's side: sign the exact bytes sent, log every attempt, throw on failure to retry. */
export async function deliverWebhook(job: Job): Promise<void> {
  const { endpointId, messageId, type, body } = job.payload as { endpointId: string; messageId: string; type: string; body: unknown };
  const endpoint = await db().query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, endpointId) });
  if (!endpoint || endpoint.disabledAt) return;
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    await assertPublicTarget(endpoint.url, env().ALLOW_PRIVATE_WEBHOOKS);
    const res = await fetch(endpoint.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
      headers: {
        "content-type": "application/json",
        "user-agent": "Baton-Webhooks/1",
        "webhook-id": messageId,
        "webhook-timestamp": String(ts),
        "webhook-signature": signWebhook(endpoint.secret, messageId, ts, raw),
      },
      body: raw,
    });
    statusCode = res.status;
    if (!res.ok) error = `Receiver answered ${res.status}`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await db().insert(webhookDeliveries).values({
    endpointId, messageId, eventType: type, attempt: job.attempts, statusCode, error, durationMs: Date.now() - started,
  });
  if (error) throw new Error(error);
}

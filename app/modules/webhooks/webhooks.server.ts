import { and, eq, isNull } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@db/schema";
import { newId } from "@db/schema/columns";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { endpointKey } from "~/modules/jobs/lanes";
import { enqueue, type Job } from "~/modules/jobs/queue.server";
import type { WebhookEventType } from "./events";
import { postToTarget, resolveTarget, type Resolver } from "./address-guard.server";
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
      concurrencyKey: endpointKey(endpoint.id),
      payload: { endpointId: endpoint.id, messageId: `msg_${newId()}`, type, body: { type, timestamp, data } },
    });
  }
}

/** How long a receiver gets to answer one delivery. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface DeliveryOptions {
  timeoutMs?: number;
  /** The DNS lookup; tests inject one to play a rebinding DNS server. */
  resolve?: Resolver;
}

/**
 * The worker's side: sign the exact bytes sent, log every attempt, throw on failure to retry.
 * The host is resolved and checked once, and the request connects to that checked address.
 */
export async function deliverWebhook(job: Job, opts: DeliveryOptions = {}): Promise<void> {
  const { endpointId, messageId, type, body } = job.payload as { endpointId: string; messageId: string; type: string; body: unknown };
  const endpoint = await db().query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, endpointId) });
  if (!endpoint || endpoint.disabledAt) return;
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const target = await resolveTarget(endpoint.url, { allowPrivate: env().ALLOW_PRIVATE_WEBHOOKS, resolve: opts.resolve });
    const res = await postToTarget(target, {
      timeoutMs: opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
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
    if (res.status < 200 || res.status > 299) error = `Receiver answered ${res.status}`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await db()
    .insert(webhookDeliveries)
    .values({
      endpointId,
      messageId,
      eventType: type,
      attempt: job.attempts,
      statusCode,
      error,
      durationMs: Date.now() - started,
    });
  if (error) throw new Error(error);
}

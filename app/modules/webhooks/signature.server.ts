import { createHmac, randomBytes } from "node:crypto";
import { safeEqual } from "~/utils/crypto.server";

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ""), "base64");
}

/** Standard Webhooks: base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, sent as `v1,<sig>`. */
export function signWebhook(secret: string, msgId: string, timestampSec: number, body: string): string {
  const sig = createHmac("sha256", keyOf(secret)).update(`${msgId}.${timestampSec}.${body}`).digest("base64");
  return `v1,${sig}`;
}

/** The receiver's side of the algorithm, used by tests and documented for integrators. */
export function verifyWebhook(secret: string, headers: Headers, body: string, toleranceSec = 300, now = Date.now()): boolean {
  const id = headers.get("webhook-id");
  const ts = Number(headers.get("webhook-timestamp"));
  const sigs = (headers.get("webhook-signature") ?? "").split(" ");
  if (!id || !Number.isFinite(ts) || Math.abs(now / 1000 - ts) > toleranceSec) return false;
  const expected = signWebhook(secret, id, ts, body);
  return sigs.some((s) => safeEqual(s, expected));
}

import { z } from "zod";

/**
 * The key every create form carries (security.md 34): the page's loader makes one, the form sends
 * it back in a hidden field, and the create service records it once per workspace (or per user),
 * so a double click, a resent form or a retried request finds the first record instead of
 * creating another. Shared by the server and the pages; the server half is idempotency.server.ts.
 */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

/** Only a stale or tampered page sends a bad key: reloading gives a fresh one. */
export const IDEMPOTENCY_MESSAGE = "Reload the page and try again.";

export const idempotencyKeySchema = z
  .string({ required_error: IDEMPOTENCY_MESSAGE, invalid_type_error: IDEMPOTENCY_MESSAGE })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, IDEMPOTENCY_MESSAGE);

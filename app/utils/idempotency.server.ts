import { json } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { idempotencyKeys } from "@db/schema";
import { randomToken } from "./crypto.server";
import type { Transaction } from "./db.server";
import { IDEMPOTENCY_FIELD, IDEMPOTENCY_MESSAGE, idempotencyKeySchema } from "./idempotency";

/**
 * Create forms submitted once, even when submitted twice (security.md 34). The unique
 * (scope, key) of `idempotency_keys` decides which submit creates; every other one gets the first
 * record's id. Keys older than 30 days are deleted hourly (jobs/retention.server.ts, decision 063).
 */

/** What a key created; a key sent to another kind of form is refused. */
export type IdempotentKind =
  | "onboarding_link"
  | "campaign"
  | "deliverable"
  | "workspace"
  | "brand"
  | "agency"
  | "creator"
  | "invitation"
  | "webhook_endpoint"
  | "comment"
  | "custom_platform";

export interface FormKey {
  /** The workspace id, or the user id for forms outside a workspace (a new workspace). */
  scope: string;
  key: string;
  kind: IdempotentKind;
}

export type Once<T> = { first: true; value: T } | { first: false; recordId: string };

/** A fresh key for a create form's loader (the page renders it with IdempotencyKeyField). */
export function newIdempotencyKey(): string {
  return randomToken(16);
}

function refuse(status: 400 | 409, message: string): never {
  // `message` for the error page, `formError`/`errors` for pages that show the answer inline.
  throw json({ ok: false, errors: { [IDEMPOTENCY_FIELD]: [message] }, formError: message, message }, { status });
}

/** The form's key, or a 400 the person can act on (a page from before keys, or a tampered one). */
export function readIdempotencyKey(form: FormData): string {
  const parsed = idempotencyKeySchema.safeParse(form.get(IDEMPOTENCY_FIELD) ?? undefined);
  if (!parsed.success) refuse(400, IDEMPOTENCY_MESSAGE);
  return parsed.data;
}

/**
 * Runs `create` only for the first submit of a form key, inside the caller's transaction.
 *
 * The claim is an INSERT … ON CONFLICT DO NOTHING on the primary key: a concurrent submit of the
 * same key waits on the first one's uncommitted row, then conflicts once it commits and reads the
 * record id it stored. `recordIdOf` names the record `create` made; null means it refused the input
 * without throwing, and the claim is dropped so the corrected form can be sent with the same key.
 */
export async function createOnce<T>(
  tx: Transaction,
  formKey: FormKey,
  create: () => Promise<T>,
  recordIdOf: (value: T) => string | null,
): Promise<Once<T>> {
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ scope: formKey.scope, key: formKey.key, kind: formKey.kind })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  const where = and(eq(idempotencyKeys.scope, formKey.scope), eq(idempotencyKeys.key, formKey.key));
  if (claimed.length === 0) {
    const [existing] = await tx.select().from(idempotencyKeys).where(where).limit(1);
    if (!existing || existing.kind !== formKey.kind) refuse(409, `This form was already used for something else. ${IDEMPOTENCY_MESSAGE}`);
    // Cannot happen while every claim is finished or dropped in its own transaction; be explicit anyway.
    if (!existing.recordId) refuse(409, `This form is still being saved. ${IDEMPOTENCY_MESSAGE}`);
    return { first: false, recordId: existing.recordId };
  }
  const value = await create();
  const recordId = recordIdOf(value);
  if (recordId) await tx.update(idempotencyKeys).set({ recordId }).where(where);
  else await tx.delete(idempotencyKeys).where(where);
  return { first: true, value };
}

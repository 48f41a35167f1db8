import { and, eq, gt, isNull } from "drizzle-orm";
import { authTokens } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { MINUTE_MS } from "~/utils/time";

export type LinkPurpose = "magic_link" | "password_reset" | "email_verification";

// A verification link waits for someone finishing sign-up later in the day; sign-in links do not.
const LIFETIME_MIN: Record<LinkPurpose, number> = { magic_link: 20, password_reset: 30, email_verification: 24 * 60 };

export function linkLifetimeMinutes(purpose: LinkPurpose): number {
  return LIFETIME_MIN[purpose];
}

/** Issues a token (256 bits); only its SHA-256 is stored, with one purpose and one user. */
export async function issueLinkToken(tx: Queryable, purpose: LinkPurpose, userId: string, redirectTo?: string) {
  const token = randomToken();
  await tx.insert(authTokens).values({
    tokenHash: sha256(token),
    purpose,
    userId,
    redirectTo: redirectTo ?? null,
    expiresAt: new Date(Date.now() + LIFETIME_MIN[purpose] * MINUTE_MS),
  });
  return token;
}

/** Looks a token up without consuming it: opening a link (GET) must change nothing. */
export async function peekLinkToken(tx: Queryable, purpose: LinkPurpose, token: string) {
  const row = await tx.query.authTokens.findFirst({ where: eq(authTokens.tokenHash, sha256(token)) });
  if (!row || row.purpose !== purpose) return { state: "invalid" as const };
  if (row.consumedAt) return { state: "used" as const };
  if (row.expiresAt <= new Date()) return { state: "expired" as const };
  return { state: "valid" as const, row };
}

/** Consumes atomically: of concurrent redemptions exactly one gets the row back. */
export async function consumeLinkToken(tx: Queryable, purpose: LinkPurpose, token: string) {
  const rows = await tx
    .update(authTokens)
    .set({ consumedAt: new Date() })
    .where(
      and(
        eq(authTokens.tokenHash, sha256(token)),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.consumedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

import { desc, eq, ilike } from "drizzle-orm";
import { localEmails } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import type { VisitorContext } from "~/modules/workspaces/authz.server";
import { isId } from "~/utils/ids";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
export const MAILBOX_PAGE_SIZE = 100;

/**
 * The local mailbox holds sign-in links, so it exists only while the local driver is active and
 * only for requests from this machine (the address our own server saw, never a client header).
 */
export function mailboxAvailable(ctx: VisitorContext): boolean {
  if (env().RESEND_API_KEY) return false;
  const ip = ctx.actor.ip;
  return ip !== null && LOOPBACK.has(ip);
}

/** Anything else answers 404, exactly as if the mailbox did not exist. */
export function requireMailbox(ctx: VisitorContext): void {
  if (!mailboxAvailable(ctx)) notFound();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first; `to` matches any part of the recipient, case-insensitively. */
export async function listMailbox(opts: { to?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? MAILBOX_PAGE_SIZE, 1), 500);
  const to = opts.to?.trim().slice(0, 320);
  return db()
    .select({
      id: localEmails.id,
      to: localEmails.to,
      from: localEmails.from,
      subject: localEmails.subject,
      createdAt: localEmails.createdAt,
    })
    .from(localEmails)
    .where(to ? ilike(localEmails.to, `%${escapeLike(to)}%`) : undefined)
    .orderBy(desc(localEmails.createdAt), desc(localEmails.id))
    .limit(limit);
}

export async function mailboxMessage(id: string) {
  if (!isId(id)) return null;
  const row = await db().query.localEmails.findFirst({ where: eq(localEmails.id, id) });
  return row ?? null;
}

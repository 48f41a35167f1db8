import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { notificationPrefs, notifications } from "@db/schema";
import { db } from "~/utils/db.server";
import { notFound, ok, type Outcome } from "~/utils/outcome";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { NOTIFICATION_CATEGORIES, type EmailMode, type NotificationCategory } from "./categories";
import type { Preferences } from "./schemas";

export async function unreadCount(userId: string, workspaceId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function recentNotifications(userId: string, workspaceId: string, limit: number) {
  const rows = await db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId)))
    .orderBy(desc(notifications.createdAt))
    .limit(Math.min(limit, 200));
  return rows.map((n) => ({
    id: n.id,
    category: n.category,
    title: n.title,
    body: n.body,
    url: n.url,
    unread: !n.readAt,
    at: n.createdAt.toISOString(),
  }));
}

/** Marks the user's own notifications read; ids of anyone else's simply match nothing. */
export async function markRead(userId: string, workspaceId: string, ids: string[] | "all") {
  const scope = and(eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId), isNull(notifications.readAt));
  await db()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids === "all" ? scope : and(scope, inArray(notifications.id, ids.slice(0, 200))));
}

export async function preferencesOf(userId: string): Promise<Record<NotificationCategory, EmailMode>> {
  const rows = await db().select().from(notificationPrefs).where(eq(notificationPrefs.userId, userId));
  const out = Object.fromEntries(Object.keys(NOTIFICATION_CATEGORIES).map((c) => [c, "immediate"])) as Record<
    NotificationCategory,
    EmailMode
  >;
  for (const r of rows) if (r.category in out) out[r.category as NotificationCategory] = r.mode;
  return out;
}

export async function savePreferences(userId: string, prefs: Partial<Record<NotificationCategory, EmailMode>>) {
  await db().transaction(async (tx) => {
    for (const [category, mode] of Object.entries(prefs)) {
      if (!mode) continue;
      await tx
        .insert(notificationPrefs)
        .values({ userId, category, mode })
        .onConflictDoUpdate({ target: [notificationPrefs.userId, notificationPrefs.category], set: { mode } });
    }
  });
}

/* ------------------------------------------------------------------ the page's commands, (ctx, input) -> Outcome (decision 051) */

type Reader = Pick<MemberContext, "user" | "workspace">;

export async function markAllRead(ctx: Reader): Promise<Outcome> {
  await markRead(ctx.user.id, ctx.workspace.id, "all");
  return ok();
}

/** Only one of the member's own recent notifications; any other id is not there for them. */
export async function markOneRead(ctx: Reader, input: { id: string }): Promise<Outcome> {
  const mine = await recentNotifications(ctx.user.id, ctx.workspace.id, 200);
  if (!mine.some((n) => n.id === input.id)) return notFound("That notification does not exist.");
  await markRead(ctx.user.id, ctx.workspace.id, [input.id]);
  return ok();
}

export async function saveEmailPreferences(ctx: Reader, input: Preferences): Promise<Outcome> {
  await savePreferences(ctx.user.id, input);
  return ok();
}

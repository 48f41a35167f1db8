import { and, eq, gte, isNull } from "drizzle-orm";
import { notificationPrefs, notifications, users, workspaces } from "@db/schema";
import type { EmailProps, EmailTemplateName } from "@emails/index";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { queueEmail } from "~/modules/email/send.server";
import { enqueue } from "~/modules/jobs/queue.server";
import type { EmailMode, NotificationCategory } from "./categories";
import { DAY_MS } from "~/utils/time";

export interface NotifyInput<N extends EmailTemplateName> {
  workspaceId: string;
  userId: string;
  category: NotificationCategory;
  title: string;
  body?: string;
  url?: string;
  email?: { template: N; props: EmailProps<N> };
}

export async function emailModeFor(tx: Queryable, userId: string, category: NotificationCategory): Promise<EmailMode> {
  const pref = await tx.query.notificationPrefs.findFirst({
    where: and(eq(notificationPrefs.userId, userId), eq(notificationPrefs.category, category)),
  });
  return pref?.mode ?? "immediate";
}

/**
 * The one call a capability makes to tell someone something: the in-app notification and, as the
 * person prefers, the queued email, both in the caller's transaction.
 */
export async function notify<N extends EmailTemplateName>(tx: Queryable, input: NotifyInput<N>): Promise<void> {
  await tx.insert(notifications).values({
    workspaceId: input.workspaceId,
    userId: input.userId,
    category: input.category,
    title: input.title.slice(0, 300),
    body: (input.body ?? "").slice(0, 2000),
    url: input.url ?? null,
  });
  if (!input.email) return;
  const mode = await emailModeFor(tx, input.userId, input.category);
  const user = await tx.query.users.findFirst({ where: eq(users.id, input.userId), columns: { email: true } });
  if (!user) return;
  if (mode === "immediate") {
    await queueEmail(tx, { to: user.email, template: input.email.template, props: input.email.props }, { workspaceId: input.workspaceId });
  } else if (mode === "digest") {
    const day = new Date().toISOString().slice(0, 10);
    const runAt = new Date(`${day}T17:00:00.000Z`);
    if (runAt < new Date()) runAt.setUTCDate(runAt.getUTCDate() + 1);
    await enqueue(tx, {
      kind: "notification-digest",
      payload: { userId: input.userId, workspaceId: input.workspaceId },
      runAt,
      dedupeKey: `digest:${input.userId}:${input.workspaceId}:${runAt.toISOString().slice(0, 10)}`,
    });
  }
}

/**
 * The daily digest job: every unread notification of the last day in the digest categories.
 * `jobId` keys the queued email, so a digest job run twice (lost completion) queues it once.
 */
export async function sendNotificationDigest(userId: string, workspaceId: string, now: Date, jobId?: string): Promise<void> {
  const since = new Date(now.getTime() - DAY_MS);
  const [user, workspace] = await Promise.all([
    db().query.users.findFirst({ where: eq(users.id, userId) }),
    db().query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId) }),
  ]);
  if (!user || !workspace) return;
  const prefs = await db().select().from(notificationPrefs).where(eq(notificationPrefs.userId, userId));
  const digestCategories = new Set(prefs.filter((p) => p.mode === "digest").map((p) => p.category));
  const unread = (
    await db()
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          eq(notifications.workspaceId, workspaceId),
          isNull(notifications.readAt),
          gte(notifications.createdAt, since),
        ),
      )
  ).filter((n) => digestCategories.has(n.category));
  if (unread.length === 0) return;
  await queueEmail(
    db(),
    {
      to: user.email,
      template: "notification-digest",
      props: {
        workspace: { name: workspace.name, logoUrl: workspace.logoUrl, accentColor: workspace.accentColor },
        recipientName: user.name,
        items: unread.map((n) => ({
          title: n.title,
          body: n.body,
          url: n.url ? `${env().APP_URL}${n.url}` : `${env().APP_URL}/w/${workspace.slug}`,
        })),
        url: `${env().APP_URL}/w/${workspace.slug}/notifications`,
      },
    },
    { workspaceId, dedupeKey: jobId ? `digest-email:${jobId}` : undefined },
  );
}

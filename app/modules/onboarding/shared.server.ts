import type { workspaces } from "@db/schema";
import type { onboardingLinks } from "@db/schema";
import type { WorkspaceBranding } from "@emails/index";
import type { Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatIn, formatDateIn } from "~/utils/time";
import { DEFAULT_LOCALE, INTL_LOCALE, type Locale } from "~/modules/i18n/locales";
import { enqueue } from "~/modules/jobs/queue.server";
import { ACCOUNT_MANAGER_ALERT_AFTER_MS, clientReminderDueTimes } from "./reminders";

export type LinkRow = typeof onboardingLinks.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;

export const JOB = {
  clientReminder: "onboarding.client-reminder",
  forwardReminder: "onboarding.forward-reminder",
  stallCheck: "onboarding.stall-check",
  forwardStallCheck: "onboarding.forward-stall-check",
} as const;

export function brandingOf(ws: Pick<WorkspaceRow, "name" | "logoUrl" | "accentColor">): WorkspaceBranding {
  return { name: ws.name, logoUrl: ws.logoUrl, accentColor: ws.accentColor };
}

/** The audit event of a fix link sent after a rejection; the link page reads it to keep fix links out of "Forwarded steps". */
export const FIX_LINK_SENT = "onboarding.fix_link_sent";

export const linkUrl = (token: string) => `${env().APP_URL}/onboard/${token}`;
export const stepLinkUrl = (token: string) => `${env().APP_URL}/onboard/step/${token}`;
export const agencyLinkPath = (slug: string, linkId: string) => `/w/${slug}/onboarding/${linkId}`;

/** "Friday, 14 March 2025": emails carry dates already formatted (UTC, the link's own clock). */
export function emailDate(d: Date, locale: Locale = DEFAULT_LOCALE): string {
  // English keeps its long-standing wording; other languages take Intl's own full date.
  return locale === DEFAULT_LOCALE ? formatIn(d, "UTC", "cccc, d LLLL yyyy") : formatDateIn(d, "UTC", INTL_LOCALE[locale], "weekday");
}

/** "Friday, 14 March 2025 at 14:30 UTC" */
export function emailDateTime(d: Date): string {
  return formatIn(d, "UTC", "cccc, d LLLL yyyy 'at' HH:mm ZZZZ");
}

/** The client's three reminders, one job per due time (dedupe key), carrying the link's address sealed. */
export async function scheduleClientReminders(
  tx: Queryable,
  link: Pick<LinkRow, "id" | "workspaceId" | "createdAt" | "tokenHash">,
  url: string,
  now: Date,
) {
  const due = clientReminderDueTimes(link.createdAt);
  for (const [i, runAt] of due.entries()) {
    if (runAt.getTime() <= now.getTime()) continue;
    await enqueue(tx, {
      kind: JOB.clientReminder,
      workspaceId: link.workspaceId,
      runAt,
      dedupeKey: `onb-remind:${link.id}:${link.tokenHash.slice(0, 12)}:${i + 1}`,
      payload: { linkId: link.id },
      secret: { url },
    });
  }
}

/** One stall check 48 hours after each piece of progress: the alert fires once per stall. */
export async function scheduleStallCheck(tx: Queryable, link: Pick<LinkRow, "id" | "workspaceId">, progressAt: Date) {
  await enqueue(tx, {
    kind: JOB.stallCheck,
    workspaceId: link.workspaceId,
    runAt: new Date(progressAt.getTime() + ACCOUNT_MANAGER_ALERT_AFTER_MS),
    dedupeKey: `onb-stall:${link.id}:${progressAt.toISOString()}`,
    payload: { linkId: link.id },
  });
}

export async function scheduleForwardJobs(tx: Queryable, forward: { id: string; workspaceId: string; createdAt: Date }, url: string) {
  for (const [i, runAt] of clientReminderDueTimes(forward.createdAt).entries()) {
    await enqueue(tx, {
      kind: JOB.forwardReminder,
      workspaceId: forward.workspaceId,
      runAt,
      dedupeKey: `onb-fwd-remind:${forward.id}:${i + 1}`,
      payload: { forwardId: forward.id },
      secret: { url },
    });
  }
  await enqueue(tx, {
    kind: JOB.forwardStallCheck,
    workspaceId: forward.workspaceId,
    runAt: new Date(forward.createdAt.getTime() + ACCOUNT_MANAGER_ALERT_AFTER_MS),
    dedupeKey: `onb-fwd-stall:${forward.id}`,
    payload: { forwardId: forward.id },
  });
}

/**
 * The one person accountable for a link: its account manager, else whoever created it. Alerted when
 * the link stalls, named to the client as their contact, and the holder of its grants to verify on
 * insights' "stuck now".
 */
export function accountableFor(link: Pick<LinkRow, "accountManagerId" | "createdBy">): string | null {
  return link.accountManagerId ?? link.createdBy ?? null;
}

/** The people told about a link: its account manager and whoever created it (once each). */
export function teamOf(link: Pick<LinkRow, "accountManagerId" | "createdBy">): string[] {
  return [...new Set([link.accountManagerId, link.createdBy].filter((v): v is string => Boolean(v)))];
}

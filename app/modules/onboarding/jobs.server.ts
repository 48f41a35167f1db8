import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { accessSteps, onboardingLinks, stepForwards, workspaces } from "@db/schema";
import type { EmailProps } from "@emails/index";
import { db, type Queryable } from "~/utils/db.server";
import { sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { queueEmail } from "~/modules/email/send.server";
import { notify } from "~/modules/notifications/notify.server";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { pinnedVersionsFor } from "./custom-platforms.server";
import { stepPlatformName } from "./step-platform";
import { isOpenForClient, readIntake } from "./link-model";
import { accountManagerAlertDue, dueClientReminder, forwardedStepAlertDue } from "./reminders";
import { openClientSteps } from "./client.server";
import { accountableFor, agencyLinkPath, brandingOf, emailDate, emailDateTime, JOB, type LinkRow } from "./shared.server";
import type { AccessStatus } from "./access-status";
import { HOUR_MS } from "~/utils/time";
import { asLocale } from "~/modules/i18n/locales";

/**
 * Reminders and alerts of onboarding links. Each job is scheduled for one due time (dedupe key);
 * the handler asks the pure rule in reminders.ts whether something is still due at the worker's
 * clock and records what it sent with a compare-and-set, so each due time sends at most once.
 */

// The link's address (with its token) is sealed in the job row: `sealed: ["url"]` below.
const linkPayload = z.object({ linkId: payloadId });
const forwardPayload = z.object({ forwardId: payloadId });
const withUrl = { url: z.string().url() };

function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

/**
 * Reminder n, at most once: the count read is bumped with a compare-and-set (a concurrent run that
 * got there first makes this one stop), then the email is queued in the same transaction.
 */
async function sendReminder(
  tx: Queryable,
  table: typeof onboardingLinks | typeof stepForwards,
  row: { id: string; remindersSent: number },
  n: number,
  email: {
    to: string;
    workspaceId: string;
    dedupeKey: string;
    props: Omit<EmailProps<"onboarding-reminder">, "workspace" | "reminderNumber">;
  },
) {
  const claimed = await tx
    .update(table)
    .set({ remindersSent: n })
    .where(and(eq(table.id, row.id), eq(table.remindersSent, row.remindersSent)))
    .returning({ id: table.id });
  if (!claimed[0]) return;
  const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, email.workspaceId)))[0];
  await queueEmail(
    tx,
    { to: email.to, template: "onboarding-reminder", props: { workspace: brandingOf(workspace), reminderNumber: n, ...email.props } },
    { workspaceId: email.workspaceId, dedupeKey: email.dedupeKey },
  );
}

async function clientReminder({ linkId, url }: { linkId: string; url: string }, now: Date) {
  await db().transaction(async (tx) => {
    const link = (await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)).for("update"))[0];
    // A re-issued link's old reminders carry the old address: they stop here.
    if (!link || link.revokedAt || link.replacedById || !link.clientEmail || link.tokenHash !== sha256(tokenOf(url))) return;
    if (link.expiresAt.getTime() <= now.getTime()) return;
    const locale = asLocale(link.locale);
    const open = await openClientSteps(tx, link, locale);
    const issuedAt = readIntake(link.intake).issuedAt;
    const n = dueClientReminder({
      createdAt: issuedAt ? new Date(issuedAt) : link.createdAt,
      remindersSent: link.remindersSent,
      now,
      openSteps: open.length,
    });
    if (n === null) return;
    await sendReminder(tx, onboardingLinks, link, n, {
      to: link.clientEmail,
      workspaceId: link.workspaceId,
      dedupeKey: `onb-remind-email:${link.id}:${link.tokenHash.slice(0, 12)}:${n}`,
      props: {
        clientName: link.clientName,
        recipientName: readIntake(link.intake).recipientName || null,
        openSteps: open,
        url,
        expiresAt: emailDate(link.expiresAt, locale),
        locale,
      },
    });
  });
}

async function forwardReminder({ forwardId, url }: { forwardId: string; url: string }, now: Date) {
  await db().transaction(async (tx) => {
    const forward = (await tx.select().from(stepForwards).where(eq(stepForwards.id, forwardId)).for("update"))[0];
    if (!forward || forward.revokedAt || forward.expiresAt.getTime() <= now.getTime()) return;
    const [step, link] = await Promise.all([
      tx.query.accessSteps.findFirst({ where: eq(accessSteps.id, forward.stepId) }),
      tx.query.onboardingLinks.findFirst({ where: eq(onboardingLinks.id, forward.linkId) }),
    ]);
    if (!step || !link || link.revokedAt) return;
    const open = isOpenForClient(step.status as AccessStatus) ? 1 : 0;
    const n = dueClientReminder({ createdAt: forward.createdAt, remindersSent: forward.remindersSent, now, openSteps: open });
    if (n === null) return;
    // The colleague reads the step in the link's language, as its page and its first email (decision 060).
    const locale = asLocale(link.locale);
    await sendReminder(tx, stepForwards, forward, n, {
      to: forward.email,
      workspaceId: link.workspaceId,
      dedupeKey: `onb-fwd-remind-email:${forward.id}:${n}`,
      props: {
        clientName: link.clientName,
        recipientName: forward.name,
        openSteps: [stepPlatformName(step, await pinnedVersionsFor(tx, [step]), locale)],
        url,
        expiresAt: emailDate(forward.expiresAt, locale),
        locale,
      },
    });
  });
}

/** The link's account manager (else the first of its team) hears that it stalled: in the app and by the access-alert email. */
async function alertAccountManager(
  tx: Queryable,
  link: LinkRow,
  alert: { title: string; body: string; openSteps: string[]; hoursWithoutProgress: number; lastActivity: Date },
) {
  const recipient = accountableFor(link);
  if (!recipient) return;
  const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
  const path = agencyLinkPath(workspace.slug, link.id);
  await notify(tx, {
    workspaceId: link.workspaceId,
    userId: recipient,
    category: "onboarding",
    title: alert.title,
    body: alert.body,
    url: path,
    email: {
      template: "access-alert",
      props: {
        workspace: brandingOf(workspace),
        clientName: link.clientName,
        openSteps: alert.openSteps,
        hoursWithoutProgress: alert.hoursWithoutProgress,
        lastActivity: emailDateTime(alert.lastActivity),
        url: `${env().APP_URL}${path}`,
      },
    },
  });
}

async function stallCheck({ linkId }: { linkId: string }, now: Date) {
  await db().transaction(async (tx) => {
    const link = (await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)).for("update"))[0];
    if (!link || link.revokedAt || link.replacedById || !link.lastProgressAt) return;
    const steps = await tx.select().from(accessSteps).where(eq(accessSteps.linkId, link.id));
    const openRequired = steps.filter((s) => s.required && isOpenForClient(s.status as AccessStatus));
    const due = accountManagerAlertDue({
      lastProgressAt: link.lastProgressAt,
      alertedForProgressAt: link.alertedForProgressAt,
      now,
      hasOpenRequiredStep: openRequired.length > 0,
    });
    if (!due) return;
    const claimed = await tx
      .update(onboardingLinks)
      .set({ alertedForProgressAt: link.lastProgressAt })
      .where(and(eq(onboardingLinks.id, link.id), eq(onboardingLinks.lastProgressAt, link.lastProgressAt)))
      .returning({ id: onboardingLinks.id });
    if (!claimed[0]) return;
    const hours = Math.floor((now.getTime() - link.lastProgressAt.getTime()) / HOUR_MS);
    const pinned = await pinnedVersionsFor(tx, openRequired);
    const names = openRequired.map((s) => stepPlatformName(s, pinned));
    await alertAccountManager(tx, link, {
      title: `No onboarding progress from ${link.clientName} in ${hours} hours`,
      body: `Still open: ${names.join(", ")}.`,
      openSteps: names,
      hoursWithoutProgress: hours,
      lastActivity: link.lastProgressAt,
    });
  });
}

async function forwardStallCheck({ forwardId }: { forwardId: string }, now: Date) {
  const forward = await db().query.stepForwards.findFirst({ where: eq(stepForwards.id, forwardId) });
  if (!forward || forward.revokedAt) return;
  const [step, link] = await Promise.all([
    db().query.accessSteps.findFirst({ where: eq(accessSteps.id, forward.stepId) }),
    db().query.onboardingLinks.findFirst({ where: eq(onboardingLinks.id, forward.linkId) }),
  ]);
  if (!step || !link || link.revokedAt) return;
  if (
    !forwardedStepAlertDue({
      createdAt: forward.createdAt,
      alertedAt: null,
      now,
      isOpen: step.required && isOpenForClient(step.status as AccessStatus),
    })
  )
    return;
  const platformName = stepPlatformName(step, await pinnedVersionsFor(db(), [step]));
  await db().transaction((tx) =>
    alertAccountManager(tx, link, {
      title: `${forward.name ?? forward.email} has not done the forwarded ${platformName} step`,
      body: `${link.clientName} forwarded it 48 hours ago.`,
      openSteps: [`${platformName} (forwarded to ${forward.email})`],
      hoursWithoutProgress: 48,
      lastActivity: forward.createdAt,
    }),
  );
}

/** Background jobs of the onboarding capability (reminders, escalations), registered in jobs/handlers.server.ts. */
export const onboardingJobs = {
  [JOB.clientReminder]: defineJob({
    payload: linkPayload.extend(withUrl),
    sealed: ["url"],
    run: (payload, _job, now) => clientReminder(payload, now),
  }),
  [JOB.forwardReminder]: defineJob({
    payload: forwardPayload.extend(withUrl),
    sealed: ["url"],
    run: (payload, _job, now) => forwardReminder(payload, now),
  }),
  [JOB.stallCheck]: defineJob({ payload: linkPayload, run: (payload, _job, now) => stallCheck(payload, now) }),
  [JOB.forwardStallCheck]: defineJob({ payload: forwardPayload, run: (payload, _job, now) => forwardStallCheck(payload, now) }),
};

import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { brands, jobs, users, workspaces } from "@db/schema";
import { SIGNOFF_DIGEST_LIMIT } from "@emails/signoff-digest";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { channelLabel } from "~/modules/channels/channels";
import { queueEmail } from "~/modules/email/send.server";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { emailModeFor } from "~/modules/notifications/notify.server";
import { systemContext } from "~/modules/workspaces/authz.server";
import { digestLinkExpiry } from "../decision-links/link-rules";
import { issueLink } from "../decision-links/tokens.server";
import { timeFor, workspaceEmailContext } from "../people.server";
import { formatCountdown, isAtRisk } from "../signoff-rule";
import { digestLinkUrl, signerSeat } from "./context.server";
import { signOffsWaiting, type WaitingSignOff } from "./pending.server";
import { isDigestSlot, slotDate } from "./schedule";
import { ensureSignoffDigestScheduled, SIGNOFF_DIGEST_JOB } from "./schedule.server";

/**
 * The daily sign-off digest (issue 17 part 3). One job per brand, due at 08:00 in the brand's zone
 * (schedule.ts); each run emails every person who holds a sign-off of that brand (a brand lead of
 * it, or one invited who has not joined yet) one list with one personal link, then schedules the
 * next 08:00, as the coordinators' conflict digest does. The job's dedupe key is its slot, and each
 * email's is the brand, the person and the brand's local date: however many times a run happens or
 * a process asks for the job, a person gets one digest per brand per day.
 */

const payload = z.object({
  brandId: payloadId,
  /** The 08:00 this run is for (ISO): its local date names the day, and a zone changed since is noticed. */
  at: z.string().datetime(),
});

/** The brand's email key for one person and one local date. */
const emailKey = (brandId: string, userId: string, localDate: string) => `${SIGNOFF_DIGEST_JOB}:email:${brandId}:${userId}:${localDate}`;

async function alreadyQueued(tx: Queryable, dedupeKey: string): Promise<boolean> {
  const found = await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.dedupeKey, dedupeKey)).limit(1);
  return found.length > 0;
}

/** Who holds which of the brand's waiting sign-offs: person → their rows, most urgent first. */
function byHolder(waiting: readonly WaitingSignOff[]): Map<string, WaitingSignOff[]> {
  const map = new Map<string, WaitingSignOff[]>();
  for (const w of waiting) for (const id of w.holderIds) map.set(id, [...(map.get(id) ?? []), w]);
  return map;
}

/**
 * One brand's digest for the 08:00 `at`, run at `now`; answers how many emails were queued. Each
 * email and its link are written in one transaction with the next run's job.
 */
export async function runSignoffDigest(input: { brandId: string; at: Date }, now: Date): Promise<number> {
  const brand = await db().query.brands.findFirst({ where: eq(brands.id, input.brandId) });
  if (!brand) return 0; // The brand is gone: so is its digest.
  const workspace = await db().query.workspaces.findFirst({ where: eq(workspaces.id, brand.workspaceId) });
  if (!workspace) return 0;
  // Never schedule the next run at or before this one (a run early or late still hands on to tomorrow).
  const next = new Date(Math.max(now.getTime(), input.at.getTime()));
  if (!isDigestSlot(input.at, brand.timeZone)) {
    // The brand moved to another zone since this was scheduled: nothing at the wrong hour, the right 08:00 instead.
    await db().transaction((tx) => ensureSignoffDigestScheduled(tx, brand, now));
    return 0;
  }
  const localDate = slotDate(input.at, brand.timeZone);
  const waiting = await signOffsWaiting(db(), systemContext(workspace, "sign-off digest"), { brandId: brand.id, now });
  const holders = byHolder(waiting);
  const people = holders.size
    ? await db()
        .select()
        .from(users)
        .where(inArray(users.id, [...holders.keys()]))
    : [];
  const { branding, slug } = await workspaceEmailContext(db(), workspace.id);
  let queued = 0;
  await db().transaction(async (tx) => {
    for (const person of people) {
      const key = emailKey(brand.id, person.id, localDate);
      // Today's is out already: no second email, and no second link that nothing could open.
      if (await alreadyQueued(tx, key)) continue;
      if ((await emailModeFor(tx, person.id, "approvals")) === "off") continue;
      const seat = await signerSeat(tx, { workspace, brandId: brand.id, person, now });
      // Only those who give this brand's sign-off: anyone else's link would open nothing.
      if (seat.kind !== "lead") continue;
      const rows = holders.get(person.id) ?? [];
      const expiresAt = digestLinkExpiry(now);
      const token = await issueLink(tx, { purpose: "digest", workspaceId: workspace.id, userId: person.id, brandId: brand.id, expiresAt });
      await queueEmail(
        tx,
        {
          to: person.email,
          template: "signoff-digest",
          props: {
            workspace: branding,
            recipientName: person.name,
            brandName: brand.name,
            total: rows.length,
            items: rows.slice(0, SIGNOFF_DIGEST_LIMIT).map((w) => ({
              title: w.row.title,
              campaignName: w.campaign.name,
              channelLabel: channelLabel(w.row.channel),
              creatorName: w.creatorName,
              version: w.row.currentVersion,
              deadline: timeFor(w.deadline, person.timeZone, brand.timeZone),
              timeLeft: formatCountdown(w.deadline.getTime() - now.getTime()),
              urgent: isAtRisk(w.deadline.getTime() - now.getTime()),
            })),
            url: digestLinkUrl(token),
            expiresAt: timeFor(expiresAt, person.timeZone, brand.timeZone),
            signInUrl: seat.invited ? null : `${env().APP_URL}/w/${slug}/approvals?mine=1`,
          },
        },
        { workspaceId: workspace.id, dedupeKey: key },
      );
      queued++;
    }
    await ensureSignoffDigestScheduled(tx, brand, next);
  });
  return queued;
}

/** Background jobs of the sign-off digest, registered in jobs/handlers.server.ts. */
export const signoffDigestJobs = {
  [SIGNOFF_DIGEST_JOB]: defineJob({ payload, run: (p, _job, now) => runSignoffDigest({ brandId: p.brandId, at: new Date(p.at) }, now) }),
};

import { asLocale } from "~/modules/i18n/locales";
import { and, desc, eq, isNull } from "drizzle-orm";
import { accessSteps, onboardingLinks, stepForwards } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { audit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { notify } from "~/modules/notifications/notify.server";
import { recordLinkVerified } from "~/modules/insights/access-facts.server";
import type { ActorContext, MemberContext } from "~/modules/workspaces/authz.server";
import { linkScope } from "~/modules/workspaces/scope.server";
import { pinnedVersionsFor } from "./custom-platforms.server";
import { stepPlatformName } from "./step-platform";
import { isAccessStatus, type AccessEvent } from "./access-status";
import { progressOf, readIntake } from "./link-model";
import { formatTimeTaken, linkTimeToVerified } from "./progress";
import { agencyLinkPath, brandingOf, emailDateTime, FIX_LINK_SENT, stepLinkUrl, teamOf, type LinkRow } from "./shared.server";
import { applyStepEvent, type StepRow } from "./steps.server";
import { DAY_MS } from "~/utils/time";
import { notFound, ok, type Outcome } from "~/utils/outcome";
import { agencyT } from "~/modules/i18n/agency";

/** The agency's decisions on one platform step of a link, and what they set off (fix links, "all verified"). */

/**
 * The agency decides on one step: verify (one click; who and when recorded), reject with a reason
 * (the step reopens and whoever must fix it gets an email with a link to that step), mark revoked,
 * reopen, or drop it as not applicable.
 */
export async function decideStep(
  ctx: MemberContext,
  input: {
    linkId: string;
    stepId: string;
    event: Extract<AccessEvent, "verify" | "reject" | "revoke" | "reopen" | "mark_not_applicable">;
    reason?: string;
    version?: number;
  },
  now = new Date(),
): Promise<Outcome<string>> {
  return db().transaction(async (tx) => {
    const linkRows = await tx
      .select()
      .from(onboardingLinks)
      .where(and(eq(onboardingLinks.id, input.linkId), linkScope(ctx), isNull(onboardingLinks.replacedById)))
      .for("update");
    const link = linkRows[0];
    if (!link) return notFound(agencyT("errors.linkNotFound"));
    const stepRows = await tx
      .select()
      .from(accessSteps)
      .where(and(eq(accessSteps.id, input.stepId), eq(accessSteps.linkId, link.id)))
      .for("update");
    const step = stepRows[0];
    if (!step) return notFound(agencyT("errors.stepNotFound"));
    const result = await applyStepEvent(tx, ctx, {
      step,
      event: input.event,
      actor: "agency",
      reason: input.reason,
      expectedVersion: input.version,
      now,
    });
    if (!result.ok) return result;
    const platformName = stepPlatformName(step, await pinnedVersionsFor(tx, [step]));

    if (input.event === "reject") {
      // The client has work again: the link is no longer finished.
      await tx.update(onboardingLinks).set({ completedAt: null, allVerifiedAt: null }).where(eq(onboardingLinks.id, link.id));
      const sentTo = await sendFixLink(tx, link, step, ctx, input.reason ?? "", now);
      return ok(
        sentTo
          ? agencyT("notices.rejectedEmailed", { platform: platformName, sentTo })
          : agencyT("notices.rejectedNoEmail", { platform: platformName }),
      );
    }
    if (input.event === "revoke" || input.event === "reopen") {
      await tx
        .update(onboardingLinks)
        .set({ allVerifiedAt: null, ...(input.event === "reopen" ? { completedAt: null } : {}) })
        .where(eq(onboardingLinks.id, link.id));
    }
    if (input.event === "verify" || input.event === "mark_not_applicable") await maybeAllVerified(tx, link, ctx, now);
    return ok(agencyT(`notices.decided.${input.event}`, { platform: platformName }));
  });
}

/** When every platform step is settled and the client finished, the team hears it once (after a person's or a check's verification). */
export async function maybeAllVerified(tx: Queryable, link: LinkRow, ctx: ActorContext, now: Date) {
  const steps = await tx.select().from(accessSteps).where(eq(accessSteps.linkId, link.id));
  const fresh = (await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, link.id)))[0];
  const progress = progressOf(fresh, steps);
  if (!progress.complete || !progress.allVerified || steps.length === 0 || fresh.allVerifiedAt) return;
  const pinned = await pinnedVersionsFor(tx, steps);
  await tx
    .update(onboardingLinks)
    .set({ allVerifiedAt: now })
    .where(and(eq(onboardingLinks.id, link.id), isNull(onboardingLinks.allVerifiedAt)));
  // Insights (decision 053): time to verified access, per link.
  await recordLinkVerified(tx, ctx, { linkId: link.id, steps });
  const path = agencyLinkPath(ctx.workspace.slug, link.id);
  const took = linkTimeToVerified({
    createdAt: fresh.createdAt,
    platformSteps: steps.map((s) => ({ status: isAccessStatus(s.status) ? s.status : "requested", verifiedAt: s.verifiedAt })),
  });
  for (const userId of teamOf(link)) {
    await notify(tx, {
      workspaceId: link.workspaceId,
      userId,
      category: "onboarding",
      title: agencyT("notices.allVerifiedTitle", { client: link.clientName }),
      body: agencyT("notices.allVerifiedBody"),
      url: path,
      email: {
        template: "access-all-verified",
        props: {
          workspace: brandingOf(ctx.workspace),
          clientName: link.clientName,
          url: `${env().APP_URL}${path}`,
          verifiedAt: emailDateTime(now),
          timeToVerified: took === null ? null : formatTimeTaken(took),
          platforms: steps.filter((s) => s.status === "verified").map((s) => stepPlatformName(s, pinned)),
        },
      },
    });
  }
}

/**
 * A rejected grant has to be fixed by whoever did it: the colleague it was forwarded to, else the
 * client. Tokens are stored hashed, so the old link cannot be resent: a new link to this one step
 * goes out, with the agency's reason. Returns who was emailed, or null.
 */
async function sendFixLink(
  tx: Queryable,
  link: LinkRow,
  step: StepRow,
  ctx: MemberContext,
  reason: string,
  now: Date,
): Promise<string | null> {
  const issued = await issueStepLink(tx, link, step, ctx, {
    reason,
    expiresAt: new Date(Math.max(link.expiresAt.getTime(), now.getTime() + 14 * DAY_MS)),
    now,
  });
  if (!issued) return null;
  const { to, name, url } = issued;
  await queueEmail(
    tx,
    {
      to,
      template: "access-rejected",
      props: {
        workspace: brandingOf(ctx.workspace),
        clientName: link.clientName,
        recipientName: name,
        platformName: stepPlatformName(step, await pinnedVersionsFor(tx, [step]), asLocale(link.locale)),
        reason,
        url,
        // The fix link goes to the client or their colleague: the link's language (decision 060).
        locale: asLocale(link.locale),
      },
    },
    { workspaceId: link.workspaceId },
  );
  return to;
}

/**
 * A new link to one step for whoever must act on it: the colleague it was last forwarded to, else
 * the client. Tokens are stored hashed, so an old link cannot be resent. The fix link shares the
 * forwards' table (a token to one step) but is the agency's doing, not a forward by the client: its
 * audit event (FIX_LINK_SENT, decision 059) is what tells the two apart on the link page. Used by a
 * rejection and by a grant a check found lost (decision 065). Returns who it is for, or null.
 */
export async function issueStepLink(
  tx: Queryable,
  link: LinkRow,
  step: StepRow,
  ctx: ActorContext,
  input: { reason: string; expiresAt: Date; now: Date },
): Promise<{ to: string; name: string | null; url: string; expiresAt: Date } | null> {
  const lastForward = (
    await tx
      .select()
      .from(stepForwards)
      .where(and(eq(stepForwards.stepId, step.id), isNull(stepForwards.revokedAt)))
      .orderBy(desc(stepForwards.createdAt))
      .limit(1)
  )[0];
  const to = lastForward?.email ?? link.clientEmail;
  if (!to) return null;
  const name = lastForward?.name ?? (readIntake(link.intake).recipientName || null);
  const token = randomToken();
  const [fixLink] = await tx
    .insert(stepForwards)
    .values({
      workspaceId: link.workspaceId,
      stepId: step.id,
      linkId: link.id,
      email: to,
      name,
      tokenHash: sha256(token),
      expiresAt: input.expiresAt,
      createdAt: input.now,
    })
    .returning({ id: stepForwards.id });
  await audit(tx, ctx, {
    action: FIX_LINK_SENT,
    objectType: "step_forward",
    objectId: fixLink.id,
    data: { linkId: link.id, stepId: step.id, platform: step.platformKey, to, reason: input.reason },
  });
  return { to, name, url: stepLinkUrl(token), expiresAt: input.expiresAt };
}

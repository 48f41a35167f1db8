import { and, eq, gt, isNotNull, notInArray } from "drizzle-orm";
import { brands, campaigns, onboardingLinks } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { DAY_MS } from "~/utils/time";
import { queueEmail } from "~/modules/email/send.server";
import { asLocale } from "~/modules/i18n/locales";
import { notify } from "~/modules/notifications/notify.server";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import { pinnedVersionsFor } from "../custom-platforms.server";
import { stepPlatformName } from "../step-platform";
import { accountableFor, brandingOf, emailDate, emailDateTime } from "../shared.server";
import { issueStepLink } from "../step-decisions.server";
import type { CheckFacts, StepRow } from "../steps.server";

/** The single-step link a lost grant sends the client lives this long (issue 19). */
export const REOPEN_LINK_DAYS = 30;

/**
 * A verified grant a check found gone (decision 065), in the transaction that marked it lost, so
 * all of this happens exactly once per loss: the link has client work again, the client (or the
 * colleague who did the step) gets a link that reopens just this step, in the link's language, and
 * the link's account manager and the coordinators of the brand's running campaigns are alerted in
 * the app and by email. ACCESS_MISSING needs nothing here: it reads verified grants only.
 */
export async function grantLost(tx: Queryable, ctx: ActorContext, step: StepRow, facts: CheckFacts, now: Date): Promise<void> {
  const [link] = await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, step.linkId));
  if (!link) return;
  await tx.update(onboardingLinks).set({ completedAt: null, allVerifiedAt: null }).where(eq(onboardingLinks.id, link.id));

  const locale = asLocale(link.locale);
  const pinned = await pinnedVersionsFor(tx, [step]);
  const reopen = await issueStepLink(tx, link, step, ctx, {
    reason: facts.reason,
    expiresAt: new Date(now.getTime() + REOPEN_LINK_DAYS * DAY_MS),
    now,
  });
  if (reopen) {
    await queueEmail(
      tx,
      {
        to: reopen.to,
        template: "access-reopened",
        props: {
          workspace: brandingOf(ctx.workspace),
          clientName: link.clientName,
          recipientName: reopen.name,
          platformName: stepPlatformName(step, pinned, locale),
          url: reopen.url,
          expiresAt: emailDate(reopen.expiresAt, locale),
          locale,
        },
      },
      { workspaceId: link.workspaceId },
    );
  }

  const brand = link.brandId
    ? (await tx.select({ id: brands.id, name: brands.name }).from(brands).where(eq(brands.id, link.brandId)))[0]
    : null;
  const coordinators = brand
    ? await tx
        .selectDistinct({ id: campaigns.coordinatorId })
        .from(campaigns)
        .where(
          and(
            eq(campaigns.brandId, brand.id),
            isNotNull(campaigns.coordinatorId),
            notInArray(campaigns.status, ["completed", "cancelled"]),
            gt(campaigns.endsAt, now),
          ),
        )
    : [];
  const recipients = [...new Set([accountableFor(link), ...coordinators.map((c) => c.id)].filter((v): v is string => Boolean(v)))];
  const platformName = stepPlatformName(step, pinned);
  const who = brand?.name ?? link.clientName;
  const path = brand ? `/w/${ctx.workspace.slug}/brands/${brand.id}/access` : `/w/${ctx.workspace.slug}/onboarding/${link.id}`;
  const lastSeen = step.lastSeenAt ?? step.verifiedAt;
  for (const userId of recipients) {
    await notify(tx, {
      workspaceId: link.workspaceId,
      userId,
      category: "onboarding",
      title: `${platformName} access for ${who} is gone`,
      body: `${facts.reason} ${reopen ? `${reopen.to} was sent a link to grant it again.` : "The link has no client email: ask the client yourself."}`,
      url: path,
      email: {
        template: "access-lost",
        props: {
          workspace: brandingOf(ctx.workspace),
          clientName: link.clientName,
          brandName: brand?.name ?? null,
          platformName,
          assetId: step.assetId,
          reason: facts.reason,
          lastSeen: lastSeen ? emailDateTime(lastSeen) : null,
          reopenSentTo: reopen?.to ?? null,
          url: `${env().APP_URL}${path}`,
        },
      },
    });
  }
}

import { createHash, randomBytes } from "node:crypto";
import { newId } from "../schema/columns";
import type { accessSteps, auditEvents, onboardingLinks } from "../schema";
import { DAY, type Person, type Random } from "./history-plan";

/**
 * Onboarding links of the past six months, all verified (the time to verified access the insights
 * and the monthly report measure): per brand, a few links from the agencies working for it, some
 * with a grant rejected once and corrected. Platforms no demo channel needs (analytics, search,
 * shop), so the calendar's "access missing" warnings stay exactly as the current demo has them.
 */

export interface PastLink {
  brand: { id: string; name: string };
  agency: { id: string; name: string; pace: number };
  clientEmail: string;
  recipientName: string;
  serviceType: string;
  steps: { platformKey: string; role: string; assetId: string; rejectOnce?: string }[];
  /** When it was sent, in days before now. */
  daysAgo: number;
}

export interface AccessPlan {
  links: (typeof onboardingLinks.$inferInsert)[];
  steps: (typeof accessSteps.$inferInsert)[];
  audit: (typeof auditEvents.$inferInsert)[];
}

const unknownTokenHash = () => createHash("sha256").update(randomBytes(32).toString("base64url")).digest("hex");

export function planAccess(pastLinks: PastLink[], workspaceId: string, now: Date, verifier: Person, rnd: Random): AccessPlan {
  const plan: AccessPlan = { links: [], steps: [], audit: [] };
  for (const link of pastLinks) {
    const id = newId();
    const created = now.getTime() - link.daysAgo * DAY;
    const pace = link.agency.pace;
    let lastConfirmed = created;
    let lastVerified = created;
    link.steps.forEach((step, position) => {
      const stepId = newId();
      let confirmed = created + rnd.hours(4, 50) * pace;
      let rejectedAt: number | null = null;
      if (step.rejectOnce) {
        // The client granted the wrong thing: rejected with a reason, corrected, then verified.
        rejectedAt = confirmed + rnd.hours(1, 20) * pace;
        plan.audit.push(
          event(workspaceId, verifier, "access.rejected", stepId, rejectedAt, { platform: step.platformKey, reason: step.rejectOnce }),
        );
        confirmed = rejectedAt + rnd.hours(6, 40);
      }
      const verified = confirmed + rnd.hours(1, 26) * pace;
      lastConfirmed = Math.max(lastConfirmed, confirmed);
      lastVerified = Math.max(lastVerified, verified);
      plan.steps.push({
        id: stepId,
        workspaceId,
        linkId: id,
        platformKey: step.platformKey,
        role: step.role,
        position,
        status: "verified",
        assetId: step.assetId,
        confirmedAt: new Date(confirmed),
        verifiedAt: new Date(verified),
        verifiedBy: verifier.id,
        rejectedAt: rejectedAt === null ? null : new Date(rejectedAt),
        rejectionReason: step.rejectOnce ?? null,
        createdAt: new Date(created),
        updatedAt: new Date(verified),
      });
      plan.audit.push(event(workspaceId, verifier, "access.verified", stepId, verified, { platform: step.platformKey, linkId: id }));
    });
    plan.links.push({
      id,
      workspaceId,
      brandId: link.brand.id,
      clientName: link.brand.name,
      clientEmail: link.clientEmail,
      serviceType: link.serviceType,
      tokenHash: unknownTokenHash(),
      intake: {
        brandKit: false,
        contacts: false,
        questionnaire: false,
        agreement: false,
        message: "A few more accesses for the next campaigns. About ten minutes.",
        recipientName: link.recipientName,
        agencyId: link.agency.id,
        idempotencyKey: null,
      },
      accountManagerId: verifier.id,
      createdBy: verifier.id,
      expiresAt: new Date(created + 30 * DAY),
      openedAt: new Date(created + rnd.hours(1, 20)),
      completedAt: new Date(lastConfirmed),
      allVerifiedAt: new Date(lastVerified),
      lastProgressAt: new Date(lastVerified),
      createdAt: new Date(created),
    });
    plan.audit.push(
      event(
        workspaceId,
        verifier,
        "onboarding.link_created",
        id,
        created,
        { brand: link.brand.name, serviceType: link.serviceType },
        "onboarding_link",
      ),
    );
  }
  return plan;
}

function event(
  workspaceId: string,
  actor: Person,
  action: string,
  objectId: string,
  at: number,
  data: Record<string, unknown>,
  objectType = "access_step",
): typeof auditEvents.$inferInsert {
  return { workspaceId, actorUserId: actor.id, actorLabel: actor.email, action, objectType, objectId, data, createdAt: new Date(at) };
}

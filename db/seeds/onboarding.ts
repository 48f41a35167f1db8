import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Transaction } from "../client";
import { accessSteps, onboardingLinks, workspaces } from "../schema";
import type { DemoBase } from "./base";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A token nobody knows: demo links are for the agency's side; a real link comes from "New link". */
const unknownTokenHash = () => createHash("sha256").update(randomBytes(32).toString("base64url")).digest("hex");

type StepSeed = {
  platformKey: string;
  role: string;
  status: "requested" | "confirmed" | "verified" | "rejected";
  assetId?: string;
  confirmedAgo?: number;
  verifiedAgo?: number;
  reason?: string;
};

/**
 * Demo data of the onboarding capability, dated relative to `now`: the agency's access identities,
 * and onboarding links half done. Lumen has one step confirmed (to verify), one verified and one
 * still requested; Cedar is fully verified (so time-to-verified has a median); Peak was just sent.
 */
export async function seedOnboarding(tx: Transaction, demo: DemoBase, now: Date): Promise<void> {
  const { ws, brands, users, agencies } = demo;
  await tx
    .update(workspaces)
    .set({
      accessIdentities: {
        metaBusinessPortfolioId: "1029384756473829",
        googleAdsManagerId: "5551234567",
        googleAccountEmail: "access@northwind.test",
        tiktokBusinessCenterId: "7012345678901234567",
        linkedinEmail: "ads@northwind.test",
        shopifyPartnerId: "2468101",
        shopifyPartnerName: "Northwind Studio",
      },
    })
    .where(eq(workspaces.id, ws.id));

  const ago = (ms: number) => new Date(now.getTime() - ms);
  async function link(input: {
    brandId: string;
    clientName: string;
    clientEmail: string;
    recipientName: string;
    createdAgo: number;
    openedAgo: number | null;
    agencyId: string | null;
    createdBy: string;
    steps: StepSeed[];
    answers?: Record<string, unknown>;
    agreement?: { name: string; ago: number };
    completedAgo?: number;
    allVerifiedAgo?: number;
  }) {
    const createdAt = ago(input.createdAgo);
    const [row] = await tx
      .insert(onboardingLinks)
      .values({
        workspaceId: ws.id,
        brandId: input.brandId,
        clientName: input.clientName,
        clientEmail: input.clientEmail,
        serviceType: "paid_social",
        tokenHash: unknownTokenHash(),
        intake: {
          brandKit: false,
          contacts: true,
          questionnaire: true,
          agreement: true,
          agreementText:
            "I confirm that I may give these accesses on behalf of my company, and that the agency may use them only for the work we agreed, until we revoke them.",
          message: "Great to have you with us! This takes about 15 minutes.",
          recipientName: input.recipientName,
          agencyId: input.agencyId,
          idempotencyKey: null,
        },
        answers: input.answers ?? {},
        agreementName: input.agreement?.name ?? null,
        agreementAt: input.agreement ? ago(input.agreement.ago) : null,
        agreementIp: input.agreement ? "203.0.113.24" : null,
        accountManagerId: input.createdBy,
        createdBy: input.createdBy,
        expiresAt: new Date(createdAt.getTime() + 30 * DAY),
        openedAt: input.openedAgo === null ? null : ago(input.openedAgo),
        completedAt: input.completedAgo === undefined ? null : ago(input.completedAgo),
        allVerifiedAt: input.allVerifiedAgo === undefined ? null : ago(input.allVerifiedAgo),
        lastProgressAt: ago(Math.min(input.createdAgo, ...input.steps.map((s) => s.confirmedAgo ?? input.createdAgo))),
        createdAt,
      })
      .returning();
    for (const [position, s] of input.steps.entries()) {
      await tx.insert(accessSteps).values({
        workspaceId: ws.id,
        linkId: row.id,
        platformKey: s.platformKey,
        role: s.role,
        position,
        status: s.status,
        assetId: s.assetId ?? null,
        confirmedAt: s.confirmedAgo === undefined ? null : ago(s.confirmedAgo),
        verifiedAt: s.verifiedAgo === undefined ? null : ago(s.verifiedAgo),
        verifiedBy: s.verifiedAgo === undefined ? null : users.owner.id,
        rejectedAt: s.status === "rejected" ? ago(HOUR * 5) : null,
        rejectionReason: s.reason ?? null,
        createdAt,
        updatedAt: createdAt,
      });
    }
    return row;
  }

  await link({
    brandId: brands.lumen.id,
    clientName: brands.lumen.name,
    clientEmail: "marketing@lumen.test",
    recipientName: "Priya",
    createdAgo: 3 * DAY,
    openedAgo: 3 * DAY - 2 * HOUR,
    agencyId: null,
    createdBy: users.owner.id,
    steps: [
      {
        platformKey: "meta_ad_account",
        role: "Manage campaigns",
        status: "verified",
        assetId: "act_120045678901234",
        confirmedAgo: 2 * DAY,
        verifiedAgo: 2 * DAY - 3 * HOUR,
      },
      { platformKey: "ga4", role: "Analyst", status: "confirmed", assetId: "312456789", confirmedAgo: 20 * HOUR },
      { platformKey: "google_tag_manager", role: "Publish", status: "requested" },
    ],
    answers: {
      contacts: {
        contactName: "Priya Shah",
        contactEmail: "priya@lumen.test",
        contactRole: "Head of marketing",
        approverName: "Lena Lumen",
        approverEmail: "lead@lumen.test",
        otherContacts: "",
        done: true,
      },
    },
  });
  await link({
    brandId: brands.cedar.id,
    clientName: brands.cedar.name,
    clientEmail: "hello@cedar.test",
    recipientName: "Tom",
    createdAgo: 12 * DAY,
    openedAgo: 12 * DAY - HOUR,
    agencyId: null,
    createdBy: users.coordinator.id,
    steps: [
      {
        platformKey: "meta_page",
        role: "Content, Community activity, Insights",
        status: "verified",
        assetId: "104567890123456",
        confirmedAgo: 11 * DAY,
        verifiedAgo: 10 * DAY,
      },
      {
        platformKey: "instagram",
        role: "Content, Community activity, Insights",
        status: "verified",
        assetId: "cedarcoffee",
        confirmedAgo: 11 * DAY,
        verifiedAgo: 10 * DAY - 4 * HOUR,
      },
    ],
    answers: {
      contacts: {
        contactName: "Tom Reed",
        contactEmail: "tom@cedar.test",
        contactRole: "Founder",
        approverName: "Tom Reed",
        approverEmail: "tom@cedar.test",
        otherContacts: "",
        done: true,
      },
      questionnaire: {
        brandStory: "Cedar roasts small batches for neighbourhood cafés.",
        audience: "Coffee lovers, 25-45, who care where beans come from.",
        keyCompetitors: "",
        toneOfVoice: "Warm, plain-spoken",
        done: true,
      },
    },
    agreement: { name: "Tom Reed", ago: 11 * DAY },
    completedAgo: 11 * DAY,
    allVerifiedAgo: 10 * DAY - 4 * HOUR,
  });
  await link({
    brandId: brands.peak.id,
    clientName: brands.peak.name,
    clientEmail: "ads@peak.test",
    recipientName: "Jo",
    createdAgo: 5 * HOUR,
    openedAgo: null,
    agencyId: agencies.brightline.id,
    createdBy: users.agency.id,
    steps: [
      { platformKey: "google_ads", role: "Standard", status: "requested" },
      { platformKey: "ga4", role: "Analyst", status: "requested" },
    ],
  });
}

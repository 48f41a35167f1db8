import { DateTime } from "luxon";
import type { Transaction } from "../client";
import { briefAcknowledgments, briefTemplates, briefVersions, briefs, campaignAgencies, campaignCreators, campaigns } from "../schema";
import type { Brief, BriefDraft } from "../../app/modules/briefs/core-sections";
import type { CustomField } from "../../app/modules/briefs/template";
import type { DemoBase } from "./base";

/**
 * Demo data of the briefs capability, dated relative to `now`: the workspace template (v1) and
 * four campaigns in different states. "Lumen Glow Launch" and "Lumen Summer Paid Push" are one
 * brand's campaigns from two agencies overlapping on Instagram on purpose (CAMPAIGN_OVERLAP).
 * Other capabilities look these campaigns up by name.
 */

export const DEMO_TEMPLATE_FIELDS: CustomField[] = [
  {
    key: "hero-product",
    label: "Hero product",
    help: "The product every piece features.",
    type: "text",
    required: false,
    material: true,
    order: 0,
  },
  {
    key: "mood-board",
    label: "Mood board",
    help: "A link to the visual references.",
    type: "url",
    required: false,
    material: false,
    order: 1,
  },
];

const day = (d: DateTime) => d.toISODate() ?? "";

/** A brief that passes the publish rules, dated from `now`; other seeds (the history) reuse it. */
export function completeBrief(
  now: DateTime,
  startDays: number,
  endDays: number,
  parts: Partial<Brief> & Pick<Brief, "keyMessage" | "brandStory" | "audience">,
): Brief {
  const start = now.plus({ days: startDays });
  const end = now.plus({ days: endDays });
  return {
    timeline: {
      kickoff: day(start.minus({ days: 7 })),
      draftDue: day(start.minus({ days: 3 })),
      publishStart: day(start),
      publishEnd: day(end),
    },
    guardrails: { sacred: "Real skin, natural light, the product name spelled exactly.", flexible: "Setting, music and format are yours." },
    successMetrics: [
      { kpi: "Engagement rate", target: "4%" },
      { kpi: "Link clicks", target: "2,500" },
    ],
    deliverables: [
      { channel: "instagram", format: "Reel", count: 2 },
      { channel: "tiktok", format: "Video", count: 1 },
    ],
    disclosure: "#ad",
    tracking: {
      utm: [{ param: "utm_source" }, { param: "utm_medium", value: "influencer" }, { param: "utm_campaign" }],
      namingRule: "brand_campaign_yyyymm",
    },
    usageRights: "Organic reposts on the brand's own channels for 12 months; paid use needs a separate agreement.",
    approvers: ["Lena Lumen"],
    custom: {},
    ...parts,
  };
}

export async function seedBriefs(tx: Transaction, demo: DemoBase, now: Date): Promise<void> {
  const { ws, brands, agencies, creators, users } = demo;
  const at = DateTime.fromJSDate(now).toUTC();
  const ago = (hours: number) => at.minus({ hours }).toJSDate();
  const [maya, jonas, priya, leo, , sam] = creators;

  await tx.insert(briefTemplates).values({
    workspaceId: ws.id,
    version: 1,
    definition: { customFields: DEMO_TEMPLATE_FIELDS },
    createdBy: users.owner.id,
    createdAt: ago(24 * 30),
  });

  async function campaign(input: {
    name: string;
    brandId: string;
    leadAgencyId: string;
    agencyIds?: string[];
    creatorIds?: string[];
    channels: string[];
    from: number;
    to: number;
    status: string;
    draft: BriefDraft;
    publishedHoursAgo?: number;
    acks?: { userId: string; acknowledgedHoursAgo: number | null }[];
  }) {
    const [row] = await tx
      .insert(campaigns)
      .values({
        workspaceId: ws.id,
        brandId: input.brandId,
        leadAgencyId: input.leadAgencyId,
        name: input.name,
        status: input.status,
        channels: input.channels,
        startsAt: at.plus({ days: input.from }).startOf("day").toJSDate(),
        endsAt: at.plus({ days: input.to }).endOf("day").toJSDate(),
        coordinatorId: users.coordinator.id,
        createdAt: ago(24 * 21),
      })
      .returning();
    for (const agencyId of input.agencyIds ?? [])
      await tx.insert(campaignAgencies).values({ campaignId: row.id, agencyId, workspaceId: ws.id });
    for (const creatorId of input.creatorIds ?? [])
      await tx.insert(campaignCreators).values({ campaignId: row.id, creatorId, workspaceId: ws.id });
    const published = input.publishedHoursAgo !== undefined;
    const [brief] = await tx
      .insert(briefs)
      .values({
        workspaceId: ws.id,
        campaignId: row.id,
        templateVersion: 1,
        draft: input.draft as Record<string, unknown>,
        draftUpdatedAt: ago((input.publishedHoursAgo ?? 2) + 1),
        publishedVersion: published ? 1 : null,
      })
      .returning();
    if (published) {
      const requestedAt = ago(input.publishedHoursAgo!);
      const [version] = await tx
        .insert(briefVersions)
        .values({
          workspaceId: ws.id,
          briefId: brief.id,
          campaignId: row.id,
          version: 1,
          templateVersion: 1,
          content: input.draft as Record<string, unknown>,
          changes: [],
          publishedBy: users.coordinator.id,
          publishedAt: requestedAt,
        })
        .returning();
      for (const ack of input.acks ?? []) {
        await tx.insert(briefAcknowledgments).values({
          workspaceId: ws.id,
          campaignId: row.id,
          briefVersionId: version.id,
          version: 1,
          userId: ack.userId,
          requestedAt,
          acknowledgedAt: ack.acknowledgedHoursAgo === null ? null : ago(ack.acknowledgedHoursAgo),
        });
      }
    }
    return row;
  }

  await campaign({
    name: "Lumen Glow Launch",
    brandId: brands.lumen.id,
    leadAgencyId: agencies.northwindSocial.id,
    creatorIds: [maya.id, priya.id],
    channels: ["instagram", "tiktok"],
    from: -5,
    to: 25,
    status: "active",
    publishedHoursAgo: 24 * 9,
    acks: [{ userId: users.creator.id, acknowledgedHoursAgo: 24 * 8 }],
    draft: completeBrief(at, -5, 25, {
      brandStory: "Lumen makes skincare with five ingredients or fewer, tested on real skin, priced for every day.",
      audience: "Women 22 to 35 who want fewer, better products and distrust heavy filters.",
      keyMessage: "Glow that's yours: five ingredients, real skin, no filter.",
      custom: { "hero-product": "Lumen Glow Serum" },
    }),
  });

  await campaign({
    name: "Lumen Summer Paid Push",
    brandId: brands.lumen.id,
    leadAgencyId: agencies.brightline.id,
    channels: ["instagram", "facebook"],
    from: 10,
    to: 40,
    status: "briefed",
    publishedHoursAgo: 30,
    acks: [{ userId: users.agency.id, acknowledgedHoursAgo: null }],
    draft: completeBrief(at, 10, 40, {
      brandStory: "Lumen makes skincare with five ingredients or fewer, tested on real skin, priced for every day.",
      audience: "Summer travellers 25 to 45 looking for one SPF routine that works everywhere.",
      keyMessage: "Summer-proof skin in one step: Lumen SPF 50, now 20% off.",
      deliverables: [
        { channel: "instagram", format: "Story ad", count: 6 },
        { channel: "facebook", format: "Feed ad", count: 4 },
      ],
      custom: { "hero-product": "Lumen Daily SPF 50" },
    }),
  });

  await campaign({
    name: "Peak Trail Series",
    brandId: brands.peak.id,
    leadAgencyId: agencies.kite.id,
    creatorIds: [jonas.id, sam.id],
    channels: ["youtube", "instagram"],
    from: 3,
    to: 60,
    status: "planning",
    draft: {
      brandStory: "Peak Outdoor builds trail gear that is repaired, not replaced.",
      audience: "Weekend hikers who want to go further without buying more.",
      timeline: { kickoff: day(at.plus({ days: 1 })), publishStart: day(at.plus({ days: 10 })) },
      deliverables: [{ channel: "youtube", format: "Long-form video", count: 3 }],
      custom: {},
    },
  });

  await campaign({
    name: "Cedar Morning Ritual",
    brandId: brands.cedar.id,
    leadAgencyId: agencies.northwindSocial.id,
    agencyIds: [agencies.brightline.id],
    creatorIds: [leo.id],
    channels: ["instagram", "tiktok"],
    from: -20,
    to: 10,
    status: "active",
    publishedHoursAgo: 24 * 25,
    acks: [{ userId: users.agency.id, acknowledgedHoursAgo: 24 * 24 }],
    draft: completeBrief(at, -20, 10, {
      brandStory: "Cedar Coffee roasts small batches in Vermont and pays farmers above fair-trade prices.",
      audience: "Commuters 25 to 40 who make coffee at home and care where it comes from.",
      keyMessage: "Your morning, slower: one cup of Cedar before the day begins.",
      deliverables: [
        { channel: "instagram", format: "Reel", count: 3 },
        { channel: "tiktok", format: "Video", count: 2 },
      ],
      disclosure: "#ad #cedarpartner",
      custom: { "hero-product": "Cedar House Blend" },
    }),
  });
}

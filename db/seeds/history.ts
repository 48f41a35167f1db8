import { DateTime } from "luxon";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Transaction } from "../client";
import { newId } from "../schema/columns";
import {
  accessSteps,
  approvalDecisions,
  auditEvents,
  briefAcknowledgments,
  briefVersions,
  briefs,
  campaignCreators,
  campaigns,
  conflictLog,
  deliverables,
  draftVersions,
  onboardingLinks,
} from "../schema";
import type { DemoBase } from "./base";
import { completeBrief } from "./briefs";
import { planAccess, type PastLink } from "./history-access";
import { DAY, HOUR, planDeliverables, seeded, type CampaignSlot, type DeliverablePlan, type Stream } from "./history-plan";

/**
 * Six months of past activity in the demo workspace (issue 16, part 7), so a fresh `npm start`
 * shows real shapes on the insights page and in the monthly report: per brand and agency a
 * campaign a month, its brief acknowledged, its drafts submitted, reviewed, signed off (or blocked,
 * then rescheduled or overridden) and published; onboarding links verified over time; conflicts
 * that came and went. Written with multi-row inserts (one statement per table and 500 rows), never
 * one row at a time. The handoff facts are the insights backfill's to write from these rows and
 * their audit trail, at start-up (server/boot.ts), exactly as for a database that predates facts.
 */

/** Months of history: each a campaign per brand and agency; the latest ends nine days ago, clear of the current demo (within ±3 weeks of now). */
export const HISTORY_MONTHS = 6;
const CHUNK = 500;

async function insertAll<T extends PgTable>(tx: Transaction, table: T, rows: T["$inferInsert"][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK));
}

const TITLES = {
  lumenInstagram: [
    "Serum texture reel",
    "Morning routine carousel",
    "Five ingredients, explained",
    "Shelf tour",
    "Two-week skin diary",
    "SPF myths, busted",
  ],
  lumenTiktok: ["Get ready with me", "Glow in 30 seconds", "Dermatologist duet", "No-filter challenge", "Travel kit haul", "Night routine"],
  lumenFacebook: ["Glow Serum offer ad", "Starter kit carousel ad", "Reviews video ad", "Subscription ad"],
  peakYoutube: ["Trail test: the 40 L pack", "Repair, not replace", "Three summits, one jacket", "Gear check before the ridge"],
  peakInstagram: ["Sunrise from the saddle", "Weekend route: the long loop", "Packing list carousel", "Boots after 500 km", "Camp coffee"],
  cedarInstagram: [
    "Slow morning pour-over",
    "Meet the roaster",
    "Bean to cup in 60 seconds",
    "Cedar House Blend, unboxed",
    "Cold brew at home",
  ],
  cedarFacebook: ["Subscription launch ad", "First bag free ad", "Farmer story video ad", "Holiday gift box ad"],
};

function streamsOf(demo: DemoBase): Stream[] {
  const { brands: b, agencies: a, users: u } = demo;
  const [maya, jonas, priya, leo, amara, sam] = demo.creators;
  const common = {
    creatorUser: { id: u.creator.id, email: u.creator.email, creatorId: maya.id },
    coordinator: u.coordinator,
    admin: u.owner,
  };
  // The coordinator uploads drafts for creators without an account, except where the coordinator
  // reviews them too (nobody approves their own submission): there the owner uploads.
  const viaCoordinator = { ...common, reviewer: u.coordinator, uploader: u.owner };
  const viaOwner = { ...common, reviewer: u.owner, uploader: u.coordinator };
  const viaBrightline = { ...common, reviewer: u.agency, uploader: u.coordinator };
  const lumen = {
    brand: b.lumen,
    lead: u.lead,
    link: "https://lumen.example/glow?utm_source=social&utm_medium=influencer&utm_campaign=lumen",
  };
  const peak = {
    brand: b.peak,
    lead: u.peakLead,
    link: "https://peak.example/trail?utm_source=social&utm_medium=influencer&utm_campaign=peak",
  };
  const cedar = {
    brand: b.cedar,
    lead: u.cedarLead,
    link: "https://cedar.example/blend?utm_source=social&utm_medium=influencer&utm_campaign=cedar",
  };
  // Kite Creative is the slow one (the agency a brand lead's report should make visible).
  return [
    {
      ...lumen,
      ...viaCoordinator,
      agency: a.northwindSocial,
      channel: "instagram",
      creators: [maya, priya],
      pace: 0.8,
      name: "Lumen Glow Notes",
      titles: TITLES.lumenInstagram,
    },
    {
      ...lumen,
      ...viaOwner,
      agency: a.kite,
      channel: "tiktok",
      creators: [priya, maya],
      pace: 2.0,
      name: "Lumen Skin Stories",
      titles: TITLES.lumenTiktok,
    },
    {
      ...lumen,
      ...viaBrightline,
      agency: a.brightline,
      channel: "facebook",
      creators: [priya],
      pace: 1.0,
      name: "Lumen Paid Social",
      titles: TITLES.lumenFacebook,
    },
    {
      ...peak,
      ...viaOwner,
      agency: a.kite,
      channel: "youtube",
      creators: [jonas, sam],
      pace: 1.7,
      name: "Peak Trail Tests",
      titles: TITLES.peakYoutube,
    },
    {
      ...peak,
      ...viaCoordinator,
      agency: a.northwindSocial,
      channel: "instagram",
      creators: [sam, jonas],
      pace: 0.9,
      name: "Peak Weekend Routes",
      titles: TITLES.peakInstagram,
    },
    {
      ...cedar,
      ...viaCoordinator,
      agency: a.northwindSocial,
      channel: "instagram",
      creators: [leo, amara],
      pace: 0.9,
      name: "Cedar Slow Mornings",
      titles: TITLES.cedarInstagram,
    },
    {
      ...cedar,
      ...viaBrightline,
      agency: a.brightline,
      channel: "facebook",
      creators: [leo],
      pace: 1.2,
      name: "Cedar Subscriptions",
      titles: TITLES.cedarFacebook,
    },
  ];
}

const STORIES: Record<string, string> = {
  "Lumen Skincare": "Lumen makes skincare with five ingredients or fewer, tested on real skin, priced for every day.",
  "Peak Outdoor": "Peak Outdoor builds trail gear that is repaired, not replaced.",
  "Cedar Coffee": "Cedar Coffee roasts small batches in Vermont and pays farmers above fair-trade prices.",
};

/** Platforms no demo channel needs (so the calendar's access warnings stay as they are), a set per link in turn. */
const PLATFORM_SETS: PastLink["steps"][] = [
  [
    { platformKey: "search_console", role: "Full user", assetId: "sc-domain:example.com" },
    { platformKey: "business_profile", role: "Manager", assetId: "locations/4021" },
  ],
  [{ platformKey: "google_ads", role: "Standard", assetId: "123-456-7890" }],
  [
    { platformKey: "meta_pixel", role: "Full control", assetId: "712345678901234" },
    { platformKey: "google_tag_manager", role: "Publish", assetId: "GTM-PK7Q2XW" },
  ],
  [{ platformKey: "linkedin_ads", role: "Viewer", assetId: "508123456" }],
  [
    { platformKey: "shopify", role: "Products, Analytics, Marketing, Online Store", assetId: "shop.myshopify.com" },
    { platformKey: "meta_ad_account", role: "View performance", assetId: "act_120045678909876" },
  ],
];
const CLIENTS: Record<string, { clientEmail: string; recipientName: string }> = {
  "Lumen Skincare": { clientEmail: "marketing@lumen.test", recipientName: "Priya" },
  "Peak Outdoor": { clientEmail: "ads@peak.test", recipientName: "Jo" },
  "Cedar Coffee": { clientEmail: "hello@cedar.test", recipientName: "Tom" },
};
const WRONG_ACCOUNT = "That is a personal account, not the company's: please grant it from the business account.";

/** Each brand's agencies asked for more access every other month; now and then a grant was rejected once. */
function pastLinks(streams: Stream[]): PastLink[] {
  return streams.flatMap((s, k) =>
    [5, 3, 1].map((monthsAgo, j) => {
      const set = PLATFORM_SETS[(k + j) % PLATFORM_SETS.length];
      const steps = set.map((step, i) => ({ ...step, ...((k + j + i) % 4 === 0 ? { rejectOnce: WRONG_ACCOUNT } : {}) }));
      return {
        brand: s.brand,
        agency: { ...s.agency, pace: s.pace },
        ...CLIENTS[s.brand.name],
        serviceType: "reporting_only",
        steps,
        daysAgo: 30 * monthsAgo + 8 + 4 * k,
      };
    }),
  );
}

export async function seedHistory(tx: Transaction, demo: DemoBase, now: Date): Promise<void> {
  const ws = demo.ws.id;
  const rnd = seeded(20_260_501);
  const rows = {
    campaigns: [] as (typeof campaigns.$inferInsert)[],
    creators: [] as (typeof campaignCreators.$inferInsert)[],
    briefs: [] as (typeof briefs.$inferInsert)[],
    versions: [] as (typeof briefVersions.$inferInsert)[],
    acks: [] as (typeof briefAcknowledgments.$inferInsert)[],
  };
  const work: DeliverablePlan = { deliverables: [], versions: [], decisions: [], audit: [], conflicts: [] };
  const { users } = demo;
  for (const stream of streamsOf(demo))
    for (let monthsAgo = HISTORY_MONTHS; monthsAgo >= 1; monthsAgo--) {
      const zone = stream.brand.timeZone;
      const startsAt = DateTime.fromJSDate(now, { zone })
        .minus({ days: 30 * monthsAgo + 5 })
        .startOf("day");
      const slot: CampaignSlot = {
        id: newId(),
        stream,
        startsAt,
        endsAt: startsAt.plus({ days: 26 }).endOf("day"),
        draftDue: startsAt.plus({ days: 3 }),
        briefPublishedAt: startsAt.minus({ days: 7 }).set({ hour: 10 }).toJSDate(),
        monthsAgo,
      };
      const planned = planDeliverables(slot, ws, now, rnd);
      for (const key of Object.keys(work) as (keyof DeliverablePlan)[]) (work[key] as unknown[]).push(...planned[key]);
      const name = `${stream.name}, ${startsAt.toFormat("LLLL")}`;
      rows.campaigns.push({
        id: slot.id,
        workspaceId: ws,
        brandId: stream.brand.id,
        leadAgencyId: stream.agency.id,
        name,
        status: "completed",
        channels: [stream.channel],
        startsAt: slot.startsAt.toJSDate(),
        endsAt: slot.endsAt.toJSDate(),
        coordinatorId: users.coordinator.id,
        createdAt: new Date(slot.briefPublishedAt.getTime() - 2 * DAY),
        updatedAt: slot.endsAt.toJSDate(),
      });
      for (const c of stream.creators) rows.creators.push({ campaignId: slot.id, creatorId: c.id, workspaceId: ws });
      const day = (d: DateTime) => d.toISODate() ?? "";
      const content = completeBrief(startsAt, 0, 26, {
        brandStory: STORIES[stream.brand.name] ?? `${stream.brand.name}, as its customers use it.`,
        audience: "People who follow these creators for honest, everyday use of what they show.",
        keyMessage: `${stream.titles[0]}: the ${startsAt.toFormat("LLLL")} story.`,
        timeline: {
          kickoff: day(startsAt.minus({ days: 7 })),
          draftDue: day(slot.draftDue),
          publishStart: day(startsAt.plus({ days: 7 })),
          publishEnd: day(slot.endsAt),
        },
        deliverables: [
          {
            channel: stream.channel,
            format: stream.channel === "youtube" ? "Long-form video" : "Post",
            count: planned.deliverables.length,
          },
        ],
        approvers: [stream.lead.name],
      });
      // A brief is a plain JSON object as the jsonb columns store it.
      const stored = content as unknown as Record<string, unknown>;
      const briefId = newId();
      const versionId = newId();
      rows.briefs.push({
        id: briefId,
        workspaceId: ws,
        campaignId: slot.id,
        templateVersion: 1,
        draft: stored,
        draftUpdatedAt: slot.briefPublishedAt,
        publishedVersion: 1,
      });
      rows.versions.push({
        id: versionId,
        workspaceId: ws,
        briefId,
        campaignId: slot.id,
        version: 1,
        templateVersion: 1,
        content: stored,
        changes: [],
        publishedBy: users.coordinator.id,
        publishedAt: slot.briefPublishedAt,
      });
      work.audit.push({
        workspaceId: ws,
        actorUserId: users.coordinator.id,
        actorLabel: users.coordinator.email,
        action: "brief.published",
        objectType: "brief",
        objectId: briefId,
        data: { campaignId: slot.id, version: 1 },
        createdAt: slot.briefPublishedAt,
      });
      // Whoever has an account on the campaign is asked to acknowledge: Maya, and Brightline's Ava on its campaigns.
      const readers = [
        ...(stream.creators.some((c) => c.id === stream.creatorUser.creatorId) ? [users.creator] : []),
        ...(stream.agency.id === demo.agencies.brightline.id ? [users.agency] : []),
      ];
      for (const reader of readers) {
        const waited = rnd.hours(2, 40) * stream.pace;
        const acknowledgedAt = new Date(slot.briefPublishedAt.getTime() + waited);
        rows.acks.push({
          workspaceId: ws,
          campaignId: slot.id,
          briefVersionId: versionId,
          version: 1,
          userId: reader.id,
          requestedAt: slot.briefPublishedAt,
          acknowledgedAt,
        });
        work.audit.push({
          workspaceId: ws,
          actorUserId: reader.id,
          actorLabel: reader.email,
          action: "brief.acknowledged",
          objectType: "brief",
          objectId: briefId,
          data: { campaignId: slot.id, version: 1, waitedHours: Math.round(waited / HOUR) },
          createdAt: acknowledgedAt,
        });
      }
    }
  const access = planAccess(pastLinks(streamsOf(demo)), ws, now, users.owner, rnd);

  await insertAll(tx, campaigns, rows.campaigns);
  await insertAll(tx, campaignCreators, rows.creators);
  await insertAll(tx, briefs, rows.briefs);
  await insertAll(tx, briefVersions, rows.versions);
  await insertAll(tx, briefAcknowledgments, rows.acks);
  await insertAll(tx, deliverables, work.deliverables);
  await insertAll(tx, draftVersions, work.versions);
  await insertAll(tx, approvalDecisions, work.decisions);
  await insertAll(tx, onboardingLinks, access.links);
  await insertAll(tx, accessSteps, access.steps);
  await insertAll(tx, conflictLog, work.conflicts);
  // The audit trail in the order it happened, as it would have been appended.
  const trail = [...work.audit, ...access.audit].sort((x, y) => x.createdAt!.getTime() - y.createdAt!.getTime());
  await insertAll(tx, auditEvents, trail);
}

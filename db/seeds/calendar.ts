import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Transaction } from "../client";
import { brandBlackouts, brands, campaignCreators, campaigns, deliverables } from "../schema";
import { createBrand } from "../factories";
import type { DemoBase } from "./base";

/** Titles the calendar e2e looks for; change them together. */
export const DEMO_CALENDAR = {
  collisionFirst: "Glow Serum reveal reel",
  collisionSecond: "Glow Serum routine carousel",
  blackoutPost: "Glow giveaway announcement",
  exclusivityLumen: "Amara's Glow morning routine",
  exclusivityCompetitor: "Amara's Solis SPF test",
  competitorBrand: "Solis Suncare",
  competitorCampaign: "Solis SPF Creator Week",
} as const;

/**
 * Demo data of the calendar capability, dated relative to `now` (in Lumen's zone, Europe/Berlin):
 * Lumen's spacing rules and a press-day blackout, and deliverables that clash on purpose: two
 * Lumen Instagram posts two hours apart (POST_COLLISION), a post inside the blackout (BLACKOUT)
 * and Amara posting for Lumen and for a competing skincare brand within two weeks
 * (CREATOR_EXCLUSIVITY). The briefs seed's two Lumen campaigns already overlap across agencies.
 * The days are chosen clear of the approvals seed's drafts (which sit within the next six days,
 * at "now + N hours"), so whatever the time of seeding, the only collision here is the pair below.
 */
export async function seedCalendar(tx: Transaction, demo: DemoBase, now: Date): Promise<void> {
  const { ws, brands: b, agencies, creators } = demo;
  const [maya, , priya, , amara] = creators;
  const berlin = DateTime.fromJSDate(now).setZone("Europe/Berlin").startOf("day");
  const on = (days: number, hour: number, minute = 0) => berlin.plus({ days }).set({ hour, minute }).toJSDate();

  await tx
    .update(brands)
    .set({ category: "skincare", exclusivityDays: 14, minSpacingMinutes: { instagram: 240, tiktok: 180 } })
    .where(eq(brands.id, b.lumen.id));
  await tx
    .update(brands)
    .set({ minSpacingMinutes: { youtube: 1440 } })
    .where(eq(brands.id, b.peak.id));

  await tx.insert(brandBlackouts).values({
    workspaceId: ws.id,
    brandId: b.lumen.id,
    startsAt: on(12, 0),
    endsAt: on(13, 0),
    reason: "Retailer press day: nothing goes out while the SPF relaunch is under embargo",
  });

  const glow = await tx.query.campaigns.findFirst({
    where: and(eq(campaigns.workspaceId, ws.id), eq(campaigns.name, "Lumen Glow Launch")),
  });
  if (!glow) return;

  // A competitor in the same category, so creator exclusivity has something to catch.
  const solis = await createBrand(tx, ws.id, {
    name: DEMO_CALENDAR.competitorBrand,
    category: "skincare",
    timeZone: "Europe/Paris",
    color: "#0d9488",
  });
  const [solisCampaign] = await tx
    .insert(campaigns)
    .values({
      workspaceId: ws.id,
      brandId: solis.id,
      leadAgencyId: agencies.kite.id,
      name: DEMO_CALENDAR.competitorCampaign,
      status: "briefed",
      channels: ["instagram"],
      startsAt: berlin.plus({ days: 1 }).toJSDate(),
      endsAt: berlin.plus({ days: 13 }).toJSDate(),
      coordinatorId: demo.users.coordinator.id,
    })
    .returning();
  await tx.insert(campaignCreators).values([
    { workspaceId: ws.id, campaignId: solisCampaign.id, creatorId: amara.id },
    { workspaceId: ws.id, campaignId: glow.id, creatorId: amara.id },
  ]);

  const post = (campaignId: string, brandId: string, creatorId: string, channel: string, title: string, publishAt: Date) => ({
    workspaceId: ws.id,
    campaignId,
    brandId,
    creatorId,
    channel,
    title,
    publishAt,
    status: "draft",
  });
  await tx
    .insert(deliverables)
    .values([
      post(glow.id, b.lumen.id, maya.id, "instagram", DEMO_CALENDAR.collisionFirst, on(9, 18)),
      post(glow.id, b.lumen.id, priya.id, "instagram", DEMO_CALENDAR.collisionSecond, on(9, 20)),
      post(glow.id, b.lumen.id, maya.id, "instagram", DEMO_CALENDAR.blackoutPost, on(12, 12)),
      post(glow.id, b.lumen.id, amara.id, "tiktok", DEMO_CALENDAR.exclusivityLumen, on(7, 9)),
      post(glow.id, b.lumen.id, priya.id, "tiktok", "Glow Serum texture close-up", on(14, 17, 30)),
      post(solisCampaign.id, solis.id, amara.id, "instagram", DEMO_CALENDAR.exclusivityCompetitor, on(10, 11)),
    ]);
}

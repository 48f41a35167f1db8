import { eq } from "drizzle-orm";
import { vi } from "vitest";
import type { campaigns } from "@db/schema";
import { accessSteps, brands, briefs, workspaces } from "@db/schema";
import { createDeliverable } from "~/modules/approvals/create.server";
import { decide } from "~/modules/approvals/decide.server";
import { markPublished, markScheduled, overrideBlock } from "~/modules/approvals/publishing.server";
import { rescheduleDeliverable } from "~/modules/approvals/reschedule.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import { acknowledgeBrief } from "~/modules/briefs/feedback.server";
import { publishBrief } from "~/modules/briefs/publish.server";
import { syncConflictLog } from "~/modules/insights/conflict-log.server";
import { confirmStep } from "~/modules/onboarding/client-steps.server";
import { decideStep } from "~/modules/onboarding/step-decisions.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { unwrap } from "~/utils/outcome";
import type { Database } from "../../../db/client";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture, GOOD_COPY, GOOD_LINK } from "../approvals/fixtures";
import { clientCtx, makeLink, setIdentities } from "../onboarding/setup";
import { drain, memberContext } from "../services/helpers";

/**
 * The scripted week of scripted-history.test.ts (issue 16) as a reusable setup: the same handoffs
 * through the real actions on a controlled clock, for tests that check what the page and the CSV
 * make of them (page-and-csv.test.ts). The figures it yields are worked out by hand in
 * scripted-history.test.ts; the clock is left at Monday 8 March 2027, 12:00 UTC.
 * Call inside vi.useFakeTimers({ toFake: ["Date"] }).
 */

const H = 3600;
export const Z = (iso: string) => new Date(`2027-${iso}Z`);
const at = (iso: string) => vi.setSystemTime(Z(iso));
export { H };

type Db = { readonly db: Database };

export async function runScriptedWeek(t: Db) {
  vi.setSystemTime(Z("03-01T08:00:00"));
  const world: World = await buildWorld(t.db);
  await t.db.update(workspaces).set({ timeZone: "Europe/Berlin" }).where(eq(workspaces.id, world.a.id));
  await t.db.update(brands).set({ timeZone: "Europe/Berlin" }).where(eq(brands.id, world.brandX.id));
  await setIdentities(t.db, world.a.id);
  const u = world.users;
  const ctx: Record<"coordinator" | "agency" | "lead" | "creator" | "admin", MemberContext> = {
    coordinator: await memberContext(u.coordinator.id, world.a.slug),
    agency: await memberContext(u.agencyMember.id, world.a.slug),
    lead: await memberContext(u.brandLead.id, world.a.slug),
    creator: await memberContext(u.creator.id, world.a.slug),
    admin: await memberContext(u.admin.id, world.a.slug),
  };
  const campaign: typeof campaigns.$inferSelect = await campaignFixture(t.db, world);
  const d: Record<string, string> = {};

  /** A complete brief whose draft is due on Tuesday 2 March 2027 (Berlin). */
  const BRIEF = {
    brandStory: "Brand X makes skincare for real mornings.",
    audience: "Busy people aged 25 to 40 who skip long routines.",
    keyMessage: "Glow in one step.",
    timeline: { kickoff: "2027-03-01", draftDue: "2027-03-02", publishStart: "2027-03-04", publishEnd: "2027-03-31" },
    guardrails: { sacred: "Real skin, daylight.", flexible: "Music and setting." },
    successMetrics: [{ kpi: "Engagement rate", target: "4%" }],
    deliverables: [{ channel: "x", format: "Post", count: 6 }],
    disclosure: "#ad",
    tracking: { utm: [{ param: "utm_source", value: "baton" }, { param: "utm_campaign" }], namingRule: "x_glow_yyyymm" },
    usageRights: "Organic reposts for 12 months.",
    approvers: ["Lead"],
    custom: {},
  };

  async function workspaceRow() {
    return (await t.db.select().from(workspaces).where(eq(workspaces.id, world.a.id)))[0];
  }
  /** What each conflict-log sync did, in order, for the test that checks the script's steps. */
  const syncs: Awaited<ReturnType<typeof syncConflictLog>>[] = [];
  const sync = async (iso: string) => {
    at(iso);
    syncs.push(await syncConflictLog(await workspaceRow(), Z(iso)));
  };
  const submit = async (id: string, basedOnVersion: number) =>
    unwrap(
      await submitVersion(ctx.creator, {
        deliverableId: id,
        copy: GOOD_COPY,
        title: null,
        link: GOOD_LINK,
        mediaFileIds: [],
        basedOnVersion,
      }),
    );
  const approve = async (who: "agency" | "lead", id: string, version: number) =>
    unwrap(await decide(ctx[who], { deliverableId: id, version, decision: "approve", comment: null }, new Date()));
  const deliverable = async (title: string, publishAt: string) =>
    unwrap(
      await createDeliverable(ctx.coordinator, {
        campaign,
        title,
        channel: "x",
        creatorId: world.creatorM.id,
        publishAt: Z(publishAt),
        idempotencyKey: newIdempotencyKey(),
      }),
    ).id;

  await t.db.update(briefs).set({ draft: BRIEF }).where(eq(briefs.campaignId, campaign.id));

  // Monday 1 March, 08:00: an agency member sends Brand X an onboarding link; six deliverables are planned on X.
  const { linkId } = await makeLink(world, world.users.agencyMember.id, {
    brandId: world.brandX.id,
    newClientName: undefined,
    platforms: [
      { platformKey: "meta_ad_account", role: "Manage campaigns" },
      { platformKey: "ga4", role: "Analyst" },
      { platformKey: "google_tag_manager", role: "Publish" },
    ],
  });
  const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));
  const step = (key: string) => steps.find((s) => s.platformKey === key)!.id;
  const client = await clientCtx(linkId);
  d.d2 = await deliverable("D2 revisions", "03-05T12:00:00");
  d.d4 = await deliverable("D4 blocked then overridden", "03-05T22:00:00");
  d.d1 = await deliverable("D1 first pass", "03-06T12:00:00");
  d.d6 = await deliverable("D6 collides with D1", "03-06T14:00:00");
  d.d3 = await deliverable("D3 version reset", "03-07T12:00:00");
  d.d5 = await deliverable("D5 never submitted", "03-07T20:00:00");

  at("03-01T09:00:00");
  unwrap(await publishBrief(ctx.coordinator, { campaignId: campaign.id }, new Date()));
  unwrap(await confirmStep(client, { stepId: step("ga4"), assetId: "312456789" }, new Date()));
  at("03-01T10:00:00");
  unwrap(await confirmStep(client, { stepId: step("meta_ad_account"), assetId: "act_1234567890" }, new Date()));
  at("03-01T11:00:00");
  unwrap(await decideStep(ctx.agency, { linkId, stepId: step("ga4"), event: "reject", reason: "Wrong property" }, new Date()));
  unwrap(await acknowledgeBrief(ctx.agency, { campaign, version: 2 }, new Date()));
  at("03-01T12:00:00");
  unwrap(await decideStep(ctx.agency, { linkId, stepId: step("meta_ad_account"), event: "verify" }, new Date()));
  at("03-01T13:00:00");
  unwrap(await confirmStep(client, { stepId: step("google_tag_manager"), assetId: "GTM-AB12CD3" }, new Date()));
  at("03-01T19:00:00");
  unwrap(await acknowledgeBrief(ctx.creator, { campaign, version: 2 }, new Date()));
  at("03-01T20:00:00"); // a wording fix: v3 carries both acknowledgments over, which are no new handoffs
  await t.db
    .update(briefs)
    .set({ draft: { ...BRIEF, brandStory: "Brand X makes skincare for real, busy mornings." } })
    .where(eq(briefs.campaignId, campaign.id));
  const wordingFix = unwrap(await publishBrief(ctx.coordinator, { campaignId: campaign.id }, new Date()));

  at("03-02T04:00:00");
  unwrap(await confirmStep(client, { stepId: step("ga4"), assetId: "312456790" }, new Date()));
  await sync("03-02T08:00:00"); // D1 and D6 two hours apart on X
  at("03-02T09:00:00");
  await submit(d.d3, 0);
  at("03-02T09:30:00");
  unwrap(await rescheduleDeliverable(ctx.coordinator, { deliverableId: d.d6, publishAt: Z("03-07T02:00:00") }, new Date()));
  at("03-02T10:00:00");
  await submit(d.d1, 0);
  unwrap(await decideStep(ctx.agency, { linkId, stepId: step("ga4"), event: "verify" }, new Date()));
  at("03-02T11:00:00");
  await approve("agency", d.d3, 1);
  at("03-02T12:00:00");
  await approve("lead", d.d3, 1);
  await sync("03-02T13:00:00"); // collision gone, D2's sign-off due in 23 h
  at("03-02T14:00:00");
  await approve("agency", d.d1, 1);
  unwrap(await decideStep(ctx.agency, { linkId, stepId: step("google_tag_manager"), event: "verify" }, new Date()));
  at("03-02T18:00:00");
  await submit(d.d4, 0);
  at("03-02T20:00:00");
  await approve("lead", d.d1, 1);
  at("03-02T23:30:00"); // 00:30 on Wednesday in Berlin: after the due day there, though not in UTC
  await submit(d.d2, 0);

  at("03-03T01:30:00");
  unwrap(
    await decide(ctx.agency, { deliverableId: d.d2, version: 1, decision: "request_changes", comment: "Shorter, please." }, new Date()),
  );
  at("03-03T02:30:00");
  await submit(d.d2, 1);
  at("03-03T04:30:00");
  await approve("agency", d.d2, 2);
  at("03-03T09:00:00");
  await submit(d.d3, 1); // a new version after the sign-off: the route starts again
  unwrap(await markScheduled(ctx.coordinator, { deliverableId: d.d1 }));
  at("03-03T10:30:00");
  await approve("lead", d.d2, 2);
  at("03-03T11:00:00");
  unwrap(await markScheduled(ctx.coordinator, { deliverableId: d.d2 }));
  await sync("03-03T12:00:00"); // D2 signed off; D4's sign-off due in 10 h
  at("03-03T13:00:00");
  await approve("agency", d.d3, 2);
  at("03-03T15:00:00");
  await approve("lead", d.d3, 2);
  await drain(Z("03-03T22:00:05")); // D4's deadline passed without a sign-off: the deadline job blocks it

  await sync("03-04T08:00:00"); // D4 overdue (a new key), D6 due soon
  at("03-04T09:00:00");
  unwrap(await overrideBlock(ctx.admin, { deliverableId: d.d4, reason: "Client approved by phone" }, new Date()));
  at("03-04T09:30:00");
  unwrap(await markScheduled(ctx.coordinator, { deliverableId: d.d4 }));
  await sync("03-04T21:00:00"); // D4 overridden; D5 due soon
  await drain(Z("03-05T02:00:05")); // D6 blocked
  await drain(Z("03-05T20:00:05")); // D5 blocked
  at("03-06T12:05:00");
  unwrap(await markPublished(ctx.coordinator, { deliverableId: d.d1, liveUrl: "https://x.example/brandx/1" }, new Date()));
  await sync("03-08T00:00:00"); // D6 and D5 went live unresolved
  at("03-08T12:00:00");

  return { world, ctx, campaign, d, wordingFix, syncs };
}

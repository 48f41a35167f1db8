import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, jobs, localEmails, webhookDeliveries } from "@db/schema";
import { decide } from "~/modules/approvals/decide.server";
import { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { linkTokenFor, openLinkPage } from "./decision-link-fixtures";
import { campaignFixture, ctxOf, submittedDeliverable } from "./fixtures";

/**
 * Internal comments (issue 18 part 1, security.md 39): a reviewer's note to the team is read by
 * workspace-wide members and the campaign's agency, and by nobody else through any channel this
 * wave has: the deliverable page of each role (its comments and its activity), the decision-link
 * page of the brand lead, every email and webhook queued or sent, the audit trail's data and the
 * evidence pack sealed at the sign-off. The
 * body is a marker string, looked for in everything each channel hands out.
 */
const t = useTestDatabase();
let world: World;
let id: string;
let leadToken: string;
const SECRET = "INTERNAL-7f3a: the creator's framing is off, let's fix it before Lena sees it";
const PUBLIC = "Lovely light in the second shot.";

async function post(form: Record<string, string>, who: keyof World["users"]) {
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  return call(action, makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form, cookie: await sessionCookie(world.users[who].id) }), {
    workspace: world.a.slug,
    deliverableId: id,
  });
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  const campaign = await campaignFixture(t.db, world);
  id = await submittedDeliverable(world, campaign);
  // The agency's reviewer leaves one internal and one ordinary comment, then approves: the brand lead's sign-off is next.
  expect((await post({ intent: "comment", version: "1", body: SECRET, internal: "on" }, "agencyMember")).status).toBeLessThan(400);
  expect((await post({ intent: "comment", version: "1", body: PUBLIC }, "agencyMember")).status).toBeLessThan(400);
  const approved = await decide(await ctxOf(world, "agencyMember"), { deliverableId: id, version: 1, decision: "approve", comment: null });
  expect(approved.ok).toBe(true);
  leadToken = await linkTokenFor(t.db, id, world.users.brandLead.email);
  // The worker sends what was queued, so the mailbox and webhook deliveries hold what people got.
  await drain();
});

const pageFor = async (who: keyof World["users"]) => deliverablePage(await ctxOf(world, who), id, {});

describe("an internal comment", () => {
  it.each(["owner", "admin", "coordinator", "agencyMember"] as const)(
    "is shown to %s, marked internal, beside the ordinary one",
    async (who) => {
      const page = await pageFor(who);
      const comments = page!.versions.find((v) => v.version === 1)!.comments;
      expect(comments.map((c) => [c.body, c.internal])).toEqual([
        [SECRET, true],
        [PUBLIC, false],
      ]);
      expect(page!.can.commentInternal).toBe(true);
      expect(page!.activity.filter((a) => a.action === "draft.commented")).toHaveLength(2);
    },
  );

  it.each(["brandLead", "creator"] as const)("is nowhere in the page the %s gets, nor that it was written", async (who) => {
    const page = await pageFor(who);
    expect(page).not.toBeNull();
    expect(JSON.stringify(page)).not.toContain("INTERNAL-7f3a");
    expect(page!.versions.find((v) => v.version === 1)!.comments.map((c) => c.body)).toEqual([PUBLIC]);
    expect(page!.activity.filter((a) => a.action === "draft.commented")).toHaveLength(1);
    expect(page!.can.commentInternal).toBe(false);
  });

  it("is not on the brand lead's decision-link page", async () => {
    const res = await openLinkPage(leadToken);
    expect(res.status).toBe(200);
    const body = JSON.stringify(await jsonOf(res));
    expect(body).toContain(PUBLIC);
    expect(body).not.toContain("INTERNAL-7f3a");
  });

  it("is in no email, no webhook and no audit data", async () => {
    const everything = JSON.stringify([
      await t.db.select().from(jobs),
      await t.db.select().from(localEmails),
      await t.db.select().from(webhookDeliveries),
      await t.db.select().from(auditEvents),
    ]);
    // The emails of this story were sent (the approval request reached the lead), so the check saw real output.
    expect(everything).toContain(world.users.brandLead.email);
    expect(everything).not.toContain("INTERNAL-7f3a");
  });

  it("is in no CSV export (the audit trail's and the calendar's), even the owner's", async () => {
    const cookie = await sessionCookie(world.users.owner.id);
    const audit = await import("~/routes/w.$workspace.audit[.]csv");
    const calendar = await import("~/routes/w.$workspace.calendar[.]csv");
    const params = { workspace: world.a.slug };
    const csvs = [
      await (await call(audit.loader, makeRequest(`/w/${world.a.slug}/audit.csv`, { cookie }), params)).text(),
      await (await call(calendar.loader, makeRequest(`/w/${world.a.slug}/calendar.csv?view=list`, { cookie }), params)).text(),
    ];
    // The exports were real: the audit trail lists the comments' events, the calendar the deliverable.
    expect(csvs[0]).toContain("draft.commented");
    expect(csvs[1]).toContain("Serum reel");
    for (const csv of csvs) expect(csv).not.toContain("INTERNAL-7f3a");
  });

  it("cannot be written by a creator or a brand lead: 403 with the reason by the box, and nothing stored", async () => {
    for (const who of ["creator", "brandLead"] as const) {
      const res = await post({ intent: "comment", version: "1", body: "Psst, team only?", internal: "on" }, who);
      expect(res.status).toBe(403);
      const data = await jsonOf<{ fieldErrors?: Record<string, string[]>; formError?: string }>(res);
      expect(JSON.stringify(data)).toContain("Only the agency team can leave internal comments.");
    }
    const page = await pageFor("coordinator");
    expect(page!.versions.find((v) => v.version === 1)!.comments.map((c) => c.body)).not.toContain("Psst, team only?");
  });

  it("is not in the evidence pack sealed at the brand sign-off (page and JSON download)", async () => {
    const signed = await decide(await ctxOf(world, "brandLead"), { deliverableId: id, version: 1, decision: "approve", comment: null });
    expect(signed.ok).toBe(true);
    const cookie = await sessionCookie(world.users.owner.id);
    const params = { workspace: world.a.slug, deliverableId: id };
    const page = await import("~/routes/w.$workspace.deliverables.$deliverableId_.evidence");
    const file = await import("~/routes/w.$workspace.deliverables.$deliverableId_.evidence[.]json");
    const base = `/w/${world.a.slug}/deliverables/${id}/evidence`;
    const bodies = [
      await (await call(page.loader, makeRequest(base, { cookie }), params)).text(),
      await (await call(file.loader, makeRequest(`${base}.json`, { cookie }), params)).text(),
    ];
    for (const body of bodies) {
      // The pack was really there: it carries the approved copy and the lead's sign-off.
      expect(body).toContain(world.users.brandLead.email);
      expect(body).toContain("#ad");
      expect(body).not.toContain("INTERNAL-7f3a");
    }
  });
});

describe("an internal comment on a draft a guest approver reviews", () => {
  const GUEST = "legal-review@lumen.example";
  const MARK = "INTERNAL-g7u3: legal will object to the claim, fix before they read it";

  it("is in no email the guest or the brand lead gets, and not on the guest's decision-link page", async () => {
    const campaign = await campaignFixture(t.db, world, { name: "Guest review" });
    // The route: the brand's legal team as a guest stage, then the brand lead's sign-off.
    const { action: routeAction } = await import("~/routes/w.$workspace.campaigns.$campaignId.route");
    const saved = await call(
      routeAction,
      makeRequest(`/w/${world.a.slug}/campaigns/${campaign.id}/route`, {
        form: {
          reviewHours: "24",
          s0_name: "Legal",
          s0_rule: "any",
          s0_guests: GUEST,
          signoffRule: "any",
          signoffApprovers: world.users.brandLead.id,
        },
        cookie: await sessionCookie(world.users.coordinator.id),
      }),
      { workspace: world.a.slug, campaignId: campaign.id },
    );
    expect(saved.status).toBe(200);
    const guestDraft = await submittedDeliverable(world, campaign, { title: "Guest-reviewed reel" });
    const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
    const commented = await call(
      action,
      makeRequest(`/w/${world.a.slug}/deliverables/${guestDraft}`, {
        form: { intent: "comment", version: "1", body: MARK, internal: "on" },
        cookie: await sessionCookie(world.users.agencyMember.id),
      }),
      { workspace: world.a.slug, deliverableId: guestDraft },
    );
    expect(commented.status).toBeLessThan(400);
    const guestToken = await linkTokenFor(t.db, guestDraft, GUEST);
    const page = await openLinkPage(guestToken);
    expect(page.status).toBe(200);
    const pageText = JSON.stringify(await jsonOf(page));
    expect(pageText).toContain("Guest-reviewed reel");
    expect(pageText).not.toContain("INTERNAL-g7u3");
    // The guest approves through the link: the brand lead is asked next.
    const { postLink } = await import("./decision-link-fixtures");
    expect((await postLink(guestToken, { intent: "decide", version: "1", decision: "approve" })).status).toBeLessThan(400);
    await drain();
    const mail = JSON.stringify([await t.db.select().from(jobs), await t.db.select().from(localEmails)]);
    expect(mail).toContain(GUEST);
    expect(mail).toContain(world.users.brandLead.email);
    expect(mail).not.toContain("INTERNAL-g7u3");
  });
});

import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import { createUser } from "../../../db/factories";
import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import { sha256 } from "~/utils/crypto.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { linkTokenFor, openLinkPage, postLink } from "./decision-link-fixtures";
import { auditFor, campaignFixture, ctxOf, decisionsOf, deliverableRow, emailJobs, submittedDeliverable } from "./fixtures";

/**
 * Guest approvers and invited brand leads (issue 17 part 2, decision 052) through the route editor's
 * real action and the decision link's real routes: a guest is a user row without a membership,
 * named by email on a review stage; they get the approval email with their own link, decide only
 * through it, and appear like members in the route, the lists and the audit trail, labelled "guest".
 */
const t = useTestDatabase();
let world: World;
let coordinator: string;

beforeAll(async () => {
  world = await buildWorld(t.db);
  coordinator = await sessionCookie(world.users.coordinator.id);
});

type Answer = { ok: boolean; formError: string | null; errors: Record<string, string[]> };

async function saveRoute(campaignId: string, form: Record<string, string | string[]>) {
  const { action } = await import("~/routes/w.$workspace.campaigns.$campaignId.route");
  const res = await call(action, makeRequest(`/w/${world.a.slug}/campaigns/${campaignId}/route`, { form, cookie: coordinator }), {
    workspace: world.a.slug,
    campaignId,
  });
  return { status: res.status, body: await jsonOf<Answer>(res) };
}

const stagesOf = async (campaignId: string) => {
  const [row] = await t.db.select().from(schema.approvalRoutes).where(eq(schema.approvalRoutes.campaignId, campaignId));
  return row?.stages as { name: string; approverUserIds: string[]; backupUserId?: string }[] | undefined;
};
const userByEmail = (email: string) => t.db.query.users.findFirst({ where: eq(schema.users.email, email) });
const tableCounts = async () => ({
  users: (await t.db.select().from(schema.users)).length,
  routes: (await t.db.select().from(schema.approvalRoutes)).length,
  audit: (await t.db.select().from(schema.auditEvents)).length,
});

const legalStage = (guests: string, extra: Record<string, string | string[]> = {}) => ({
  reviewHours: "24",
  s0_name: "Legal",
  s0_rule: "any",
  s0_guests: guests,
  signoffRule: "any",
  signoffApprovers: world.users.brandLead.id,
  ...extra,
});

describe("naming guest approvers in the route editor", () => {
  it("a new address gets a user row without password or membership; the trail names who may decide", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guests: new" });
    const res = await saveRoute(c.id, legalStage("Legal@Lumen.example"));
    expect(res.status).toBe(200);
    const guest = await userByEmail("legal@lumen.example");
    expect(guest).toMatchObject({ passwordHash: null, emailVerifiedAt: null });
    expect(await t.db.select().from(schema.memberships).where(eq(schema.memberships.userId, guest!.id))).toEqual([]);
    expect((await stagesOf(c.id))?.[0].approverUserIds).toEqual([guest!.id]);
    const [event] = await t.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.objectId, c.id), eq(schema.auditEvents.action, "campaign.route_updated")));
    expect((event.data as { stages: { byEmail: string[] }[] }).stages[0].byEmail).toEqual(["legal@lumen.example"]);
  });

  it("an address that already has an account gets the same answer, and its account is left as it was", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guests: known" });
    const before = await userByEmail(world.users.outsider.email);
    const known = await saveRoute(c.id, legalStage(world.users.outsider.email));
    const fresh = await saveRoute(c.id, legalStage(`nobody-${Date.now()}@example.test`));
    // Nothing in the answer tells the two apart (but the time it was given).
    const withoutTime = (r: typeof known) => ({ ...r, body: { ...r.body, at: null } });
    expect(withoutTime(known)).toEqual(withoutTime(fresh));
    await saveRoute(c.id, legalStage(world.users.outsider.email));
    expect((await stagesOf(c.id))?.[0].approverUserIds).toEqual([world.users.outsider.id]);
    expect(await userByEmail(world.users.outsider.email)).toEqual(before);
  });

  it("refuses guests on the brand sign-off, and a member who can't review this campaign typed as a guest; writes nothing, no user row either", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guests: refused" });
    const before = await tableCounts();
    const onSignoff = await saveRoute(c.id, { ...legalStage("legal2@lumen.example"), signoffGuests: "boss@lumen.example" });
    expect(onSignoff.status).toBe(400);
    expect(onSignoff.body.errors.signoff).toEqual([
      "Guests can approve review stages only: the brand sign-off is given by brand leads of this campaign's brand.",
    ]);
    const creator = await saveRoute(c.id, legalStage(`new-${Date.now()}@example.test, ${world.users.creator.email}`));
    expect(creator.status).toBe(400);
    expect(creator.body.errors.s0_guests).toEqual([
      `${world.users.creator.email} is a member of this workspace who can't review this campaign: choose approvers from the list.`,
    ]);
    expect(await tableCounts()).toEqual(before);
    expect(await stagesOf(c.id)).toBeUndefined();
  });

  it("a guest's id is accepted back only from this route: an id from elsewhere is refused", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guests: ids" });
    const stranger = await createUser(t.db, { email: `stranger-${Date.now()}@example.test` });
    const res = await saveRoute(c.id, { ...legalStage(""), s0_approvers: stranger.id });
    expect(res.status).toBe(400);
    expect(res.body.errors.s0).toEqual(['Choose approvers for "Legal" from the list: people who can review this campaign.']);
  });

  it("bad input for the new fields is a 400 with the message beside the field, nothing written", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guests: bad input" });
    const before = await tableCounts();
    for (const [form, field] of [
      [legalStage("not an email"), "s0_guests"],
      [legalStage("a@b.example", { s0_backup: "x" }), "s0_backup"],
      [legalStage("a@b.example", { signoffBackup: ["a", "b"] }), "signoff_backup"],
      [legalStage("a@b.example", { signoffInvitees: "nope" }), "signoff"],
      [legalStage("x".repeat(6000)), "s0_guests"],
      [legalStage("a\u0000@b.example"), "s0_guests"],
    ] as const) {
      const res = await saveRoute(c.id, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.body.errors[field]?.length, `${field}: ${JSON.stringify(res.body)}`).toBeGreaterThan(0);
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("backups in the route editor", () => {
  it("saves a reviewer as a review stage's backup and a brand lead of the brand as the sign-off's", async () => {
    const c = await campaignFixture(t.db, world, { name: "Backups" });
    const lead2 = await createUser(t.db, { email: `lead2-${Date.now()}@example.test`, name: "Lou Lead" });
    await t.db
      .insert(schema.memberships)
      .values({ workspaceId: world.a.id, userId: lead2.id, role: "brand_lead", brandId: world.brandX.id });
    const res = await saveRoute(c.id, {
      ...legalStage("", { s0_approvers: world.users.agencyMember.id, s0_backup: world.users.coordinator.id }),
      signoffBackup: lead2.id,
    });
    expect(res.status).toBe(200);
    expect((await stagesOf(c.id))?.map((s) => s.backupUserId)).toEqual([world.users.coordinator.id, lead2.id]);
  });

  it("refuses a sign-off backup who is not a brand lead of the brand, and a backup who is already an approver, beside the field", async () => {
    const c = await campaignFixture(t.db, world, { name: "Backups refused" });
    const leadY = await createUser(t.db, { email: `leadY-${Date.now()}@example.test` });
    await t.db
      .insert(schema.memberships)
      .values({ workspaceId: world.a.id, userId: leadY.id, role: "brand_lead", brandId: world.brandY.id });
    const res = await saveRoute(c.id, { ...legalStage("", { s0_approvers: world.users.agencyMember.id }), signoffBackup: leadY.id });
    expect(res.status).toBe(400);
    expect(res.body.errors.signoff_backup).toEqual(["The backup of the brand sign-off must be a brand lead of this campaign's brand."]);
    const same = await saveRoute(
      c.id,
      legalStage("", { s0_approvers: world.users.agencyMember.id, s0_backup: world.users.agencyMember.id }),
    );
    expect(same.status).toBe(400);
    expect(same.body.errors.s0_backup).toEqual([
      `The backup of "Legal" steps in when its approvers don't answer: choose someone who is not one of them.`,
    ]);
  });
});

describe("a guest approver decides through their link", () => {
  it("gets the approval email with their own link (no in-app notice, no sign-in offer), is named 'guest', and requests changes", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guest decides" });
    const email = `gina-${Date.now()}@legal.example`;
    expect((await saveRoute(c.id, legalStage(email))).status).toBe(200);
    const guest = (await userByEmail(email))!;
    const id = await submittedDeliverable(world, c);

    const [mail] = (await emailJobs(t.db, "draft-submitted")).filter((j) => (j.payload as { to: string }).to === email);
    expect((mail.payload as { props: { guest: boolean; decisionUrl: string } }).props).toMatchObject({ guest: true });
    expect(await t.db.select().from(schema.notifications).where(eq(schema.notifications.userId, guest.id))).toEqual([]);
    const token = await linkTokenFor(t.db, id, email);
    const [link] = await t.db
      .select()
      .from(schema.decisionLinks)
      .where(eq(schema.decisionLinks.tokenHash, sha256(token)));
    expect(link).toMatchObject({ userId: guest.id, deliverableId: id });

    // Waiting on the guest: the lists name them "(guest)".
    const page = await deliverablePage(await ctxOf(world, "coordinator"), id, {});
    expect(page?.holder).toBe(`Legal: ${email} (guest)`);
    expect(page?.route[0].approvers.map((a) => a.name)).toEqual([`${email} (guest)`]);

    // The guest opens the link without a session and requests changes: one POST, audited as a guest.
    expect((await openLinkPage(token)).status).toBe(200);
    const res = await postLink(
      token,
      { intent: "decide", version: "1", decision: "request_changes", comment: "Add the legal line." },
      { ip: "192.0.2.9" },
    );
    expect(res.status).toBe(302);
    expect((await deliverableRow(t.db, id)).status).toBe("changes_requested");
    expect((await decisionsOf(t.db, id)).map((d) => [d.userId, d.decision])).toEqual([[guest.id, "request_changes"]]);
    const [event] = await auditFor(t.db, id, "draft.changes_requested");
    expect(event).toMatchObject({ actorUserId: guest.id, actorLabel: `${email} (guest) via decision link`, ip: "192.0.2.9" });

    // Signing in shows a guest nothing: no membership, no workspace.
    const { loader } = await import("~/routes/w.$workspace._index");
    const home = await call(loader, makeRequest(`/w/${world.a.slug}`, { cookie: await sessionCookie(guest.id) }), {
      workspace: world.a.slug,
    });
    expect(home.status).toBe(404);
  });

  it("a guest taken off the route: their link has ended (410)", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guest removed" });
    const email = `gone-${Date.now()}@legal.example`;
    await saveRoute(c.id, legalStage(email));
    const id = await submittedDeliverable(world, c);
    const token = await linkTokenFor(t.db, id, email);
    await saveRoute(c.id, legalStage("", { s0_approvers: world.users.agencyMember.id }));
    expect((await openLinkPage(token)).status).toBe(410);
    expect((await postLink(token, { intent: "decide", version: "1", decision: "approve" })).status).toBe(410);
  });

  it("a guest approves, then a brand lead invited and not joined yet signs off from their link", async () => {
    const c = await campaignFixture(t.db, world, { name: "Invited lead" });
    const inviteeEmail = `invited-${Date.now()}@lumen.example`;
    const [invitation] = await t.db
      .insert(schema.invitations)
      .values({
        workspaceId: world.a.id,
        email: inviteeEmail,
        role: "brand_lead",
        brandId: world.brandX.id,
        tokenHash: sha256(`inv-${Date.now()}`),
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
      })
      .returning();
    const guestEmail = `gabe-${Date.now()}@legal.example`;
    const saved = await saveRoute(c.id, { ...legalStage(guestEmail), signoffApprovers: [], signoffInvitees: invitation.id });
    expect(saved.status).toBe(200);
    const invitee = (await userByEmail(inviteeEmail))!;
    expect(invitee).toMatchObject({ passwordHash: null });
    expect((await stagesOf(c.id))?.[1].approverUserIds).toEqual([invitee.id]);

    const id = await submittedDeliverable(world, c);
    const guestToken = await linkTokenFor(t.db, id, guestEmail);
    expect((await postLink(guestToken, { intent: "decide", version: "1", decision: "approve" })).status).toBe(302);
    // Waiting on the invitee: named as invited, not as a guest.
    expect((await deliverablePage(await ctxOf(world, "coordinator"), id, {}))?.holder).toBe(`Brand sign-off: ${inviteeEmail} (invited)`);
    const leadToken = await linkTokenFor(t.db, id, inviteeEmail);
    const res = await postLink(leadToken, { intent: "decide", version: "1", decision: "approve" });
    expect(res.status).toBe(302);
    expect(await deliverableRow(t.db, id)).toMatchObject({ status: "signed_off", signedOffBy: invitee.id });
    const [event] = await auditFor(t.db, id, "draft.signed_off");
    expect(event.actorLabel).toBe(`${inviteeEmail} via decision link`);
    // The invitation revoked: the link has ended.
    await t.db.update(schema.invitations).set({ revokedAt: new Date() }).where(eq(schema.invitations.id, invitation.id));
    expect((await openLinkPage(leadToken)).status).toBe(410);
  });

  it("the guest's drafts are not in anyone's way: the home list of the agency member does not hold them", async () => {
    const c = await campaignFixture(t.db, world, { name: "Guest home" });
    const email = `hank-${Date.now()}@legal.example`;
    await saveRoute(c.id, legalStage(email));
    const id = await submittedDeliverable(world, c);
    const items = await approvalsWaiting(await ctxOf(world, "agencyMember"));
    expect(items.map((i) => i.id)).not.toContain(id);
  });
});

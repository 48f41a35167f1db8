import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  briefAcknowledgments,
  briefComments,
  briefVersions,
  campaigns,
  jobs,
  notifications,
  onboardingLinks,
} from "@db/schema";
import { addMember, createUser } from "../../../db/factories";
import { openPayload } from "~/modules/jobs/queue.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { makeLink, setIdentities } from "../onboarding/setup";
import { client, completeBriefForm, routes } from "./fixtures";
import { newIdempotencyKey } from "~/utils/idempotency.server";

/**
 * Issue 5 through the routes themselves (loaders and actions with real requests on a real
 * database): template → campaign → brief with autosave, meter and pre-fill → the gate that names
 * missing fields → publish, acknowledge, comment → v2 with its diff → activation.
 */
const t = useTestDatabase();
let world: World;
let c: ReturnType<typeof client>;
let campaignId: string;
let otherCampaignId: string;

const today = DateTime.now();
const campaignForm = (overrides: Record<string, string | string[]> = {}) => ({
  name: "Glow Launch",
  brandId: world.brandX.id,
  leadAgencyId: world.agencyP.id,
  creatorIds: [world.creatorM.id],
  channels: ["instagram", "tiktok"],
  startsOn: today.plus({ days: 20 }).toISODate()!,
  endsOn: today.plus({ days: 40 }).toISODate()!,
  idempotencyKey: newIdempotencyKey(),
  ...overrides,
});

async function templateVersion() {
  const { loader } = await routes.template();
  return (await c.json<{ version: number }>(await c.get(loader, "coordinator", "/brief-template"))).version;
}

async function campaignRow() {
  const [row] = await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return row;
}

async function addTemplateField(form: Record<string, string>) {
  const { action } = await routes.template();
  return c.post(action, "coordinator", "/brief-template", {
    intent: "add",
    baseVersion: String(await templateVersion()),
    type: "text",
    ...form,
  });
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  c = client(world);
  // The client answered the onboarding questionnaire: its brand story and audience pre-fill briefs.
  await setIdentities(t.db, world.a.id);
  const { linkId } = await makeLink(world, world.users.owner.id, { brandId: world.brandX.id, questionnaire: true });
  await t.db
    .update(onboardingLinks)
    .set({
      answers: {
        questionnaire: {
          brandStory: "We started Brand X in a kitchen.",
          audience: "Runners who train before dawn.",
          toneOfVoice: "Warm",
          done: true,
        },
      },
    })
    .where(eq(onboardingLinks.id, linkId));
});

describe("the brief template", () => {
  it("a coordinator adds a required custom field; each change is a new version, audited", async () => {
    expect(await templateVersion()).toBe(1);
    const res = await addTemplateField({ label: "Hero product", required: "on", material: "on" });
    expect(res.status).toBe(200);
    expect((await c.json(res)).notice).toMatch(/Template v2 saved: added Hero product/);
    const { loader } = await routes.template();
    const data = await c.json<{ version: number; fields: { key: string; required: boolean }[] }>(
      await c.get(loader, "coordinator", "/brief-template"),
    );
    expect(data.version).toBe(2);
    expect(data.fields).toEqual([expect.objectContaining({ key: "hero-product", required: true, material: true })]);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "brief.template_saved"))).toHaveLength(1);
  });

  it("refuses a save on a stale version (409) and a field that reuses a key (400)", async () => {
    const { action } = await routes.template();
    const stale = await c.post(action, "coordinator", "/brief-template", {
      intent: "add",
      baseVersion: "1",
      label: "Budget",
      type: "number",
    });
    expect(stale.status).toBe(409);
    const dup = await addTemplateField({ label: "Hero product" });
    expect(dup.status).toBe(400);
    expect((await c.json<{ errors: Record<string, string[]> }>(dup)).errors.key[0]).toMatch(/already used/);
    expect(await templateVersion()).toBe(2);
  });
});

describe("campaigns and the brief editor", () => {
  it("creates a campaign (one transaction with its brief and audit) and rejects a window that ends first", async () => {
    const { action } = await routes.create();
    const bad = await c.post(action, "coordinator", "/campaigns/new", campaignForm({ endsOn: today.plus({ days: 1 }).toISODate()! }));
    expect(bad.status).toBe(400);
    expect((await c.json<{ errors: Record<string, string[]> }>(bad)).errors.endsOn).toEqual([
      "The campaign must end on or after its start date.",
    ]);
    expect(await t.db.select().from(campaigns)).toHaveLength(0);

    const res = await c.post(action, "coordinator", "/campaigns/new", campaignForm());
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^/w/${world.a.slug}/campaigns/[^/]+/brief/edit$`));
    campaignId = location.split("/")[4];
    const row = await campaignRow();
    expect(row).toMatchObject({ name: "Glow Launch", status: "planning", coordinatorId: world.users.coordinator.id });
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "campaign.created"), eq(auditEvents.objectId, campaignId))),
    ).toHaveLength(1);
  });

  it("pre-fills the brand story and audience from the client's onboarding answers and names what is missing", async () => {
    const { loader } = await routes.editor();
    const data = await c.json<{
      prefilled: string[];
      values: Record<string, unknown>;
      completeness: { percent: number; missing: { label: string }[] };
    }>(await c.get(loader, "coordinator", `/campaigns/${campaignId}/brief/edit`, campaignId));
    expect(data.prefilled.sort()).toEqual(["audience", "brandStory"]);
    expect(data.values.brandStory).toMatch(/^We started Brand X in a kitchen\.\n\nTone of voice: Warm$/);
    expect(data.values.audience).toBe("Runners who train before dawn.");
    const missing = data.completeness.missing.map((m) => m.label);
    expect(missing[0]).toBe("Key message");
    expect(missing).not.toContain("Brand story");
    expect(missing.at(-1)).toBe("Hero product");
    expect(data.completeness.percent).toBe(Math.floor((2 / 16) * 100));
  });

  it("autosave keeps what was typed across a reload; a bad date is a field message and keeps its old value", async () => {
    const { action, loader } = await routes.editor();
    const res = await c.post(
      action,
      "coordinator",
      `/campaigns/${campaignId}/brief/edit`,
      { intent: "save", keyMessage: "Glow in one step.", "timeline.kickoff": "2026-13-45" },
      campaignId,
    );
    expect(res.status).toBe(400);
    const body = await c.json<{ errors: Record<string, string[]>; formError: string; completeness: { missing: { label: string }[] } }>(res);
    expect(body.errors["timeline.kickoff"]).toEqual(["Enter a date as YYYY-MM-DD."]);
    expect(body.formError).toMatch(/^Saved, except the highlighted fields/);
    expect(body.completeness.missing.map((m) => m.label)).not.toContain("Key message");

    // A reload (a new GET) shows what was saved; fields the post did not name kept their value.
    const data = await c.json<{ values: Record<string, unknown>; savedAt: string | null }>(
      await c.get(loader, "coordinator", `/campaigns/${campaignId}/brief/edit`, campaignId),
    );
    expect(data.values.keyMessage).toBe("Glow in one step.");
    expect(data.values["timeline.kickoff"]).toBeNull();
    expect(data.values.audience).toBe("Runners who train before dawn.");
    expect(data.savedAt).not.toBeNull();

    const ok = await c.post(
      action,
      "coordinator",
      `/campaigns/${campaignId}/brief/edit`,
      { intent: "save", "guardrails.sacred": "Real skin." },
      campaignId,
    );
    expect(ok.status).toBe(200);
    const after = await c.json<{ values: Record<string, unknown> }>(
      await c.get(loader, "coordinator", `/campaigns/${campaignId}/brief/edit`, campaignId),
    );
    expect(after.values).toMatchObject({ keyMessage: "Glow in one step.", "guardrails.sacred": "Real skin." });
  });

  it("refuses to publish an incomplete brief, naming every missing field, and writes nothing", async () => {
    const { action } = await routes.editor();
    const res = await c.post(action, "coordinator", `/campaigns/${campaignId}/brief/edit`, { intent: "publish" }, campaignId);
    expect(res.status).toBe(400);
    const { formError } = await c.json<{ formError: string }>(res);
    expect(formError).toBe(
      "The brief is missing: Kickoff date, Draft due date, Publish window start, Publish window end, Success metrics, Deliverables, Disclosure, Required UTM parameters, Naming rule, Usage rights, Approvers, Hero product.",
    );
    expect((await campaignRow()).status).toBe("planning");
    expect(await t.db.select().from(briefVersions).where(eq(briefVersions.campaignId, campaignId))).toHaveLength(0);
  });

  it("refuses to activate a campaign whose brief is incomplete, naming the missing fields (campaign page action)", async () => {
    const { action } = await routes.page();
    const row = await campaignRow();
    const res = await c.post(
      action,
      "coordinator",
      `/campaigns/${campaignId}`,
      { intent: "transition", event: "activate", rowVersion: String(row.rowVersion) },
      campaignId,
    );
    expect(res.status).toBe(409);
    const body = await c.json<{ formError: string; errors: Record<string, string[]> }>(res);
    expect(body.formError).toMatch(
      /^A planning campaign cannot be activated\. The brief is missing: Kickoff date, .*Approvers, Hero product\.$/,
    );
    expect(body.errors.event).toEqual([body.formError]);
    expect((await campaignRow()).status).toBe("planning");
  });
});

describe("publishing and acknowledgment", () => {
  it("publishes v1: the campaign is briefed and each agency member and creator is asked, by notification and email", async () => {
    const { action } = await routes.editor();
    const res = await c.post(
      action,
      "coordinator",
      `/campaigns/${campaignId}/brief/edit`,
      { intent: "publish", ...completeBriefForm(), "custom.hero-product": "Glow serum" },
      campaignId,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/w/${world.a.slug}/campaigns/${campaignId}?published=1`);
    expect((await campaignRow()).status).toBe("briefed");
    const acks = await t.db.select().from(briefAcknowledgments).where(eq(briefAcknowledgments.campaignId, campaignId));
    expect(acks.map((a) => a.userId).sort()).toEqual([world.users.agencyMember.id, world.users.creator.id].sort());
    expect(acks.every((a) => a.version === 1 && a.acknowledgedAt === null)).toBe(true);
    const emails = (await t.db.select().from(jobs).where(eq(jobs.kind, "email"))).filter(
      (j) => (j.payload as { template?: string }).template === "brief-acknowledgment-request",
    );
    expect(emails.map((j) => (j.payload as { to: string }).to).sort()).toEqual(
      [world.users.agencyMember.email, world.users.creator.email].sort(),
    );
    const asked = await t.db.select().from(notifications).where(eq(notifications.userId, world.users.creator.id));
    expect(asked.map((n) => n.title)).toContain("New brief to acknowledge: Glow Launch");
  });

  it("an agency member sees only its agency's campaigns, a creator only its assignments", async () => {
    const { action, loader } = await routes.create();
    expect((await c.get(loader, "coordinator", "/campaigns/new")).status).toBe(200);
    const res = await c.post(
      action,
      "coordinator",
      "/campaigns/new",
      campaignForm({ name: "Trail Push", brandId: world.brandY.id, leadAgencyId: world.agencyQ.id, creatorIds: [world.creatorN.id] }),
    );
    otherCampaignId = res.headers.get("Location")!.split("/")[4];
    const list = await routes.list();
    const names = async (who: Parameters<typeof c.get>[1]) =>
      (await c.json<{ rows: { name: string }[] }>(await c.get(list.loader, who, "/campaigns"))).rows.map((r) => r.name).sort();
    expect(await names("coordinator")).toEqual(["Glow Launch", "Trail Push"]);
    expect(await names("agencyMember")).toEqual(["Glow Launch"]);
    expect(await names("creator")).toEqual(["Glow Launch"]);
    expect(await names("brandLead")).toEqual(["Glow Launch"]);
    const page = await routes.page();
    expect((await c.get(page.loader, "creator", `/campaigns/${otherCampaignId}`, otherCampaignId)).status).toBe(404);
    expect((await c.get(page.loader, "agencyMember", `/campaigns/${otherCampaignId}`, otherCampaignId)).status).toBe(404);
    // Filters narrow within what one may see.
    const filtered = await c.json<{ rows: { name: string }[] }>(
      await c.get(list.loader, "coordinator", `/campaigns?status=briefed&agency=${world.agencyP.id}`),
    );
    expect(filtered.rows.map((r) => r.name)).toEqual(["Glow Launch"]);
  });

  it("the campaign page and each person's home show who has not acknowledged, and since when", async () => {
    const page = await routes.page();
    const data = await c.json<{
      acks: { name: string; acknowledgedAt: string | null; requestedAt: string }[];
      canAddDeliverable: boolean;
      canEditRoute: boolean;
    }>(await c.get(page.loader, "coordinator", `/campaigns/${campaignId}`, campaignId));
    expect(data.acks.map((a) => [a.name, a.acknowledgedAt])).toEqual([
      ["agency", null],
      ["creator", null],
    ]);
    expect(Date.now() - new Date(data.acks[0].requestedAt).getTime()).toBeLessThan(60_000);
    expect(data).toMatchObject({ canAddDeliverable: true, canEditRoute: true });
    const asCreator = await c.json<{ canAddDeliverable: boolean; canEditRoute: boolean; myAck: { version: number } | null }>(
      await c.get(page.loader, "creator", `/campaigns/${campaignId}`, campaignId),
    );
    expect(asCreator).toMatchObject({ canAddDeliverable: false, canEditRoute: false, myAck: { version: 1 } });

    const home = await routes.home();
    type Home = { waiting: { kind: string; title: string; detail: string; url: string; since: string | null }[] };
    const creatorHome = await c.json<Home>(await c.get(home.loader, "creator", ""));
    expect(creatorHome.waiting).toContainEqual(
      expect.objectContaining({
        kind: "brief_ack",
        title: "Glow Launch: brief v1",
        url: `/w/${world.a.slug}/campaigns/${campaignId}/brief`,
        since: expect.any(String),
      }),
    );
    const coordinatorHome = await c.json<Home>(await c.get(home.loader, "coordinator", ""));
    expect(coordinatorHome.waiting).toContainEqual(
      expect.objectContaining({
        kind: "brief_ack",
        title: "Glow Launch: waiting for 2 acknowledgments",
        detail: "Brief v1 is not yet acknowledged by agency, creator, waiting for 1 min.",
      }),
    );
    expect(creatorHome.waiting.find((w) => w.kind === "brief_ack")?.detail).toBe(
      "Read the brief and acknowledge it to take the handoff. Waiting for you for 1 min.",
    );
  });

  it("a creator asks a question on a section; the coordinator is told; bad input is a field message", async () => {
    const { action, loader } = await routes.read();
    const path = `/campaigns/${campaignId}/brief`;
    const empty = await c.post(
      action,
      "creator",
      path,
      { intent: "comment", section: "keyMessage", kind: "question", body: "  " },
      campaignId,
    );
    expect(empty.status).toBe(400);
    expect((await c.json<{ errors: Record<string, string[]>; target: string }>(empty)).errors.body).toEqual([
      "Write your comment or question.",
    ]);
    const nowhere = await c.post(
      action,
      "creator",
      path,
      { intent: "comment", section: "nowhere", kind: "comment", body: "Hi" },
      campaignId,
    );
    expect(nowhere.status).toBe(400);
    expect((await c.json<{ formError: string }>(nowhere)).formError).toBe("Choose a section of the brief.");

    const res = await c.post(
      action,
      "creator",
      path,
      { intent: "question", section: "custom.hero-product", kind: "question", body: "May I show the bottle open?" },
      campaignId,
    );
    expect(res.status).toBe(400); // "question" is not an intent: the kind says it
    const ok = await c.post(
      action,
      "creator",
      path,
      { intent: "comment", section: "custom.hero-product", kind: "question", body: "May I show the bottle open?" },
      campaignId,
    );
    expect(ok.status).toBe(200);
    expect((await c.json(ok)).notice).toBe("Question on Hero product sent.");
    expect(await t.db.select().from(briefComments).where(eq(briefComments.campaignId, campaignId))).toHaveLength(1);
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, world.users.coordinator.id));
    expect(told.map((n) => n.title)).toContain("creator asked a question on Hero product (Glow Launch)");
    const data = await c.json<{ published: { comments: { section: string; body: string; author: string }[] } }>(
      await c.get(loader, "coordinator", path, campaignId),
    );
    expect(data.published.comments).toEqual([
      expect.objectContaining({ section: "custom.hero-product", body: "May I show the bottle open?", author: "creator" }),
    ]);
  });

  it("the creator acknowledges v1 once; the coordinator sees it", async () => {
    const { action } = await routes.read();
    const path = `/campaigns/${campaignId}/brief`;
    const ok = await c.post(action, "creator", path, { intent: "acknowledge", version: "1" }, campaignId);
    expect(ok.status).toBe(200);
    const again = await c.post(action, "creator", path, { intent: "acknowledge", version: "1" }, campaignId);
    expect(again.status).toBe(409);
    expect((await c.json<{ formError: string }>(again)).formError).toBe("You already acknowledged v1.");
    const notAsked = await c.post(action, "brandLead", path, { intent: "acknowledge", version: "1" }, campaignId);
    expect(notAsked.status).toBe(404);
    const page = await routes.page();
    const data = await c.json<{ acks: { name: string; acknowledgedAt: string | null }[] }>(
      await c.get(page.loader, "coordinator", `/campaigns/${campaignId}`, campaignId),
    );
    expect(data.acks.find((a) => a.name === "creator")?.acknowledgedAt).toEqual(expect.any(String));
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "brief.acknowledged"))).toHaveLength(1);
  });

  it("a new key message publishes v2, asks again, and the creator sees the diff before acknowledging v2", async () => {
    const editor = await routes.editor();
    const res = await c.post(
      editor.action,
      "coordinator",
      `/campaigns/${campaignId}/brief/edit`,
      { intent: "publish", ...completeBriefForm({ keyMessage: "Glow all day, in one step." }), "custom.hero-product": "Glow serum" },
      campaignId,
    );
    expect(res.status).toBe(302);
    const read = await routes.read();
    const path = `/campaigns/${campaignId}/brief`;
    type Read = {
      published: {
        version: number;
        mine: { acknowledgedAt: string | null } | null;
        diff: { from: number; changes: { label: string; before: unknown; after: unknown }[] } | null;
      };
    };
    const data = await c.json<Read>(await c.get(read.loader, "creator", path, campaignId));
    expect(data.published.version).toBe(2);
    expect(data.published.mine?.acknowledgedAt).toBeNull();
    expect(data.published.diff?.from).toBe(1);
    expect(data.published.diff?.changes).toEqual([expect.objectContaining({ label: "Key message" })]);
    expect(JSON.stringify(data.published.diff?.changes[0])).toContain("Glow all day, in one step.");
    expect(JSON.stringify(data.published.diff?.changes[0])).toContain("Glow in one step.");

    const changes = await routes.changes();
    const diff = await c.json<{ from: number; to: number; changes: { label: string }[] }>(
      await c.get(changes.loader, "agencyMember", `${path}/changes?from=1&to=2`, campaignId),
    );
    expect(diff).toMatchObject({ from: 1, to: 2, changes: [expect.objectContaining({ label: "Key message" })] });

    const stale = await c.post(read.action, "creator", path, { intent: "acknowledge", version: "1" }, campaignId);
    expect(stale.status).toBe(409);
    expect((await c.json<{ formError: string }>(stale)).formError).toBe(
      "A newer version (v2) was published. Read it, then acknowledge that one.",
    );
    expect((await c.post(read.action, "creator", path, { intent: "acknowledge", version: "2" }, campaignId)).status).toBe(200);
    const after = await c.json<Read>(await c.get(read.loader, "creator", path, campaignId));
    expect(after.published.mine?.acknowledgedAt).toEqual(expect.any(String));
    expect(after.published.diff).toBeNull();
  });

  it("activation re-checks the published brief against today's template, naming a newly required field", async () => {
    expect((await addTemplateField({ label: "Budget", key: "budget", type: "number", required: "on" })).status).toBe(200);
    const page = await routes.page();
    const attempt = async () =>
      c.post(
        page.action,
        "coordinator",
        `/campaigns/${campaignId}`,
        { intent: "transition", event: "activate", rowVersion: String((await campaignRow()).rowVersion) },
        campaignId,
      );
    const refused = await attempt();
    expect(refused.status).toBe(400);
    expect((await c.json<{ formError: string }>(refused)).formError).toBe("The brief is missing: Budget.");
    expect((await campaignRow()).status).toBe("briefed");

    const tpl = await routes.template();
    const optional = await c.post(tpl.action, "coordinator", "/brief-template", {
      intent: "required",
      key: "budget",
      baseVersion: String(await templateVersion()),
    });
    expect(optional.status).toBe(200);
    const ok = await attempt();
    expect(ok.status).toBe(200);
    expect((await c.json(ok)).notice).toBe("The campaign is now active.");
    expect((await campaignRow()).status).toBe("active");
    const stale = await c.post(
      page.action,
      "coordinator",
      `/campaigns/${campaignId}`,
      { intent: "transition", event: "complete", rowVersion: "0" },
      campaignId,
    );
    expect(stale.status).toBe(409);
  });

  it("editing the campaign is compare-and-set; a new creator on it is asked for the current version", async () => {
    const { action } = await routes.edit();
    const stale = await c.post(action, "coordinator", `/campaigns/${campaignId}/edit`, { rowVersion: "0", ...campaignForm() }, campaignId);
    expect(stale.status).toBe(409);
    const row = await campaignRow();
    const nina = await createUser(t.db, { email: "nina@example.test", name: "Nina Creator" });
    await addMember(t.db, world.a.id, nina.id, "creator", { creatorId: world.creatorN.id });
    const ok = await c.post(
      action,
      "coordinator",
      `/campaigns/${campaignId}/edit`,
      { rowVersion: String(row.rowVersion), ...campaignForm({ creatorIds: [world.creatorM.id, world.creatorN.id] }) },
      campaignId,
    );
    expect(ok.status).toBe(302);
    const v2 = await t.db
      .select()
      .from(briefAcknowledgments)
      .where(and(eq(briefAcknowledgments.campaignId, campaignId), eq(briefAcknowledgments.version, 2)));
    expect(v2.map((a) => a.userId)).toContain(nina.id);
    expect(v2).toHaveLength(3);
    const asked = await t.db.select().from(notifications).where(eq(notifications.userId, nina.id));
    expect(asked.map((n) => n.title)).toEqual(["New brief to acknowledge: Glow Launch"]);
    const mail = (await t.db.select().from(jobs).where(eq(jobs.kind, "email"))).filter(
      (j) => (j.payload as { to: string }).to === "nina@example.test",
    );
    expect(mail.map((j) => (openPayload(j.payload) as { props: { version: number; newcomer: boolean } }).props)).toEqual([
      expect.objectContaining({ version: 2, newcomer: true }),
    ]);
  });
});

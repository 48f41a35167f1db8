import { and, desc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, briefAcknowledgments, briefVersions, briefs, campaigns, workspaces } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { client, completeBriefForm, routes } from "./fixtures";

/**
 * Issue 12, point 2, through the routes: a brief is published only with a possible plan
 * (kickoff ≤ draft due < publish start ≤ publish end) and a disclosure the workspace accepts.
 * Autosave keeps an out-of-order plan and names the problem next to the field; versions
 * published before stay readable, acknowledgeable and activatable.
 */
const t = useTestDatabase();
let world: World;
let c: ReturnType<typeof client>;

const today = DateTime.now();
const day = (days: number) => today.plus({ days }).toISODate()!;
const settings = () => import("~/routes/w.$workspace.settings");

type EditorAnswer = {
  ok: boolean;
  errors: Record<string, string[]>;
  formError: string | null;
  completeness: { missing: unknown[]; problems: { key: string; label: string; message: string }[]; complete: boolean } | null;
};
type EditorData = {
  values: Record<string, unknown>;
  completeness: { problems: { key: string; message: string }[]; complete: boolean };
  sections: { fields: { key: string; help: string }[] }[];
};

async function newCampaign(name: string): Promise<string> {
  const { action } = await routes.create();
  const res = await c.post(action, "coordinator", "/campaigns/new", {
    name,
    brandId: world.brandX.id,
    leadAgencyId: world.agencyP.id,
    creatorIds: [world.creatorM.id],
    channels: ["instagram"],
    startsOn: day(20),
    endsOn: day(40),
    idempotencyKey: `campaign-${name.replace(/\W/g, "")}-${Math.random().toString(36).slice(2, 10)}`, // every create form carries one
  });
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/")[4];
}

async function post(campaignId: string, form: Record<string, string | string[]>) {
  const { action } = await routes.editor();
  return c.post(action, "coordinator", `/campaigns/${campaignId}/brief/edit`, form, campaignId);
}

async function editorData(campaignId: string) {
  const { loader } = await routes.editor();
  return c.json<EditorData>(await c.get(loader, "coordinator", `/campaigns/${campaignId}/brief/edit`, campaignId));
}

const versionsOf = (campaignId: string) => t.db.select().from(briefVersions).where(eq(briefVersions.campaignId, campaignId));
const statusOf = async (campaignId: string) => (await t.db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0].status;

beforeAll(async () => {
  world = await buildWorld(t.db);
  c = client(world);
});

describe("publishing checks the plan's order", () => {
  it("refuses drafts due the day publishing starts, with the message on the draft-due field; nothing is published", async () => {
    const id = await newCampaign("Same Day");
    const form = completeBriefForm({ "timeline.draftDue": day(20), "timeline.publishStart": day(20) });
    const res = await post(id, { intent: "publish", ...form });
    expect(res.status).toBe(400);
    const body = await c.json<EditorAnswer>(res);
    expect(body.errors["timeline.draftDue"]).toEqual([
      "The draft must be due before the publish window starts, so there is time to review it.",
    ]);
    expect(body.formError).toBe("Fix these before publishing: Draft due date.");
    expect(await versionsOf(id)).toHaveLength(0);
    expect(await statusOf(id)).toBe("planning");
    expect(await t.db.select().from(briefAcknowledgments).where(eq(briefAcknowledgments.campaignId, id))).toHaveLength(0);
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "brief.published"), eq(auditEvents.objectId, (await briefOf(id)).id))),
    ).toHaveLength(0);
    // What was typed is kept: publish saves first, so the person fixes one date, not the brief.
    expect((await editorData(id)).values["timeline.draftDue"]).toBe(day(20));

    const fixed = await post(id, { intent: "publish", ...form, "timeline.draftDue": day(19) });
    expect(fixed.status).toBe(302);
    expect(await versionsOf(id)).toHaveLength(1);
  });
});

describe("publishing checks the disclosure against the workspace's words", () => {
  it('refuses "thanks!", accepts "#Ad" whatever its case', async () => {
    const id = await newCampaign("Disclosure");
    const refused = await post(id, { intent: "publish", ...completeBriefForm({ disclosure: "thanks!" }) });
    expect(refused.status).toBe(400);
    const body = await c.json<EditorAnswer>(refused);
    expect(body.errors.disclosure).toEqual(['Use a disclosure your workspace accepts: include "#ad", "#sponsored" or "Paid partnership".']);
    expect(await versionsOf(id)).toHaveLength(0);

    const ok = await post(id, { intent: "publish", ...completeBriefForm({ disclosure: "#Ad" }) });
    expect(ok.status).toBe(302);
    expect((await versionsOf(id))[0].content).toMatchObject({ disclosure: "#Ad" });
  });

  it('after the setting becomes "Anzeige", "#ad" is refused and "Anzeige" accepted; the change is audited', async () => {
    const { action, loader } = await settings();
    const base = { name: "Alpha Studio", accentColor: "#4f46e5", logoUrl: "", welcomeText: "", signoffWindowHours: "48" };
    const empty = await c.post(action, "owner", "/settings", { ...base, disclosureWords: " \n " });
    expect(empty.status).toBe(400);
    expect((await c.json<{ errors: Record<string, string[]> }>(empty)).errors.disclosureWords).toEqual([
      "Add at least one disclosure word or phrase, like #ad.",
    ]);

    const saved = await c.post(action, "owner", "/settings", { ...base, disclosureWords: "Anzeige\r\n" });
    expect(saved.status).toBe(200);
    expect((await t.db.select().from(workspaces).where(eq(workspaces.id, world.a.id)))[0].disclosureWords).toEqual(["Anzeige"]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "workspace.settings_changed"))
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    expect(audit.data).toMatchObject({ disclosureWords: ["Anzeige"] });
    expect((await c.json<{ values: { disclosureWords: string } }>(await c.get(loader, "owner", "/settings"))).values.disclosureWords).toBe(
      "Anzeige",
    );

    const id = await newCampaign("German");
    // The editor tells people what is accepted before they are refused.
    const help = (await editorData(id)).sections.flatMap((s) => s.fields).find((f) => f.key === "disclosure")?.help;
    expect(help).toMatch(/It must include "Anzeige"\.$/);
    const refused = await post(id, { intent: "publish", ...completeBriefForm({ disclosure: "#ad" }) });
    expect(refused.status).toBe(400);
    expect((await c.json<EditorAnswer>(refused)).errors.disclosure).toEqual([
      'Use a disclosure your workspace accepts: include "Anzeige".',
    ]);
    const ok = await post(id, { intent: "publish", ...completeBriefForm({ disclosure: "Anzeige" }) });
    expect(ok.status).toBe(302);

    // A settings form without the field (an older page) leaves the words alone.
    expect((await c.post(action, "owner", "/settings", base)).status).toBe(200);
    expect((await t.db.select().from(workspaces).where(eq(workspaces.id, world.a.id)))[0].disclosureWords).toEqual(["Anzeige"]);
    await t.db
      .update(workspaces)
      .set({ disclosureWords: ["#ad", "#sponsored", "Paid partnership"] })
      .where(eq(workspaces.id, world.a.id));
  });
});

async function briefOf(campaignId: string) {
  return (await t.db.select().from(briefs).where(eq(briefs.campaignId, campaignId)))[0];
}

describe("autosave with an impossible plan", () => {
  it("answers 200, keeps everything, and names the problem next to the field and in the meter", async () => {
    const id = await newCampaign("Autosave");
    const form = completeBriefForm({ "timeline.draftDue": day(25), "timeline.publishStart": day(20), disclosure: "thanks!" });
    const res = await post(id, { intent: "save", ...form });
    expect(res.status).toBe(200);
    const body = await c.json<EditorAnswer>(res);
    expect(body.ok).toBe(true);
    expect(body.errors).toEqual({});
    expect(body.completeness?.problems).toEqual([
      {
        key: "timeline.draftDue",
        label: "Draft due date",
        message: "The draft must be due before the publish window starts, so there is time to review it.",
      },
      expect.objectContaining({ key: "disclosure", label: "Disclosure" }),
    ]);
    expect(body.completeness?.complete).toBe(false);

    const data = await editorData(id);
    expect(data.values).toMatchObject({
      "timeline.draftDue": day(25),
      "timeline.publishStart": day(20),
      disclosure: "thanks!",
      keyMessage: form.keyMessage,
    });
    expect(data.completeness.problems.map((p) => p.key)).toEqual(["timeline.draftDue", "disclosure"]);
    expect(await versionsOf(id)).toHaveLength(0);
  });
});

describe("versions published before the rules", () => {
  it("stay readable, acknowledgeable and activatable", async () => {
    const id = await newCampaign("Legacy");
    expect((await post(id, { intent: "publish", ...completeBriefForm() })).status).toBe(302);
    // As if v1 had gone out before the rule: drafts due after publishing starts, a non-disclosure.
    const [v1] = await versionsOf(id);
    const content = v1.content as { timeline: Record<string, string> };
    const legacy = { ...content, timeline: { ...content.timeline, draftDue: day(25), publishStart: day(20) }, disclosure: "thanks!" };
    await t.db.update(briefVersions).set({ content: legacy }).where(eq(briefVersions.id, v1.id));
    await t.db.update(briefs).set({ draft: legacy }).where(eq(briefs.campaignId, id));

    const read = await routes.read();
    const path = `/campaigns/${id}/brief`;
    const page = await c.get(read.loader, "creator", path, id);
    expect(page.status).toBe(200);
    expect((await c.json<{ published: { version: number } }>(page)).published.version).toBe(1);
    expect((await c.post(read.action, "creator", path, { intent: "acknowledge", version: "1" }, id)).status).toBe(200);

    const campaignPage = await routes.page();
    const rowVersion = (await t.db.select().from(campaigns).where(eq(campaigns.id, id)))[0].rowVersion;
    const activated = await c.post(
      campaignPage.action,
      "coordinator",
      `/campaigns/${id}`,
      { intent: "transition", event: "activate", rowVersion: String(rowVersion) },
      id,
    );
    expect(activated.status).toBe(200);
    expect(await statusOf(id)).toBe("active");

    // An unrelated edit to its working draft still saves; publishing v2 asks for the fixes.
    const saved = await post(id, { intent: "save", keyMessage: "Still editable." });
    expect(saved.status).toBe(200);
    expect((await briefOf(id)).draft).toMatchObject({ keyMessage: "Still editable.", disclosure: "thanks!" });
    const v2 = await post(id, { intent: "publish" });
    expect(v2.status).toBe(400);
    expect(Object.keys((await c.json<EditorAnswer>(v2)).errors)).toEqual(["timeline.draftDue", "disclosure"]);
  });
});

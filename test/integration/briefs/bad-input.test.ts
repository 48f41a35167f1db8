import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { completeBriefForm, client, routes } from "./fixtures";
import { badInputVariants } from "../../support/bad-input";
import { newIdempotencyKey } from "~/utils/idempotency.server";

/**
 * Every action of the briefs capability, every intent: missing fields, oversized values, repeated
 * fields, files where text belongs and unknown intents get 400 with a message (a field message or
 * a form message), never a 500, and nothing in the database changes.
 */
const t = useTestDatabase();
let world: World;
let cookie: string;
let campaignId: string;
let rowVersion = "0";

type Action = (args: ActionFunctionArgs) => unknown;
interface ActionCase {
  name: string;
  path: () => string;
  load: () => Promise<{ action: Action }>;
  withCampaign?: boolean;
  /** intent → the fields it reads; `fixed` are posted as given in every variant (ids, versions). */
  intents: Record<string, string[]>;
  fixed?: () => Record<string, string>;
}

const ACTIONS: ActionCase[] = [
  {
    name: "brief template",
    path: () => "/brief-template",
    load: routes.template,
    intents: {
      add: ["label", "type", "key", "help", "options"],
      required: ["key"],
      "move-up": ["key"],
      "move-down": ["key"],
      remove: ["key"],
    },
    fixed: () => ({ baseVersion: "2" }),
  },
  {
    name: "brief template (version)",
    path: () => "/brief-template",
    load: routes.template,
    intents: { add: ["baseVersion"], remove: ["baseVersion"] },
  },
  {
    name: "new campaign",
    path: () => "/campaigns/new",
    load: routes.create,
    intents: { "": ["name", "brandId", "leadAgencyId", "channels", "startsOn", "endsOn"] },
  },
  {
    name: "edit campaign",
    path: () => `/campaigns/${campaignId}/edit`,
    load: routes.edit,
    withCampaign: true,
    intents: { "": ["name", "brandId", "leadAgencyId", "channels", "startsOn", "endsOn"] },
    fixed: () => ({ rowVersion }),
  },
  {
    name: "edit campaign (version)",
    path: () => `/campaigns/${campaignId}/edit`,
    load: routes.edit,
    withCampaign: true,
    intents: { "": ["rowVersion"] },
  },
  {
    name: "campaign status",
    path: () => `/campaigns/${campaignId}`,
    load: routes.page,
    withCampaign: true,
    intents: { transition: ["event", "rowVersion"] },
  },
  {
    name: "brief (read)",
    path: () => `/campaigns/${campaignId}/brief`,
    load: routes.read,
    withCampaign: true,
    intents: { acknowledge: ["version"], comment: ["section", "kind", "body"] },
  },
  {
    name: "brief editor",
    path: () => `/campaigns/${campaignId}/brief/edit`,
    load: routes.editor,
    withCampaign: true,
    intents: {
      save: ["timeline.kickoff", "successMetrics.0.kpi", "custom.budget", "tracking.utm.0.param"],
      publish: ["timeline.kickoff", "successMetrics.0.kpi", "custom.budget", "tracking.utm.0.param"],
    },
  },
];

const TABLES = [
  schema.campaigns,
  schema.campaignAgencies,
  schema.campaignCreators,
  schema.briefs,
  schema.briefVersions,
  schema.briefAcknowledgments,
  schema.briefComments,
  schema.briefTemplates,
  schema.auditEvents,
  schema.jobs,
  schema.notifications,
];

async function snapshot() {
  const counts = await Promise.all(TABLES.map(async (table) => (await t.db.select({ n: count() }).from(table))[0].n));
  const [brief] = await t.db
    .select({ draft: schema.briefs.draft, at: schema.briefs.draftUpdatedAt })
    .from(schema.briefs)
    .where(eq(schema.briefs.campaignId, campaignId));
  const [campaign] = await t.db
    .select({ name: schema.campaigns.name, status: schema.campaigns.status, v: schema.campaigns.rowVersion })
    .from(schema.campaigns)
    .where(eq(schema.campaigns.id, campaignId));
  return { counts, brief, campaign };
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  cookie = await sessionCookie(world.users.owner.id);
  const c = client(world);
  // A template with a required number field (v2), a campaign with creator M and a published brief.
  const tpl = await routes.template();
  await c.post(tpl.action, "owner", "/brief-template", {
    intent: "add",
    baseVersion: "1",
    label: "Budget",
    key: "budget",
    type: "number",
    required: "on",
  });
  const create = await routes.create();
  const res = await c.post(create.action, "owner", "/campaigns/new", {
    name: "Bad input",
    brandId: world.brandX.id,
    leadAgencyId: world.agencyP.id,
    creatorIds: world.creatorM.id,
    channels: "instagram",
    startsOn: "2030-01-01",
    endsOn: "2030-02-01",
    idempotencyKey: newIdempotencyKey(),
  });
  campaignId = res.headers.get("Location")!.split("/")[4];
  const editor = await routes.editor();
  const published = await c.post(
    editor.action,
    "owner",
    `/campaigns/${campaignId}/brief/edit`,
    { intent: "publish", ...completeBriefForm(), "custom.budget": "1200" },
    campaignId,
  );
  expect(published.status).toBe(302);
  const [row] = await t.db.select().from(schema.campaigns).where(eq(schema.campaigns.id, campaignId));
  rowVersion = String(row.rowVersion);
});

describe.each(ACTIONS)("$name", (c) => {
  const cases = () =>
    Object.entries(c.intents).flatMap(([intent, fields]) =>
      badInputVariants(intent, fields, c.fixed?.() ?? {}).map(([label, form]) => ({ label: `${intent || "submit"}: ${label}`, form })),
    );

  it("answers 400 with a message to every malformed post and an unknown intent, writing nothing", async () => {
    const { action } = await c.load();
    const all = [...cases(), { label: "unknown intent", form: { intent: "drop-tables" } as Record<string, string | string[] | Blob> }];
    for (const { label, form } of all) {
      const before = await snapshot();
      const res = await call(action, makeRequest(`/w/${world.a.slug}${c.path()}`, { form, cookie }), {
        workspace: world.a.slug,
        ...(c.withCampaign ? { campaignId } : {}),
      });
      expect(res.status, label).toBe(400);
      const body = await res.json();
      const messages = [body.formError, ...Object.values((body.errors ?? {}) as Record<string, string[]>).flat()].filter(Boolean);
      expect(messages.length, label).toBeGreaterThan(0);
      for (const m of messages) expect(typeof m, label).toBe("string");
      expect(await snapshot(), label).toEqual(before);
    }
  });
});

describe("field messages name the field", () => {
  it("a campaign without a name or channel, and a brief save with a bad date, say which field", async () => {
    const { action } = await routes.create();
    const res = await call(
      action,
      makeRequest(`/w/${world.a.slug}/campaigns/new`, {
        form: { brandId: world.brandX.id, leadAgencyId: world.agencyP.id, startsOn: "2030-01-01", endsOn: "2030-01-02" },
        cookie,
      }),
      { workspace: world.a.slug },
    );
    const body = await res.json();
    expect(body.errors).toMatchObject({ name: ["Give the campaign a name."], channels: ["Pick at least one channel."] });
    const editor = await routes.editor();
    const save = await call(
      editor.action,
      makeRequest(`/w/${world.a.slug}/campaigns/${campaignId}/brief/edit`, {
        form: { intent: "save", "timeline.publishEnd": "soon", "custom.budget": "lots" },
        cookie,
      }),
      { workspace: world.a.slug, campaignId },
    );
    expect(save.status).toBe(400);
    expect((await save.json()).errors).toEqual({
      "timeline.publishEnd": ["Enter a date as YYYY-MM-DD."],
      "custom.budget": ["Enter a number."],
    });
  });
});

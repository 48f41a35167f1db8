import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useTestDatabase } from "../support/db";
import { tableSnapshot } from "../support/db-snapshot";
import { call, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { campaignFixture } from "./approvals/fixtures";
import { makeLink } from "./onboarding/setup";

/**
 * Security property 41 (issue 12, point 3): a NUL byte in a text field answered 500 on these
 * actions, one of them public, because PostgreSQL refuses U+0000 in text and jsonb. Each now
 * answers 400 with a message next to the field, and writes nothing.
 */
const t = useTestDatabase();
let world: World;
let cookie: string;
let campaignId: string;
let token: string;

type Action = (args: ActionFunctionArgs) => unknown;
interface NulCase {
  name: string;
  load: () => Promise<{ action: Action }>;
  path: () => string;
  params: () => Record<string, string>;
  form: () => Record<string, string>;
  /** The field the message belongs to, and what it says (ids: that it is not one from the list). */
  field: string;
  message?: RegExp;
  signedIn?: boolean;
}

const NUL = "x\u0000y";
const ws = () => ({ workspace: world.a.slug });
const onboard = (intent: string, field: string): NulCase => ({
  name: `onboarding link ${intent} ${field} (public)`,
  load: () => import("~/routes/onboard.$token"),
  path: () => `/onboard/${token}`,
  params: () => ({ token }),
  form: () => ({ intent, [field]: NUL }),
  field,
});
const onboardAutosave = (intent: string, field: string): NulCase => ({
  ...onboard(intent, field),
  name: `onboarding autosave ${intent} ${field} (public)`,
  load: () => import("~/routes/onboard.$token.autosave"),
  path: () => `/onboard/${token}/autosave`,
});
const settings = (field: string): NulCase => ({
  name: `settings ${field}`,
  load: () => import("~/routes/w.$workspace.settings"),
  path: () => `/w/${world.a.slug}/settings`,
  params: ws,
  form: () => ({ name: "Northwind", accentColor: "#4f46e5", signoffWindowHours: "48", welcomeText: "", [field]: NUL }),
  field,
  signedIn: true,
});
const directory = (intent: string, form: Record<string, string>): NulCase => ({
  name: `directory ${intent} name`,
  load: () => import("~/routes/w.$workspace.directory"),
  path: () => `/w/${world.a.slug}/directory`,
  params: ws,
  form: () => ({ intent, ...form, name: NUL }),
  field: "name",
  signedIn: true,
});

const CASES: NulCase[] = [
  onboard("contacts", "contactRole"),
  onboardAutosave("contacts", "contactRole"),
  onboard("brand-kit", "brandKitNote"),
  onboardAutosave("brand-kit", "brandKitNote"),
  onboard("questionnaire", "brandStory"),
  onboardAutosave("questionnaire", "brandStory"),
  { ...onboard("language", "locale"), message: /Choose one of the languages in the list/ },
  { ...onboardAutosave("language", "locale"), message: /Choose one of the languages in the list/ },
  settings("name"),
  settings("welcomeText"),
  directory("createBrand", { timeZone: "UTC", color: "#123456" }),
  directory("createAgency", {}),
  directory("createCreator", {}),
  {
    name: "members changeRole membershipId",
    load: () => import("~/routes/w.$workspace.members"),
    path: () => `/w/${world.a.slug}/members`,
    params: ws,
    form: () => ({ intent: "changeRole", membershipId: NUL, assignment: "coordinator" }),
    field: "membershipId",
    message: /Choose a member from the list/,
    signedIn: true,
  },
  {
    name: "new deliverable title",
    load: () => import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new"),
    path: () => `/w/${world.a.slug}/campaigns/${campaignId}/deliverables/new`,
    params: () => ({ workspace: world.a.slug, campaignId }),
    form: () => ({ title: NUL, channel: "instagram", publishAt: "2031-01-01T10:00" }),
    field: "title",
    signedIn: true,
  },
  {
    name: "brand rules category",
    load: () => import("~/routes/w.$workspace.brands.$brandId.rules"),
    path: () => `/w/${world.a.slug}/brands/${world.brandX.id}/rules`,
    params: () => ({ workspace: world.a.slug, brandId: world.brandX.id }),
    form: () => ({ intent: "rules", category: NUL, exclusivityDays: "0" }),
    field: "category",
    signedIn: true,
  },
];

beforeAll(async () => {
  world = await buildWorld(t.db);
  cookie = await sessionCookie(world.users.owner.id);
  campaignId = (await campaignFixture(t.db, world, { name: "NUL bytes" })).id;
  ({ token } = await makeLink(world, world.users.admin.id, { platforms: [], contacts: true, questionnaire: true, brandKit: true }));
});

describe("a NUL byte in a text field (41)", () => {
  it.each(CASES)("$name → 400 with a message next to the field, nothing written", async (c) => {
    const { action } = await c.load();
    // Sessions slide and public pages count requests; everything else must stay as it was.
    const except = ["sessions", "rate_limits"];
    const before = await tableSnapshot(t.db, { except });
    const res = await call(action, makeRequest(c.path(), { form: c.form(), cookie: c.signedIn ? cookie : null }), c.params());
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors?: Record<string, string[]> };
    expect(body.errors?.[c.field]?.join(" ")).toMatch(c.message ?? /control character/);
    expect(await tableSnapshot(t.db, { except })).toEqual(before);
  });
});

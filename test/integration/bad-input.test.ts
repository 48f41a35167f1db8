import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import type { ActionFunctionArgs } from "@remix-run/node";
import { useTestDatabase } from "../support/db";
import { call, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { badInputVariants } from "../support/bad-input";

/**
 * Property 20: every action parses its input with zod. Missing fields, wrong types (repeated
 * fields, files where text belongs), oversized values and unknown intents all get 400 with a
 * message, never a 500, and nothing in the database changes.
 */
const t = useTestDatabase();
let world: World;
let cookie: string;

type Action = (args: ActionFunctionArgs) => unknown;
interface ActionCase {
  name: string;
  path: string;
  load: () => Promise<{ action: Action }>;
  params?: (w: World) => Record<string, string>;
  signedIn?: boolean;
  intents: Record<string, string[]>;
}

const ws = (w: World) => ({ workspace: w.a.slug });
const ACTIONS: ActionCase[] = [
  { name: "login", path: "/login", load: () => import("~/routes/login"), intents: { password: ["email", "password"], magic: ["email"] } },
  { name: "signup", path: "/signup", load: () => import("~/routes/signup"), intents: { "": ["name", "email", "password"] } },
  { name: "forgot password", path: "/forgot-password", load: () => import("~/routes/forgot-password"), intents: { "": ["email"] } },
  {
    name: "reset password",
    path: "/reset-password/x",
    load: () => import("~/routes/reset-password.$token"),
    params: () => ({ token: "x" }),
    intents: { "": ["password"] },
  },
  {
    name: "new workspace",
    path: "/workspaces/new",
    load: () => import("~/routes/workspaces.new"),
    signedIn: true,
    intents: { "": ["name", "slug", "accentColor", "logoUrl", "welcomeText"] },
  },
  {
    name: "members",
    path: "/w/a/members",
    load: () => import("~/routes/w.$workspace.members"),
    params: ws,
    signedIn: true,
    intents: { invite: ["email", "role", "agencyId"], changeRole: ["membershipId", "assignment"], remove: ["membershipId"] },
  },
  {
    name: "directory",
    path: "/w/a/directory",
    load: () => import("~/routes/w.$workspace.directory"),
    params: ws,
    signedIn: true,
    intents: {
      createBrand: ["name", "timeZone", "color"],
      createAgency: ["name"],
      createCreator: ["name", "handle"],
      "delete-brand": ["id"],
      "delete-agency": ["id"],
      "delete-creator": ["id"],
    },
  },
  {
    name: "settings",
    path: "/w/a/settings",
    load: () => import("~/routes/w.$workspace.settings"),
    params: ws,
    signedIn: true,
    intents: { "": ["name", "accentColor", "logoUrl", "welcomeText", "signoffWindowHours", "timeZone"] },
  },
  {
    name: "webhooks",
    path: "/w/a/webhooks",
    load: () => import("~/routes/w.$workspace.webhooks"),
    params: ws,
    signedIn: true,
    intents: { create: ["url", "description", "eventTypes"], disable: ["id"] },
  },
  {
    name: "notifications",
    path: "/w/a/notifications",
    load: () => import("~/routes/w.$workspace.notifications"),
    params: ws,
    signedIn: true,
    intents: { "read-one": ["id"], preferences: ["members", "onboarding", "briefs", "approvals", "conflicts"] },
  },
];

const TABLES = [
  schema.users,
  schema.workspaces,
  schema.memberships,
  schema.invitations,
  schema.brands,
  schema.agencies,
  schema.creators,
  schema.auditEvents,
  schema.jobs,
  schema.webhookEndpoints,
  schema.notificationPrefs,
  schema.files,
  schema.sessions,
];

async function snapshot() {
  return Promise.all(TABLES.map(async (table) => (await t.db.select({ n: count() }).from(table))[0].n));
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  cookie = await sessionCookie(world.users.owner.id);
});

describe.each(ACTIONS)("$name", (c) => {
  const cases = Object.entries(c.intents).flatMap(([intent, fields]) =>
    badInputVariants(intent, fields).map(([label, form]) => ({ label: `${intent || "submit"}: ${label}`, form })),
  );
  cases.push({ label: "unknown intent", form: { intent: "drop-tables" } });

  it.each(cases)("$label → 400 with a message, nothing written", async ({ form }) => {
    const before = await snapshot();
    const { action } = await c.load();
    const res = await call(
      action,
      makeRequest(c.path, {
        form,
        cookie: c.signedIn ? cookie : null,
        ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      }),
      c.params?.(world) ?? {},
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    const messages = [body.formError, ...Object.values((body.errors ?? {}) as Record<string, string[]>).flat()].filter(Boolean);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(typeof m).toBe("string");
    expect(await snapshot()).toEqual(before);
  });
});

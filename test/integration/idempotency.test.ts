import { and, count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import {
  agencies,
  auditEvents,
  brands,
  campaigns,
  creators,
  deliverables,
  idempotencyKeys,
  invitations,
  jobs,
  onboardingLinks,
  webhookEndpoints,
  workspaces,
} from "@db/schema";
import type { ActionFunctionArgs } from "@remix-run/node";
import { createAgency } from "../../db/factories";
import { useTestDatabase } from "../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { setIdentities } from "./onboarding/setup";

/**
 * Security property 34 (issue 12, point 8): every create form carries an idempotency key backed by
 * the unique (scope, key) of idempotency_keys. Ten concurrent submits of one form create one
 * record with one audit event, one email and the same jobs as a single submit, and every answer
 * points at that record; a later repeat answers it too; a missing or malformed key is a 400 with
 * a message; the same key in another workspace (or from another user) is a new form.
 * Run with DATABASE_URL too: on PostgreSQL the submits really race on separate connections.
 */
// Private webhook targets are allowed so that registering one needs no DNS.
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: true });
let world: World;

type Fields = Record<string, string | string[]>;
type Action = (args: ActionFunctionArgs) => unknown;

/** One workspace and the person submitting its forms (A's owner; B's owner, the "outsider"). */
interface Side {
  slug: string;
  workspaceId: string;
  userId: string;
  cookie: string;
  brandId: string;
  agencyId: string;
  campaignId: string;
}
let sides: { a: Side; b: Side };

interface CreateForm {
  name: string;
  load: () => Promise<{ action: Action }>;
  path: (s: Side) => string;
  params?: (s: Side) => Record<string, string>;
  /** `n` makes the unique parts (slug, email, name) differ between separate creates. */
  form: (n: string, s: Side) => Fields;
  /** The records this form creates, counted in the side's workspace (or for its user). */
  records: (s: Side) => SQL | undefined;
  table: PgTable;
  /** The record an answer points at: the redirect target, the created id or the notice. */
  pointer: (res: Response) => Promise<string>;
}

const inFuture = () => DateTime.utc().plus({ days: 10 }).toFormat("yyyy-MM-dd'T'HH:mm");
const location = async (res: Response) => {
  expect(res.status).toBe(302);
  return res.headers.get("Location")!;
};
const notice = async (res: Response) => {
  expect(res.status).toBe(200);
  const body = await jsonOf<{ ok: boolean; notice: string }>(res);
  expect(body.ok).toBe(true);
  return body.notice;
};

const FORMS: CreateForm[] = [
  {
    name: "onboarding link",
    load: () => import("~/routes/w.$workspace.onboarding.new"),
    path: (s) => `/w/${s.slug}/onboarding/new`,
    form: (n) => ({
      brandId: "new",
      newClientName: `Harbor ${n}`,
      recipientName: "Mia",
      clientEmail: `mia-${n}@harbor.example`,
      platform_meta_ad_account: "on",
      role_meta_ad_account: "Manage campaigns",
      platform_ga4: "on",
      role_ga4: "Analyst",
      agreement: "on",
      contacts: "on",
      sendEmail: "on",
      expiresInDays: "30",
    }),
    table: onboardingLinks,
    records: (s) => eq(onboardingLinks.workspaceId, s.workspaceId),
    // The first answer shows the link (its only showing); a repeat goes to the link's page.
    pointer: async (res) =>
      res.status === 302
        ? res.headers.get("Location")!.split("/").pop()!
        : (await jsonOf<{ created: { linkId: string } }>(res)).created.linkId,
  },
  {
    name: "campaign",
    load: () => import("~/routes/w.$workspace.campaigns.new"),
    path: (s) => `/w/${s.slug}/campaigns/new`,
    form: (n, s) => ({
      name: `Launch ${n}`,
      brandId: s.brandId,
      leadAgencyId: s.agencyId,
      channels: "instagram",
      startsOn: "2030-01-01",
      endsOn: "2030-02-01",
    }),
    table: campaigns,
    records: (s) => eq(campaigns.workspaceId, s.workspaceId),
    pointer: location,
  },
  {
    name: "deliverable",
    load: () => import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new"),
    path: (s) => `/w/${s.slug}/campaigns/${s.campaignId}/deliverables/new`,
    params: (s) => ({ campaignId: s.campaignId }),
    form: (n) => ({ title: `Reel ${n}`, channel: "instagram", creatorId: "", publishAt: inFuture() }),
    table: deliverables,
    records: (s) => eq(deliverables.workspaceId, s.workspaceId),
    pointer: location,
  },
  {
    name: "workspace",
    load: () => import("~/routes/workspaces.new"),
    path: () => "/workspaces/new",
    form: (n, s) => ({
      name: `Studio ${n}`,
      slug: `studio-${n}-${s.slug}`.slice(0, 40).replace(/-+$/, ""),
      accentColor: "#4f46e5",
      welcomeText: "",
    }),
    table: workspaces,
    // Outside a workspace the key belongs to the user: count the workspaces this user created.
    records: (s) => eq(workspaces.welcomeText, `by ${s.userId}`),
    pointer: location,
  },
  ...(["brand", "agency", "creator"] as const).map((kind): CreateForm => {
    const table = { brand: brands, agency: agencies, creator: creators }[kind];
    const intent = { brand: "createBrand", agency: "createAgency", creator: "createCreator" }[kind];
    return {
      name: `directory ${kind}`,
      load: () => import("~/routes/w.$workspace.directory"),
      path: (s) => `/w/${s.slug}/directory`,
      form: (n) => ({ intent, name: `${kind} ${n}`, ...(kind === "brand" ? { timeZone: "UTC", color: "#0ea5e9" } : {}) }),
      table,
      records: (s) => eq(table.workspaceId, s.workspaceId),
      pointer: notice,
    };
  }),
  {
    name: "invitation",
    load: () => import("~/routes/w.$workspace.members"),
    path: (s) => `/w/${s.slug}/members`,
    form: (n) => ({ intent: "invite", email: `invitee-${n}@example.test`, role: "coordinator" }),
    table: invitations,
    records: (s) => eq(invitations.workspaceId, s.workspaceId),
    pointer: notice,
  },
  {
    name: "webhook endpoint",
    load: () => import("~/routes/w.$workspace.webhooks"),
    path: (s) => `/w/${s.slug}/webhooks`,
    form: (n) => ({ intent: "create", url: `http://127.0.0.1:9/hook-${n}`, description: "", eventTypes: "member.invited" }),
    table: webhookEndpoints,
    records: (s) => eq(webhookEndpoints.workspaceId, s.workspaceId),
    // The secret is shown once per form: a repeat shows the same endpoint and secret, not a new one.
    pointer: async (res) => {
      expect(res.status).toBe(200);
      const { created } = await jsonOf<{ created: { id: string; secret: string } }>(res);
      return `${created.id} ${created.secret}`;
    },
  },
];

beforeAll(async () => {
  world = await buildWorld(t.db);
  const side = async (ws: World["a"], userId: string, brandId: string): Promise<Side> => {
    await setIdentities(t.db, ws.id);
    const agency = await createAgency(t.db, ws.id, { name: `Lead ${ws.slug}` });
    const [campaign] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: ws.id,
        brandId,
        leadAgencyId: agency.id,
        name: "Host",
        status: "active",
        channels: ["instagram"],
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 60 * 86_400_000),
      })
      .returning();
    return {
      slug: ws.slug,
      workspaceId: ws.id,
      userId,
      cookie: await sessionCookie(userId),
      brandId,
      agencyId: agency.id,
      campaignId: campaign.id,
    };
  };
  sides = {
    a: await side(world.a, world.users.owner.id, world.brandX.id),
    b: await side(world.b, world.users.outsider.id, world.brandB.id),
  };
});

let counter = 0;
const newKey = () => `test-key-${++counter}-${Math.random().toString(36).slice(2, 10)}`;

function submit(c: CreateForm, s: Side, form: Fields) {
  return c.load().then(({ action }) => {
    // Workspaces are told apart by who made them: the welcome text carries the user's id.
    const fields = c.table === workspaces ? { ...form, welcomeText: `by ${s.userId}` } : form;
    return call(action, makeRequest(c.path(s), { cookie: s.cookie, form: fields }), { workspace: s.slug, ...(c.params?.(s) ?? {}) });
  });
}

/** Everything a create can write: its records, audit events, jobs (emails, webhooks, reminders) and keys. */
async function effects(c: CreateForm, s: Side) {
  const n = async (table: PgTable, where?: SQL) => (await t.db.select({ n: count() }).from(table).where(where))[0].n;
  return {
    records: await n(c.table, c.records(s)),
    audit: await n(auditEvents),
    jobs: await n(jobs),
    emails: await n(jobs, eq(jobs.kind, "email")),
  };
}
const delta = (after: Awaited<ReturnType<typeof effects>>, before: typeof after) => ({
  records: after.records - before.records,
  audit: after.audit - before.audit,
  jobs: after.jobs - before.jobs,
  emails: after.emails - before.emails,
});

describe.each(FORMS)("$name form", (c) => {
  it("ten concurrent submits of one form create one record, with the side effects of one submit, and all point at it", async () => {
    const { a } = sides;
    // What a single submit writes, to compare the concurrent batch with.
    const before1 = await effects(c, a);
    const single = await submit(c, a, { ...c.form(`one${counter}`, a), idempotencyKey: newKey() });
    await c.pointer(single);
    const once = delta(await effects(c, a), before1);
    expect(once.records).toBe(1);
    expect(once.audit).toBeGreaterThan(0);

    const key = newKey();
    const form = { ...c.form(`many${counter}`, a), idempotencyKey: key };
    const before = await effects(c, a);
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(c, a, form)));
    const pointers = await Promise.all(answers.map((res) => c.pointer(res)));
    expect(new Set(pointers).size).toBe(1);
    expect(delta(await effects(c, a), before)).toEqual(once);
    expect(
      await t.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.key, key))),
    ).toHaveLength(1);

    // Later, the same form again (back button, resend): the first record, nothing new.
    const beforeRepeat = await effects(c, a);
    const repeat = await submit(c, a, form);
    expect(await c.pointer(repeat)).toBe(pointers[0]);
    expect(await effects(c, a)).toEqual(beforeRepeat);

    // The same key in another workspace (from another user) is another form: it creates there.
    const beforeB = await effects(c, sides.b);
    const other = await submit(c, sides.b, { ...c.form(`other${counter}`, sides.b), idempotencyKey: key });
    await c.pointer(other);
    expect(delta(await effects(c, sides.b), beforeB).records).toBe(1);
  });

  it.each([
    ["missing", undefined],
    ["malformed", "not a key!"],
    ["too short", "abc"],
  ])("a %s key is a 400 that says what to do, and nothing is written", async (_label, key) => {
    const before = await effects(c, sides.a);
    const form = { ...c.form(`bad${++counter}`, sides.a), ...(key === undefined ? {} : { idempotencyKey: key }) };
    const res = await submit(c, sides.a, form);
    expect(res.status).toBe(400);
    const body = await jsonOf<{ formError?: string; message?: string }>(res);
    expect(body.formError).toBe("Reload the page and try again.");
    expect(await effects(c, sides.a)).toEqual(before);
  });
});

describe("keys and forms", () => {
  it("each create page's loader hands its form a fresh key", async () => {
    const { a } = sides;
    const keysOf = async (mod: { loader: (args: ActionFunctionArgs) => unknown }, path: string, params: Record<string, string> = {}) => {
      const body = await jsonOf<Record<string, unknown>>(
        await call(mod.loader, makeRequest(path, { cookie: a.cookie }), { workspace: a.slug, ...params }),
      );
      return JSON.stringify({ k: body.idempotencyKey, keys: body.keys, invite: body.inviteKey });
    };
    const pages: Array<[() => Promise<{ loader: (args: ActionFunctionArgs) => unknown }>, string, Record<string, string>?]> = [
      [() => import("~/routes/w.$workspace.onboarding.new"), `/w/${a.slug}/onboarding/new`],
      [() => import("~/routes/w.$workspace.campaigns.new"), `/w/${a.slug}/campaigns/new`],
      [
        () => import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new"),
        `/w/${a.slug}/campaigns/${a.campaignId}/deliverables/new`,
        { campaignId: a.campaignId },
      ],
      [() => import("~/routes/workspaces.new"), "/workspaces/new"],
      [() => import("~/routes/w.$workspace.directory"), `/w/${a.slug}/directory`],
      [() => import("~/routes/w.$workspace.members"), `/w/${a.slug}/members`],
      [() => import("~/routes/w.$workspace.webhooks"), `/w/${a.slug}/webhooks`],
    ];
    for (const [load, path, params] of pages) {
      const mod = await load();
      const first = await keysOf(mod, path, params);
      expect(first).toMatch(/[A-Za-z0-9_-]{16,}/);
      expect(await keysOf(mod, path, params)).not.toBe(first);
    }
  });

  it("a key already used by another form is refused with 409, and nothing is written", async () => {
    const { a } = sides;
    const key = newKey();
    const campaign = FORMS.find((f) => f.name === "campaign")!;
    const brand = FORMS.find((f) => f.name === "directory brand")!;
    await campaign.pointer(await submit(campaign, a, { ...campaign.form("shared", a), idempotencyKey: key }));
    const before = await effects(brand, a);
    const res = await submit(brand, a, { ...brand.form("shared", a), idempotencyKey: key });
    expect(res.status).toBe(409);
    expect((await jsonOf<{ formError: string }>(res)).formError).toMatch(/Reload the page and try again/);
    expect(await effects(brand, a)).toEqual(before);
  });

  it("a refused create gives its key back: the corrected form creates with the same key", async () => {
    const { a } = sides;
    const key = newKey();
    const invite = FORMS.find((f) => f.name === "invitation")!;
    // Already a member: refused inside the create's transaction.
    const refused = await submit(invite, a, { intent: "invite", email: world.users.admin.email, role: "coordinator", idempotencyKey: key });
    expect(refused.status).toBe(400);
    const before = await effects(invite, a);
    await invite.pointer(await submit(invite, a, { ...invite.form("corrected", a), idempotencyKey: key }));
    expect(delta(await effects(invite, a), before)).toMatchObject({ records: 1, emails: 1 });
  });
});

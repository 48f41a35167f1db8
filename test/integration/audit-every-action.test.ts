import { and, eq, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect } from "vitest";
import {
  accessSteps,
  brands,
  calendarMarkers,
  calendarOverlays,
  calendarShareLinks,
  savedViews,
  campaigns,
  customPlatforms,
  customPlatformVersions,
  invitations,
  memberships,
  notifications,
  offboardingItems,
  platformConnections,
  webhookEndpoints,
} from "@db/schema";
import { addMember, createBrand, createUser } from "../../db/factories";
import { issueLinkToken } from "~/modules/auth/link-tokens.server";
import { currentTemplate } from "~/modules/briefs/templates.server";
import { EMAIL_MODES, NOTIFICATION_CATEGORIES } from "~/modules/notifications/categories";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { setEnvForTests } from "~/utils/env.server";
import { TEST_APP_URL, useTestDatabase } from "../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { campaignFixture, GOOD_COPY, GOOD_LINK, submittedDeliverable } from "./approvals/fixtures";
import { CAL_HOST, holidaysIcs, icsHeaders } from "./calendar/overlay-fixtures";
import {
  A,
  type Case,
  CLIENT_TABLE,
  DECISION_LINK_TABLE,
  describeAuditRows,
  describeTableGuard,
  DIGEST_TABLE,
  type Form,
  NONE,
  post,
  type Prepared,
  REPORT_TABLE,
} from "./audit-table";
import { completeBriefForm } from "./briefs/fixtures";
import { IDENTITIES, makeLink, PLATFORM_FORM, setIdentities } from "./onboarding/setup";

/**
 * Issue 13 point 9: every state-changing action writes exactly one audit event, named for what it
 * did, in the same request. One row per action (route file × intent), driven through the route's
 * real action with a real request; an action that legitimately records nothing says why. The
 * client's token routes are driven in audit-every-action-client.test.ts; the guard at the end covers
 * both files' rows and fails when a route gains an action or an intent no row lists.
 */
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: true });
/** The Meta Graph API, as the connections page checks a system-user token before keeping it (decision 064). */
const graph = setupServer(
  http.get("https://graph.facebook.com/v25.0/:business", () => HttpResponse.json({ id: "1111222233334444", name: "Audit Portfolio" })),
  // A calendar overlay's address (decision 067).
  http.get(`${CAL_HOST}/audit-holidays.ics`, () => new HttpResponse(holidaysIcs([["Audit Day", 2]]), { headers: icsHeaders })),
);
beforeAll(() => graph.listen({ onUnhandledRequest: "bypass" }));
afterAll(() => graph.close());
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
const cookies: Partial<Record<keyof World["users"], string>> = {};
const cookie = async (who: keyof World["users"]) => (cookies[who] ??= await sessionCookie(world.users[who].id));

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  campaign = await campaignFixture(t.db, world);
});

const ws = (route: string, sub: string, form: Form, who: string | null, extra: Record<string, string> = {}): Prepared => ({
  path: `/w/${world.a.slug}${sub}`,
  params: { workspace: world.a.slug, ...extra },
  form,
  cookie: who,
});

/** A fresh form key, as the create pages' loaders hand out (security.md 34). */
const key = () => `k${Math.random().toString(36).slice(2, 14)}`;
const tag = () => Math.random().toString(36).slice(2, 8);
/** A date `days` from today as the forms post it. */
const day = (days: number) => DateTime.now().plus({ days }).toISODate() ?? "";
/** An IP of its own per request, so no row meets another's rate limit. */
let ipCounter = 10;
const freshIp = () => `198.51.100.${ipCounter++}`;

async function deliverable(opts: Parameters<typeof submittedDeliverable>[2] = {}) {
  return submittedDeliverable(world, campaign, opts);
}
/** A saved view of the creator's, made directly (the rows above test the route that makes one). */
async function savedView() {
  const [row] = await t.db
    .insert(savedViews)
    .values({ workspaceId: world.a.id, ownerId: world.users.creator.id, name: `Saved ${tag()}`, query: {} })
    .returning();
  return row.id;
}
const deliverablePost = (id: string, form: Form, who: string) => ws("", `/deliverables/${id}`, form, who, { deliverableId: id });

async function signedOff() {
  const id = await deliverable();
  for (const who of ["agencyMember", "brandLead"] as const) {
    const res = await post({
      route: "w.$workspace.deliverables.$deliverableId",
      ...deliverablePost(id, { intent: "decide", version: "1", decision: "approve" }, await cookie(who)),
    });
    expect(res.status).toBe(200);
  }
  return id;
}

async function newMember(role: "coordinator" | "admin") {
  const user = await createUser(t.db, { email: `m-${Math.random().toString(36).slice(2, 8)}@example.test` });
  const m = await addMember(t.db, world.a.id, user.id, role);
  return m.id;
}

/** A campaign of its own (brand X, agency P, creator M, active, brief v1 published), so rows do not share state. */
const freshCampaign = () => campaignFixture(t.db, world, { name: `Audit ${tag()}` });
const campaignPost = (id: string, sub: string, form: Form, who: string) => ws("", `/campaigns/${id}${sub}`, form, who, { campaignId: id });
const rowVersionOf = async (id: string) => String((await t.db.select().from(campaigns).where(eq(campaigns.id, id)))[0].rowVersion);

/** A campaign in planning, made through the new-campaign page (dated so the complete brief fits it). */
async function planningCampaign(): Promise<string> {
  const res = await post({
    route: "w.$workspace.campaigns.new",
    ...ws("", "/campaigns/new", newCampaignForm(), await cookie("coordinator")),
  });
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/")[4];
}
const newCampaignForm = (): Form => ({
  idempotencyKey: key(),
  name: `Launch ${tag()}`,
  brandId: world.brandX.id,
  leadAgencyId: world.agencyP.id,
  creatorIds: [world.creatorM.id],
  channels: ["instagram"],
  startsOn: day(20),
  endsOn: day(40),
});

/** A campaign whose brief v1 was published through the editor, so the creator is asked to acknowledge it. */
async function briefedCampaign(): Promise<string> {
  const id = await planningCampaign();
  const res = await post({
    route: "w.$workspace.campaigns.$campaignId.brief.edit",
    ...campaignPost(id, "/brief/edit", { intent: "publish", ...completeBriefForm() }, await cookie("coordinator")),
  });
  expect(res.status, await res.clone().text()).toBe(302);
  return id;
}

/** A brief-template field added through the template page; returns its key. */
async function templateField(required = false): Promise<string> {
  const fieldKey = `field-${tag()}`;
  const form: Form = {
    intent: "add",
    baseVersion: await templateVersion(),
    label: `Field ${fieldKey}`,
    key: fieldKey,
    type: "text",
    ...(required ? { required: "on" } : {}),
  };
  expect(
    (await post({ route: "w.$workspace.brief-template", ...ws("", "/brief-template", form, await cookie("coordinator")) })).status,
  ).toBe(200);
  return fieldKey;
}
const templateVersion = async () => String((await currentTemplate(world.a.id)).version);
const templatePost = async (intent: string, fieldKey: string) =>
  ws("", "/brief-template", { intent, baseVersion: await templateVersion(), key: fieldKey }, await cookie("coordinator"));

/** Two posts of a brand of its own an hour apart on one channel: an open POST_COLLISION; returns its key. */
async function collisionKey(): Promise<string> {
  const brand = await createBrand(t.db, world.a.id, { name: `Collide ${tag()}` });
  const c = await campaignFixture(t.db, world, { name: `Collide ${tag()}`, brandId: brand.id });
  const at = DateTime.utc().plus({ days: 8 }).startOf("hour");
  const { deliverables } = await import("@db/schema");
  const d = (title: string, when: DateTime) => ({
    workspaceId: world.a.id,
    campaignId: c.id,
    brandId: brand.id,
    creatorId: world.creatorM.id,
    channel: "instagram",
    title,
    publishAt: when.toJSDate(),
    status: "draft",
  });
  await t.db.insert(deliverables).values([d("First", at), d("Second", at.plus({ hours: 1 }))]);
  const { loader } = await import("~/routes/w.$workspace.conflicts");
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/conflicts?brand=${brand.id}`, { cookie: await cookie("coordinator") }), {
    workspace: world.a.slug,
  });
  // The page groups by rule, then brand (decision 062).
  type Rule = { code: string; brands: { brandId: string; openTotal: number; open: { key: string; code: string }[] }[] };
  const open = (await jsonOf<{ rules: Rule[] }>(res)).rules.flatMap((r) => r.brands.flatMap((b) => b.open));
  const collision = open.find((c) => c.code === "POST_COLLISION");
  if (!collision) throw new Error(`no collision among ${JSON.stringify(open)}`);
  return collision.key;
}

/** A fresh brand's one POST_COLLISION, as the conflicts page's group of it (rule, brand, how many it shows). */
async function collisionGroup(): Promise<{ code: string; brandId: string; count: string }> {
  await collisionKey();
  const { loader } = await import("~/routes/w.$workspace.conflicts");
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/conflicts`, { cookie: await cookie("coordinator") }), {
    workspace: world.a.slug,
  });
  type Rule = { code: string; brands: { brandId: string; brandName: string; openTotal: number }[] };
  const rule = (await jsonOf<{ rules: Rule[] }>(res)).rules.find((r) => r.code === "POST_COLLISION")!;
  const group = rule.brands.find((b) => b.brandName.startsWith("Collide") && b.openTotal === 1)!;
  return { code: rule.code, brandId: group.brandId, count: String(group.openTotal) };
}

/**
 * Brand X's creator M also posts for a skincare rival two days later: an exclusivity clash inside
 * brand X's 14-day window that brand X's lead may waive for its side (decision 062). Returns its key.
 */
async function exclusivityKey(): Promise<string> {
  const { campaignCreators, campaigns, deliverables } = await import("@db/schema");
  const rival = await createBrand(t.db, world.a.id, { name: `Rival ${tag()}`, category: "skincare" });
  const day = DateTime.utc().plus({ days: 9 }).startOf("hour");
  const campaign = async (brandId: string) => {
    const [row] = await t.db
      .insert(campaigns)
      .values({
        ...{ workspaceId: world.a.id, brandId, leadAgencyId: world.agencyP.id, name: `Excl ${tag()}`, status: "active" },
        ...{ channels: ["instagram"], startsAt: day.minus({ days: 5 }).toJSDate(), endsAt: day.plus({ days: 20 }).toJSDate() },
      })
      .returning();
    await t.db.insert(campaignCreators).values({ workspaceId: world.a.id, campaignId: row.id, creatorId: world.creatorM.id });
    return row.id;
  };
  const post = (campaignId: string, brandId: string, at: DateTime) => ({
    ...{ workspaceId: world.a.id, campaignId, brandId, creatorId: world.creatorM.id, channel: "instagram" },
    ...{ title: `Excl post ${tag()}`, publishAt: at.toJSDate(), status: "draft" },
  });
  await t.db
    .insert(deliverables)
    .values([post(await campaign(world.brandX.id), world.brandX.id, day), post(await campaign(rival.id), rival.id, day.plus({ days: 2 }))]);
  const { loader } = await import("~/routes/w.$workspace.exclusivity");
  const res = await call(loader, makeRequest(`/w/${world.a.slug}/exclusivity`, { cookie: await cookie("brandLead") }), {
    workspace: world.a.slug,
  });
  const clash = (await jsonOf<{ clashes: { key: string; breached: boolean; waived?: boolean }[] }>(res)).clashes.find(
    (c) => c.breached && !c.waived,
  );
  if (!clash) throw new Error("no exclusivity clash for brand X's lead");
  return clash.key;
}
const conflictsPost = async (form: Form) => ws("", "/conflicts", form, await cookie("coordinator"));

const rulesPost = async (brandId: string, form: Form) => ws("", `/brands/${brandId}/rules`, form, await cookie("coordinator"), { brandId });
const blackout = (form: Form = {}): Form => ({
  intent: "add-blackout",
  startsAt: DateTime.utc().plus({ days: 60 }).toFormat("yyyy-LL-dd'T'HH:mm"),
  endsAt: DateTime.utc().plus({ days: 61 }).toFormat("yyyy-LL-dd'T'HH:mm"),
  reason: "Retailer embargo",
  ...form,
});

/** A link's GA4 step the client confirmed through its page (the link of `brandId`, brand X by default). */
async function confirmedStep(brandId = world.brandX.id) {
  const { linkId, token } = await makeLink(world, world.users.admin.id, { brandId, platforms: [{ platformKey: "ga4", role: "Analyst" }] });
  const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));
  expect(
    (
      await post({
        route: "onboard.$token",
        path: `/onboard/${token}`,
        params: { token },
        form: { intent: "confirm", stepId: step.id, assetId: "312456789" },
        cookie: null,
        ip: freshIp(),
      })
    ).status,
  ).toBe(302);
  return { linkId, stepId: step.id };
}
/** A link with its GA4 step still requested. */
async function requestedStep() {
  const { linkId } = await makeLink(world, world.users.admin.id, {
    platforms: [
      { platformKey: "ga4", role: "Analyst" },
      { platformKey: "google_tag_manager", role: "Publish" },
    ],
  });
  const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
  return { linkId, stepId: step.id };
}
const linkPost = async (linkId: string, form: Form) => ws("", `/onboarding/${linkId}`, form, await cookie("admin"), { linkId });

/** A brand of its own whose one verified grant has its revoke checklist started. */
async function offboardingBrand(): Promise<string> {
  const brand = await createBrand(t.db, world.a.id, { name: `Leaving ${tag()}` });
  await confirmedStep(brand.id);
  return brand.id;
}
const accessPost = async (brandId: string, form: Form) => ws("", `/brands/${brandId}/access`, form, await cookie("admin"), { brandId });

/** An account of its own (sessions of `world.users` stay untouched by resets and sign-outs). */
const account = (opts: { emailVerified?: boolean } = {}) => createUser(t.db, { email: `acct-${tag()}@example.test`, ...opts });
/** The first bytes of a PNG: an upload is accepted by its content. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const tokenRoute = (prefix: string, token: string, form: Form = {}): Prepared => ({
  path: `/${prefix}/${token}`,
  params: { token },
  form,
  cookie: null,
  ip: freshIp(),
});

const CASES: Case[] = [
  // Approvals: the deliverable page.
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "submit",
    expected: A("draft.submitted"),
    prepare: async () => {
      const id = await deliverable({ submit: false });
      return deliverablePost(id, { intent: "submit", copy: GOOD_COPY, link: GOOD_LINK, basedOnVersion: "0" }, await cookie("creator"));
    },
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "decide",
    expected: A("draft.approved"),
    prepare: async () =>
      deliverablePost(await deliverable(), { intent: "decide", version: "1", decision: "approve" }, await cookie("agencyMember")),
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "comment",
    expected: A("draft.commented"),
    prepare: async () =>
      deliverablePost(await deliverable(), { intent: "comment", version: "1", body: "Looks good." }, await cookie("coordinator")),
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "schedule",
    expected: A("deliverable.scheduled"),
    prepare: async () => deliverablePost(await signedOff(), { intent: "schedule" }, await cookie("agencyMember")),
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "unschedule",
    expected: A("deliverable.unscheduled"),
    prepare: async () => {
      const id = await signedOff();
      expect(
        (
          await post({
            route: "w.$workspace.deliverables.$deliverableId",
            ...deliverablePost(id, { intent: "schedule" }, await cookie("agencyMember")),
          })
        ).status,
      ).toBe(200);
      return deliverablePost(id, { intent: "unschedule" }, await cookie("agencyMember"));
    },
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "publish",
    expected: A("deliverable.published"),
    prepare: async () => {
      const id = await signedOff();
      expect(
        (
          await post({
            route: "w.$workspace.deliverables.$deliverableId",
            ...deliverablePost(id, { intent: "schedule" }, await cookie("agencyMember")),
          })
        ).status,
      ).toBe(200);
      return deliverablePost(id, { intent: "publish", liveUrl: "https://instagram.com/p/abc" }, await cookie("agencyMember"));
    },
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "reschedule",
    expected: A("deliverable.rescheduled"),
    prepare: async () => {
      const id = await deliverable();
      return deliverablePost(
        id,
        { intent: "reschedule", publishAt: new Date(Date.now() + 200 * 3_600_000).toISOString().slice(0, 16) },
        await cookie("coordinator"),
      );
    },
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "override",
    expected: A("deliverable.override"),
    prepare: async () => {
      const id = await deliverable();
      const { deliverables } = await import("@db/schema");
      await t.db.update(deliverables).set({ blocked: true }).where(eq(deliverables.id, id));
      return deliverablePost(id, { intent: "override", reason: "Brand approved by phone, confirmed in writing." }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.deliverables.$deliverableId",
    intent: "reschedule_earliest",
    expected: A("deliverable.rescheduled"),
    prepare: async () => {
      // Blocked (the flag beside the status): one POST moves it to the earliest allowed time.
      const id = await deliverable();
      const { deliverables } = await import("@db/schema");
      await t.db.update(deliverables).set({ blocked: true }).where(eq(deliverables.id, id));
      return deliverablePost(id, { intent: "reschedule_earliest" }, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.campaigns.$campaignId.deliverables.new",
    intent: null,
    expected: A("deliverable.created"),
    prepare: async () =>
      ws(
        "",
        `/campaigns/${campaign.id}/deliverables/new`,
        {
          idempotencyKey: key(),
          title: "New reel",
          channel: "x",
          creatorId: world.creatorM.id,
          publishAt: new Date(Date.now() + 300 * 3_600_000).toISOString().slice(0, 16),
        },
        await cookie("coordinator"),
        { campaignId: campaign.id },
      ),
  },

  // Workspace administration.
  {
    route: "w.$workspace.directory",
    intent: "createBrand",
    expected: A("brand.created"),
    prepare: async () =>
      ws(
        "",
        "/directory",
        { intent: "createBrand", idempotencyKey: key(), name: "Brand Z", timeZone: "Europe/Berlin", color: "#112233" },
        await cookie("owner"),
      ),
  },
  {
    route: "w.$workspace.directory",
    intent: "createAgency",
    expected: A("agency.created"),
    prepare: async () => ws("", "/directory", { intent: "createAgency", idempotencyKey: key(), name: "Agency Z" }, await cookie("owner")),
  },
  {
    route: "w.$workspace.directory",
    intent: "createCreator",
    expected: A("creator.created"),
    prepare: async () =>
      ws("", "/directory", { intent: "createCreator", idempotencyKey: key(), name: "Creator Z", handle: "@zed" }, await cookie("owner")),
  },
  {
    route: "w.$workspace.directory",
    intent: "delete-brand",
    expected: A("brand.deleted"),
    prepare: async () => {
      const [b] = await t.db.insert(brands).values({ workspaceId: world.a.id, name: "Doomed brand" }).returning();
      return ws("", "/directory", { intent: "delete-brand", id: b.id }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.directory",
    intent: "delete-agency",
    expected: A("agency.deleted"),
    prepare: async () => {
      const { agencies } = await import("@db/schema");
      const [row] = await t.db.insert(agencies).values({ workspaceId: world.a.id, name: "Doomed agency" }).returning();
      return ws("", "/directory", { intent: "delete-agency", id: row.id }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.directory",
    intent: "delete-creator",
    expected: A("creator.deleted"),
    prepare: async () => {
      const { creators } = await import("@db/schema");
      const [row] = await t.db.insert(creators).values({ workspaceId: world.a.id, name: "Doomed creator" }).returning();
      return ws("", "/directory", { intent: "delete-creator", id: row.id }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.members",
    intent: "invite",
    expected: A("member.invited"),
    prepare: async () =>
      ws(
        "",
        "/members",
        { intent: "invite", idempotencyKey: key(), email: "new-person@example.test", role: "coordinator" },
        await cookie("owner"),
      ),
  },
  {
    route: "w.$workspace.members",
    intent: "changeRole",
    expected: A("member.role_changed"),
    prepare: async () =>
      ws(
        "",
        "/members",
        { intent: "changeRole", membershipId: await newMember("coordinator"), assignment: "admin" },
        await cookie("owner"),
      ),
  },
  {
    route: "w.$workspace.members",
    intent: "remove",
    expected: A("member.removed"),
    prepare: async () => ws("", "/members", { intent: "remove", membershipId: await newMember("coordinator") }, await cookie("owner")),
  },
  {
    route: "w.$workspace.settings",
    intent: null,
    expected: A("workspace.settings_changed"),
    prepare: async () =>
      ws("", "/settings", { name: "Alpha Studio Renamed", accentColor: "#4f46e5", signoffWindowHours: "48" }, await cookie("owner")),
  },
  {
    route: "w.$workspace.access-identities",
    intent: null,
    expected: A("workspace.access_identities_changed"),
    prepare: async () => ws("", "/access-identities", { ...IDENTITIES }, await cookie("owner")),
  },
  {
    route: "w.$workspace.settings_.platforms.new",
    intent: null,
    expected: A("custom_platform.created"),
    prepare: async () =>
      ws("", "/settings/platforms/new", { ...PLATFORM_FORM, name: `Ads ${tag()}`, idempotencyKey: key() }, await cookie("owner")),
  },
  ...(["save", "archive", "restore"] as const).map((intent) => ({
    route: "w.$workspace.settings_.platforms.$platformId",
    intent,
    expected: A(
      ({ save: "custom_platform.changed", archive: "custom_platform.archived", restore: "custom_platform.restored" } as const)[intent],
    ),
    prepare: async () => {
      const [p] = await t.db
        .insert(customPlatforms)
        .values({ workspaceId: world.a.id, key: `custom:audit-${tag()}`, name: "Audit Ads", createdBy: world.users.owner.id })
        .returning();
      const form = await import("~/modules/onboarding/custom-platforms");
      const parsed = form.definitionFormSchema.parse(PLATFORM_FORM);
      await t.db
        .insert(customPlatformVersions)
        .values({ workspaceId: world.a.id, platformId: p.id, version: 1, definition: form.definitionOf(parsed) as never });
      return ws("", `/settings/platforms/${p.id}`, { ...PLATFORM_FORM, intent, version: "1" }, await cookie("owner"), { platformId: p.id });
    },
  })),
  {
    route: "w.$workspace.settings_.connections",
    intent: "connect-google",
    expected: A("connection.oauth_started"),
    prepare: async () => {
      setEnvForTests({
        APP_URL: TEST_APP_URL,
        ALLOW_PRIVATE_WEBHOOKS: true,
        GOOGLE_CLIENT_ID: "audit-client",
        GOOGLE_CLIENT_SECRET: "audit-secret",
      });
      return ws("", "/settings/connections", { intent: "connect-google" }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.settings_.connections",
    intent: "connect-meta",
    expected: A("connection.connect"),
    prepare: async () => {
      // Graph answers the token check (intercepted below); a kept token is audited.
      await t.db.delete(platformConnections).where(eq(platformConnections.workspaceId, world.a.id));
      return ws(
        "",
        "/settings/connections",
        { intent: "connect-meta", businessId: "1111222233334444", token: `EAAG${"x".repeat(60)}` },
        await cookie("owner"),
      );
    },
  },
  {
    route: "w.$workspace.settings_.connections",
    intent: "disconnect",
    expected: A("connection.disconnect"),
    prepare: async () => {
      await t.db.delete(platformConnections).where(eq(platformConnections.workspaceId, world.a.id));
      await t.db
        .insert(platformConnections)
        .values({ workspaceId: world.a.id, provider: "meta", sealedCredential: "v1.x.y.z", settings: {} });
      return ws("", "/settings/connections", { intent: "disconnect", provider: "meta", rowVersion: "0" }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.webhooks",
    intent: "create",
    expected: A("webhook.endpoint_created"),
    prepare: async () =>
      ws(
        "",
        "/webhooks",
        { intent: "create", idempotencyKey: key(), url: "http://127.0.0.1:9/hook", eventTypes: ["draft.submitted"] },
        await cookie("owner"),
      ),
  },
  {
    route: "w.$workspace.webhooks",
    intent: "disable",
    expected: A("webhook.endpoint_disabled"),
    prepare: async () => {
      const [e] = await t.db
        .insert(webhookEndpoints)
        .values({ workspaceId: world.a.id, url: "http://127.0.0.1:9/x", eventTypes: ["draft.submitted"], secret: "whsec_x" })
        .returning();
      return ws("", "/webhooks", { intent: "disable", id: e.id }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.notifications",
    intent: "read-all",
    expected: NONE("a member's own read marks: no one else's data changes, and the trail would fill with noise"),
    prepare: async () => ws("", "/notifications", { intent: "read-all" }, await cookie("coordinator")),
  },
  {
    route: "w.$workspace.notifications",
    intent: "read-one",
    expected: NONE("a member's own read mark (see read-all)"),
    prepare: async () => {
      const [n] = await t.db
        .insert(notifications)
        .values({ workspaceId: world.a.id, userId: world.users.coordinator.id, category: "approvals", title: "Hi", body: "", url: "/" })
        .returning();
      return ws("", "/notifications", { intent: "read-one", id: n.id }, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.notifications",
    intent: "preferences",
    expected: NONE("a member's own email preferences, like read marks"),
    prepare: async () => {
      const modes = Object.keys(EMAIL_MODES);
      return ws(
        "",
        "/notifications",
        Object.fromEntries([["intent", "preferences"], ...Object.keys(NOTIFICATION_CATEGORIES).map((c) => [c, modes[modes.length - 1]])]),
        await cookie("coordinator"),
      );
    },
  },
  {
    route: "w.$workspace.away",
    intent: "set",
    expected: A("member.away_set"),
    prepare: async () =>
      ws("", "/away", { intent: "set", from: day(1), until: day(5), delegateUserId: world.users.admin.id }, await cookie("coordinator")),
  },
  {
    route: "w.$workspace.away",
    intent: "clear",
    expected: A("member.away_cleared"),
    prepare: async () => {
      const awayUntil = new Date(Date.now() + 5 * 86_400_000);
      await t.db
        .update(memberships)
        .set({ awayFrom: new Date(), awayUntil, delegateUserId: world.users.admin.id })
        .where(and(eq(memberships.workspaceId, world.a.id), eq(memberships.userId, world.users.owner.id)));
      return ws("", "/away", { intent: "clear" }, await cookie("owner"));
    },
  },
  {
    route: "w.$workspace.uploads",
    intent: null,
    expected: NONE("an upload is unattached until an audited action (draft submit, brand kit) uses it"),
    prepare: async () =>
      ws("", "/uploads", { purpose: "other", file: new File([PNG], "logo.png", { type: "image/png" }) }, await cookie("coordinator")),
  },

  // Calendar.
  {
    route: "w.$workspace.calendar",
    intent: "time-zone",
    expected: A("user.time_zone_changed"),
    prepare: async () => ws("", "/calendar", { intent: "time-zone", timeZone: "Europe/Paris" }, await cookie("coordinator")),
  },
  {
    route: "w.$workspace.calendar",
    intent: "issue-feed",
    expected: A("calendar_feed.issued"),
    prepare: async () => ws("", "/calendar", { intent: "issue-feed" }, await cookie("agencyMember")),
  },
  {
    route: "w.$workspace.calendar",
    intent: "revoke-feed",
    expected: A("calendar_feed.revoked"),
    prepare: async () => {
      expect(
        (await post({ route: "w.$workspace.calendar", ...ws("", "/calendar", { intent: "issue-feed" }, await cookie("brandLead")) }))
          .status,
      ).toBe(200);
      return ws("", "/calendar", { intent: "revoke-feed" }, await cookie("brandLead"));
    },
  },
  {
    route: "w.$workspace.calendar_.share",
    intent: "create",
    expected: A("calendar_share.created"),
    prepare: async () =>
      ws("", "/calendar/share", { intent: "create", brandId: world.brandX.id, label: "Lumen team", days: "14" }, await cookie("brandLead")),
  },
  {
    route: "w.$workspace.calendar_.share",
    intent: "revoke",
    expected: A("calendar_share.revoked"),
    prepare: async () => {
      const res = await post({
        route: "w.$workspace.calendar_.share",
        ...ws("", "/calendar/share", { intent: "create", brandId: world.brandY.id, label: "Outdoor team" }, await cookie("coordinator")),
      });
      expect(res.status).toBe(200);
      const [link] = await t.db
        .select({ id: calendarShareLinks.id })
        .from(calendarShareLinks)
        .where(and(eq(calendarShareLinks.brandId, world.brandY.id), isNull(calendarShareLinks.revokedAt)));
      return ws("", "/calendar/share", { intent: "revoke", linkId: link.id }, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.calendar_.views",
    intent: "save",
    expected: A("calendar_view.saved"),
    prepare: async () => ws("", "/calendar/views", { intent: "save", name: `View ${tag()}`, query: "view=list" }, await cookie("creator")),
  },
  {
    route: "w.$workspace.calendar_.views",
    intent: "rename",
    expected: A("calendar_view.renamed"),
    prepare: async () =>
      ws("", "/calendar/views", { intent: "rename", viewId: await savedView(), name: `Renamed ${tag()}` }, await cookie("creator")),
  },
  {
    route: "w.$workspace.calendar_.views",
    intent: "delete",
    expected: A("calendar_view.deleted"),
    prepare: async () => ws("", "/calendar/views", { intent: "delete", viewId: await savedView() }, await cookie("creator")),
  },
  {
    route: "w.$workspace.calendar_.markers",
    intent: "add",
    expected: A("calendar_marker.created"),
    prepare: async () =>
      ws(
        "",
        "/calendar/markers",
        { intent: "add", kind: "launch", title: "Launch", brandId: world.brandX.id, startsAt: `${day(3)}T10:00` },
        await cookie("brandLead"),
      ),
  },
  {
    route: "w.$workspace.calendar_.markers",
    intent: "delete",
    expected: A("calendar_marker.deleted"),
    prepare: async () => {
      const [row] = await t.db
        .insert(calendarMarkers)
        .values({ workspaceId: world.a.id, brandId: null, kind: "note", title: "Gone soon", startsAt: new Date() })
        .returning();
      return ws("", "/calendar/markers", { intent: "delete", markerId: row.id }, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.calendar_.overlays",
    intent: "add-file",
    expected: A("calendar.overlay_added"),
    prepare: async () =>
      ws(
        "",
        "/calendar/overlays",
        { intent: "add-file", name: "Bank holidays", file: new File([holidaysIcs([["Audit Day", 2]])], "holidays.ics") },
        await cookie("coordinator"),
      ),
  },
  {
    route: "w.$workspace.calendar_.overlays",
    intent: "add-url",
    expected: A("calendar.overlay_added"),
    prepare: async () =>
      ws("", "/calendar/overlays", { intent: "add-url", name: "Fairs", url: `${CAL_HOST}/audit-holidays.ics` }, await cookie("owner")),
  },
  {
    route: "w.$workspace.calendar_.overlays",
    intent: "refresh",
    expected: A("calendar.overlay_refreshed"),
    prepare: async () => {
      const [row] = await t.db
        .insert(calendarOverlays)
        .values({ workspaceId: world.a.id, name: "To refresh", source: "url", url: `${CAL_HOST}/audit-holidays.ics` })
        .returning();
      return ws("", "/calendar/overlays", { intent: "refresh", overlayId: row.id }, await cookie("admin"));
    },
  },
  {
    route: "w.$workspace.calendar_.overlays",
    intent: "remove",
    expected: A("calendar.overlay_removed"),
    prepare: async () => {
      const [row] = await t.db.insert(calendarOverlays).values({ workspaceId: world.a.id, name: "To remove", source: "file" }).returning();
      return ws("", "/calendar/overlays", { intent: "remove", overlayId: row.id }, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.conflicts",
    intent: "acknowledge",
    expected: A("conflict.acknowledged"),
    prepare: async () =>
      conflictsPost({ intent: "acknowledge", conflictKey: await collisionKey(), note: "Two creators, agreed with the brand." }),
  },
  {
    route: "w.$workspace.conflicts",
    intent: "acknowledge-group",
    expected: A("conflict.acknowledged"),
    prepare: async () => conflictsPost({ intent: "acknowledge-group", ...(await collisionGroup()), note: "One note for the group." }),
  },
  {
    route: "w.$workspace.exclusivity",
    intent: "waive",
    expected: A("conflict.waived"),
    prepare: async () =>
      ws(
        "",
        "/exclusivity",
        { intent: "waive", conflictKey: await exclusivityKey(), reason: "Different product lines." },
        await cookie("brandLead"),
      ),
  },
  {
    route: "w.$workspace.exclusivity",
    intent: "withdraw",
    expected: A("conflict.waiver_withdrawn"),
    prepare: async () => {
      const conflictKey = await exclusivityKey();
      const { conflictWaivers } = await import("@db/schema");
      await t.db.insert(conflictWaivers).values({
        workspaceId: world.a.id,
        conflictKey,
        brandId: world.brandX.id,
        reason: "Agreed earlier.",
        userId: world.users.brandLead.id,
      });
      return ws("", "/exclusivity", { intent: "withdraw", conflictKey }, await cookie("brandLead"));
    },
  },
  {
    route: "w.$workspace.conflicts",
    intent: "reopen",
    expected: A("conflict.reopened"),
    prepare: async () => {
      const conflictKey = await collisionKey();
      expect(
        (
          await post({
            route: "w.$workspace.conflicts",
            ...(await conflictsPost({ intent: "acknowledge", conflictKey, note: "Fine for now." })),
          })
        ).status,
      ).toBe(200);
      return conflictsPost({ intent: "reopen", conflictKey });
    },
  },
  {
    route: "w.$workspace.calendar_.move",
    intent: "move",
    expected: A("deliverable.rescheduled"),
    prepare: async () => {
      const id = await deliverable();
      const publishAt = DateTime.utc().plus({ days: 13 }).toFormat("yyyy-LL-dd'T'HH:mm");
      return ws(
        "",
        "/calendar/move",
        { intent: "move", deliverableId: id, publishAt, reason: "Agreed with the brand." },
        await cookie("coordinator"),
      );
    },
  },
  {
    route: "w.$workspace.calendar_.move",
    intent: "undo",
    expected: A("deliverable.rescheduled"),
    prepare: async () => {
      const id = await deliverable();
      const publishAt = DateTime.utc().plus({ days: 14 }).toFormat("yyyy-LL-dd'T'HH:mm");
      const who = await cookie("coordinator");
      const moved = await post({
        route: "w.$workspace.calendar_.move",
        ...ws("", "/calendar/move", { intent: "move", deliverableId: id, publishAt }, who),
      });
      expect(moved.status).toBe(200);
      return ws("", "/calendar/move", { intent: "undo", moveId: String((await jsonOf<{ moveId: number }>(moved)).moveId) }, who);
    },
  },
  {
    route: "w.$workspace.conflicts",
    intent: "move",
    expected: A("deliverable.rescheduled"),
    prepare: async () => {
      const id = await deliverable();
      return conflictsPost({
        intent: "move",
        deliverableId: id,
        publishAt: DateTime.utc().plus({ days: 12 }).toFormat("yyyy-LL-dd'T'HH:mm"),
      });
    },
  },
  {
    route: "w.$workspace.brands.$brandId.rules",
    intent: "rules",
    expected: A("brand.calendar_rules_updated"),
    prepare: async () =>
      rulesPost(world.brandY.id, { intent: "rules", category: "outdoor", exclusivityDays: "14", spacing_instagram: "60" }),
  },
  {
    route: "w.$workspace.brands.$brandId.rules",
    intent: "decision-code",
    expected: A("brand.decision_code_required"),
    prepare: async () => rulesPost(world.brandY.id, { intent: "decision-code", requireDecisionCode: "on" }),
  },
  {
    route: "w.$workspace.brands.$brandId.rules",
    intent: "add-blackout",
    expected: A("brand.blackout_added"),
    prepare: async () => rulesPost(world.brandY.id, blackout()),
  },
  {
    route: "w.$workspace.brands.$brandId.rules",
    intent: "remove-blackout",
    expected: A("brand.blackout_removed"),
    prepare: async () => {
      const brand = await createBrand(t.db, world.a.id, { name: `Embargoed ${tag()}` });
      expect((await post({ route: "w.$workspace.brands.$brandId.rules", ...(await rulesPost(brand.id, blackout())) })).status).toBe(200);
      const { brandBlackouts } = await import("@db/schema");
      const [row] = await t.db.select().from(brandBlackouts).where(eq(brandBlackouts.brandId, brand.id));
      return rulesPost(brand.id, { intent: "remove-blackout", blackoutId: row.id });
    },
  },

  // Campaigns and briefs.
  {
    route: "w.$workspace.campaigns.new",
    intent: null,
    expected: A("campaign.created"),
    prepare: async () => ws("", "/campaigns/new", newCampaignForm(), await cookie("coordinator")),
  },
  {
    route: "w.$workspace.campaigns.$campaignId.edit",
    intent: null,
    expected: A("campaign.updated"),
    prepare: async () => {
      const c = await freshCampaign();
      const form = {
        rowVersion: await rowVersionOf(c.id),
        ...newCampaignForm(),
        name: "Renamed launch",
        startsOn: day(-5),
        endsOn: day(30),
      };
      return campaignPost(c.id, "/edit", form, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.campaigns.$campaignId._index",
    intent: "transition",
    expected: A("campaign.status_changed"),
    prepare: async () => {
      const c = await freshCampaign();
      return campaignPost(
        c.id,
        "",
        { intent: "transition", event: "complete", rowVersion: await rowVersionOf(c.id) },
        await cookie("coordinator"),
      );
    },
  },
  {
    route: "w.$workspace.campaigns.$campaignId.route",
    intent: null,
    expected: A("campaign.route_updated"),
    prepare: async () => {
      const c = await freshCampaign();
      return campaignPost(
        c.id,
        "/route",
        {
          reviewHours: "36",
          s0_name: "Agency review",
          s0_rule: "any",
          s0_approvers: world.users.agencyMember.id,
          signoffRule: "any",
          signoffApprovers: world.users.brandLead.id,
        },
        await cookie("coordinator"),
      );
    },
  },
  {
    route: "w.$workspace.campaigns.$campaignId.brief.edit",
    intent: "save",
    expected: NONE("autosave of the working draft: only publishing makes a version people act on (brief.published)"),
    prepare: async () => {
      const id = await planningCampaign();
      return campaignPost(id, "/brief/edit", { intent: "save", keyMessage: "Glow in one step." }, await cookie("coordinator"));
    },
  },
  {
    route: "w.$workspace.campaigns.$campaignId.brief.edit",
    intent: "publish",
    expected: A("brief.published"),
    prepare: async () =>
      campaignPost(await planningCampaign(), "/brief/edit", { intent: "publish", ...completeBriefForm() }, await cookie("coordinator")),
  },
  {
    route: "w.$workspace.campaigns.$campaignId.brief._index",
    intent: "acknowledge",
    expected: A("brief.acknowledged"),
    prepare: async () => campaignPost(await briefedCampaign(), "/brief", { intent: "acknowledge", version: "1" }, await cookie("creator")),
  },
  {
    route: "w.$workspace.campaigns.$campaignId.brief._index",
    intent: "comment",
    expected: A("brief.commented"),
    prepare: async () =>
      campaignPost(
        await briefedCampaign(),
        "/brief",
        { intent: "comment", section: "keyMessage", kind: "comment", body: "Love the one-step angle." },
        await cookie("creator"),
      ),
  },
  {
    route: "w.$workspace.brief-template",
    intent: "add",
    expected: A("brief.template_saved"),
    prepare: async () =>
      ws(
        "",
        "/brief-template",
        { intent: "add", baseVersion: await templateVersion(), label: "Budget", key: `budget-${tag()}`, type: "number" },
        await cookie("coordinator"),
      ),
  },
  {
    route: "w.$workspace.brief-template",
    intent: "required",
    expected: A("brief.template_saved"),
    prepare: async () => templatePost("required", await templateField(true)),
  },
  {
    route: "w.$workspace.brief-template",
    intent: "move-up",
    expected: A("brief.template_saved"),
    prepare: async () => {
      await templateField();
      return templatePost("move-up", await templateField());
    },
  },
  {
    route: "w.$workspace.brief-template",
    intent: "move-down",
    expected: A("brief.template_saved"),
    prepare: async () => {
      const first = await templateField();
      await templateField();
      return templatePost("move-down", first);
    },
  },
  {
    route: "w.$workspace.brief-template",
    intent: "remove",
    expected: A("brief.template_saved"),
    prepare: async () => templatePost("remove", await templateField()),
  },

  // Onboarding, agency side.
  {
    route: "w.$workspace.onboarding.new",
    intent: null,
    expected: A("onboarding.link_created"),
    prepare: async () =>
      ws(
        "",
        "/onboarding/new",
        {
          idempotencyKey: key(),
          brandId: world.brandX.id,
          recipientName: "Mia",
          clientEmail: `mia-${tag()}@client.example`,
          platform_ga4: "on",
          role_ga4: "Analyst",
          sendEmail: "on",
          expiresInDays: "30",
        },
        await cookie("admin"),
      ),
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "verify",
    expected: A("access.verified"),
    prepare: async () => {
      const { linkId, token } = await makeLink(world, world.users.admin.id, { platforms: [{ platformKey: "ga4", role: "Analyst" }] });
      const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));
      expect(
        (
          await post({
            route: "onboard.$token",
            path: `/onboard/${token}`,
            params: { token },
            form: { intent: "confirm", stepId: step.id, assetId: "312456789" },
            cookie: null,
          })
        ).status,
      ).toBe(302);
      return ws("", `/onboarding/${linkId}`, { intent: "verify", stepId: step.id }, await cookie("admin"), { linkId });
    },
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "reject",
    expected: A("access.rejected", "onboarding.fix_link_sent"),
    prepare: async () => {
      const { linkId, stepId } = await confirmedStep();
      return linkPost(linkId, { intent: "reject", stepId, reason: "The grant is not in our portfolio." });
    },
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "revoke",
    expected: A("access.revoked"),
    prepare: async () => {
      const { linkId, stepId } = await confirmedStep();
      return linkPost(linkId, { intent: "revoke", stepId });
    },
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "reopen",
    expected: A("access.reopened"),
    prepare: async () => {
      const { linkId, stepId } = await requestedStep();
      expect(
        (
          await post({
            route: "w.$workspace.onboarding.$linkId",
            ...(await linkPost(linkId, { intent: "not-applicable", stepId, reason: "Dropped from the plan." })),
          })
        ).status,
      ).toBe(200);
      return linkPost(linkId, { intent: "reopen", stepId });
    },
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "not-applicable",
    expected: A("access.not_applicable"),
    prepare: async () => {
      const { linkId, stepId } = await requestedStep();
      return linkPost(linkId, { intent: "not-applicable", stepId, reason: "Dropped from the plan." });
    },
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "revoke-link",
    expected: A("onboarding.link_revoked"),
    prepare: async () => {
      const { linkId } = await makeLink(world, world.users.admin.id);
      return ws("", `/onboarding/${linkId}`, { intent: "revoke-link" }, await cookie("admin"), { linkId });
    },
  },
  {
    route: "w.$workspace.onboarding.$linkId",
    intent: "reissue",
    expected: A("onboarding.link_reissued"),
    prepare: async () => {
      const { linkId } = await makeLink(world, world.users.admin.id);
      return ws("", `/onboarding/${linkId}`, { intent: "reissue", expiresInDays: "14" }, await cookie("admin"), { linkId });
    },
  },
  {
    route: "w.$workspace.brands.$brandId.access",
    intent: "start-offboarding",
    expected: A("offboarding.started"),
    prepare: async () => accessPost(await offboardingBrand(), { intent: "start-offboarding" }),
  },
  {
    route: "w.$workspace.brands.$brandId.access",
    intent: "item-done",
    expected: A("offboarding.item_done"),
    prepare: async () => {
      const brandId = await offboardingBrand();
      expect(
        (await post({ route: "w.$workspace.brands.$brandId.access", ...(await accessPost(brandId, { intent: "start-offboarding" })) }))
          .status,
      ).toBe(200);
      const [item] = await t.db
        .select()
        .from(offboardingItems)
        .where(and(eq(offboardingItems.brandId, brandId), eq(offboardingItems.side, "client")));
      return accessPost(brandId, { intent: "item-done", itemId: item.id });
    },
  },

  {
    route: "w.$workspace.brands.$brandId.access",
    intent: "check-now",
    expected: A("access.check_requested"),
    prepare: async () => {
      // A connected Google account, and a grant being offboarded: "Check now" has something to read.
      await t.db
        .insert(platformConnections)
        .values({ workspaceId: world.a.id, provider: "google", status: "connected" })
        .onConflictDoNothing();
      const brandId = await offboardingBrand();
      expect(
        (await post({ route: "w.$workspace.brands.$brandId.access", ...(await accessPost(brandId, { intent: "start-offboarding" })) }))
          .status,
      ).toBe(200);
      return accessPost(brandId, { intent: "check-now" });
    },
  },
  // Accounts.
  {
    route: "signup",
    intent: null,
    expected: A("auth.signed_up"),
    prepare: async () => ({
      path: "/signup",
      params: {},
      form: { name: "Nia", email: "nia-audit@example.test", password: "a long passphrase" },
      cookie: null,
    }),
  },
  {
    route: "login",
    intent: "password",
    expected: A("auth.signed_in"),
    prepare: async () => ({
      path: "/login",
      params: {},
      form: { intent: "password", email: world.users.coordinator.email, password: "correct horse battery" },
      cookie: null,
    }),
  },
  {
    route: "login",
    intent: "resend-verification",
    expected: NONE("sends the verification email again; the account changes only when the link is used (auth.email_verified)"),
    prepare: async () => ({
      path: "/login",
      params: {},
      form: { intent: "resend-verification", email: (await account({ emailVerified: false })).email },
      cookie: null,
      ip: freshIp(),
    }),
  },
  {
    route: "verify-email.$token",
    intent: null,
    expected: A("auth.email_verified"),
    prepare: async () =>
      tokenRoute("verify-email", await issueLinkToken(t.db, "email_verification", (await account({ emailVerified: false })).id)),
  },
  {
    route: "login",
    intent: "magic",
    expected: NONE("asking for a sign-in link changes no account; redeeming it is audited (auth.signed_in)"),
    prepare: async () => ({ path: "/login", params: {}, form: { intent: "magic", email: world.users.coordinator.email }, cookie: null }),
  },
  {
    route: "forgot-password",
    intent: null,
    expected: NONE("asking for a reset link changes no account; the reset itself is audited (auth.password_reset)"),
    prepare: async () => ({ path: "/forgot-password", params: {}, form: { email: world.users.coordinator.email }, cookie: null }),
  },
  {
    route: "magic.$token",
    intent: null,
    expected: A("auth.signed_in"),
    prepare: async () => tokenRoute("magic", await issueLinkToken(t.db, "magic_link", (await account()).id)),
  },
  {
    route: "reset-password.$token",
    intent: null,
    expected: A("auth.password_reset"),
    prepare: async () =>
      tokenRoute("reset-password", await issueLinkToken(t.db, "password_reset", (await account()).id), {
        password: "brand new passphrase",
      }),
  },
  {
    route: "logout",
    intent: null,
    expected: NONE("ends the caller's own session; nothing in a workspace changes"),
    prepare: async () => ({ path: "/logout", params: {}, form: {}, cookie: await sessionCookie((await account()).id) }),
  },
  {
    route: "invite.$token",
    intent: null,
    expected: A("member.joined"),
    prepare: async () => {
      const user = await account();
      const token = randomToken();
      await t.db.insert(invitations).values({
        workspaceId: world.a.id,
        email: user.email,
        role: "coordinator",
        tokenHash: sha256(token),
        invitedBy: world.users.owner.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      return { path: `/invite/${token}`, params: { token }, form: {}, cookie: await sessionCookie(user.id) };
    },
  },
  {
    route: "workspaces.new",
    intent: null,
    expected: A("workspace.created"),
    prepare: async () => ({
      path: "/workspaces/new",
      params: {},
      form: { idempotencyKey: key(), name: "Gamma Works", slug: `gamma-${Math.random().toString(36).slice(2, 8)}` },
      cookie: await cookie("outsider"),
    }),
  },
];

describeAuditRows(() => t.db, CASES);
describeTableGuard([...CASES, ...CLIENT_TABLE, ...DECISION_LINK_TABLE, ...DIGEST_TABLE, ...REPORT_TABLE]);

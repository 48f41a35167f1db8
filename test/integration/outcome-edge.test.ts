import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notificationPrefs, notifications } from "@db/schema";
import { audit } from "~/modules/audit/audit.server";
import { CATEGORY_KEYS, MODE_KEYS } from "~/modules/notifications/schemas";
import { requireMember, systemContext } from "~/modules/workspaces/authz.server";
import { action } from "~/routes/w.$workspace.notifications";
import { useTestDatabase } from "../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";

/**
 * Decision 051's worked example (the notifications page) answers through the one route edge, and
 * the member door carries an actor that audit reads.
 */
const t = useTestDatabase();
let world: World;
beforeAll(async () => {
  world = await buildWorld(t.db);
});

async function post(userId: string, form: Record<string, string>) {
  const req = makeRequest(`/w/${world.a.slug}/notifications`, { form, cookie: await sessionCookie(userId) });
  return call(action, req, { workspace: world.a.slug });
}

async function notificationOf(userId: string) {
  const [n] = await t.db
    .insert(notifications)
    .values({ workspaceId: world.a.id, userId, category: "approvals", title: "Hi", body: "", url: "/" })
    .returning();
  return n;
}

describe("notifications through the route edge", () => {
  it("marks one's own notification read, and answers 404 in the one shape for anyone else's", async () => {
    const theirs = await notificationOf(world.users.owner.id);
    const refused = await post(world.users.coordinator.id, { intent: "read-one", id: theirs.id });
    expect(refused.status).toBe(404);
    expect(await jsonOf(refused)).toMatchObject({ ok: false, intent: "read-one", formError: "That notification does not exist." });
    const still = await t.db.query.notifications.findFirst({ where: eq(notifications.id, theirs.id) });
    expect(still?.readAt).toBeNull();

    const mine = await notificationOf(world.users.coordinator.id);
    const done = await post(world.users.coordinator.id, { intent: "read-one", id: mine.id });
    expect(done.status).toBe(200);
    expect(await jsonOf(done)).toMatchObject({ ok: true, intent: "read-one", formError: null });
    expect((await t.db.query.notifications.findFirst({ where: eq(notifications.id, mine.id) }))?.readAt).not.toBeNull();
  });

  it("answers missing preferences 400 with the field's message and what was chosen, and saves a full set", async () => {
    const [first, ...rest] = CATEGORY_KEYS;
    const partial = Object.fromEntries(rest.map((c) => [c, MODE_KEYS[1]]));
    const refused = await post(world.users.admin.id, { intent: "preferences", ...partial });
    expect(refused.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string[]>; formError: string; values: Record<string, string> }>(refused);
    expect(body.formError).toBe("Choose an email setting for every kind of notification.");
    expect(Object.keys(body.errors)).toEqual([first]);
    expect(body.values).toEqual(partial);
    expect(await t.db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, world.users.admin.id))).toEqual([]);

    const saved = await post(world.users.admin.id, { intent: "preferences", ...partial, [first]: MODE_KEYS[1] });
    expect(saved.status).toBe(200);
    expect(await jsonOf(saved)).toMatchObject({ ok: true, intent: "preferences" });
    const rows = await t.db.select().from(notificationPrefs).where(eq(notificationPrefs.userId, world.users.admin.id));
    expect(rows).toHaveLength(CATEGORY_KEYS.length);
  });
});

describe("actor in the context", () => {
  it("audit(tx, ctx) records the member's label, IP and user agent; a system context records the system", async () => {
    const req = makeRequest(`/w/${world.a.slug}`, { cookie: await sessionCookie(world.users.coordinator.id), ip: "198.51.100.4" });
    const ctx = await requireMember(req, world.a.slug);
    expect(ctx.actor).toMatchObject({ kind: "member", userId: world.users.coordinator.id, ip: "198.51.100.4", userAgent: "vitest" });
    await audit(t.db, ctx, { action: "probe.member", objectType: "workspace", objectId: world.a.id });
    await audit(t.db, systemContext(world.a, "probe"), { action: "probe.system", objectType: "workspace", objectId: world.a.id });
    const [member] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "probe.member")));
    expect(member).toMatchObject({ workspaceId: world.a.id, actorUserId: ctx.user.id, actorLabel: ctx.user.email, ip: "198.51.100.4" });
    const [system] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "probe.system"));
    expect(system).toMatchObject({ actorUserId: null, actorLabel: "system (probe)", ip: null });
  });
});

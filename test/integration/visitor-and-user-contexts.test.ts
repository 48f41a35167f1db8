import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, webhookEndpoints } from "@db/schema";
import * as login from "~/routes/login";
import * as newWorkspace from "~/routes/workspaces.new";
import * as webhooks from "~/routes/w.$workspace.webhooks";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { createUser } from "../../db/factories";
import { useTestDatabase } from "../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";

/**
 * Services that used to read the Request (decision 051): the route edge builds the context, the
 * audit trail still gets the IP and user agent, and the answers keep their status and message.
 */
const t = useTestDatabase();
let world: World;
beforeAll(async () => {
  world = await buildWorld(t.db);
});

const eventOf = async (action: string, objectId: string) =>
  (
    await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, objectId)))
  )[0];

describe("a visitor (before sign-in)", () => {
  it("signing in records the account as actor with the visitor's IP and user agent, in no workspace", async () => {
    const user = await createUser(t.db, { email: "visitor@example.test", password: "right passphrase" });
    const res = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.77", form: { email: "visitor@example.test", password: "right passphrase" } }),
    );
    expect(res.status).toBe(302);
    expect(await eventOf("auth.signed_in", user.id)).toMatchObject({
      workspaceId: null,
      actorUserId: user.id,
      actorLabel: "visitor@example.test",
      ip: "198.51.100.77",
      userAgent: "vitest",
    });
  });
});

describe("a signed-in user outside a workspace", () => {
  it("creating a workspace records the creator's IP; a taken address is 400 on the slug field", async () => {
    const form = (slug: string) => ({ name: "Gamma", slug, accentColor: "#4f46e5", welcomeText: "", idempotencyKey: newIdempotencyKey() });
    const post = async (slug: string) =>
      call(
        newWorkspace.action,
        makeRequest("/workspaces/new", { ip: "198.51.100.78", form: form(slug), cookie: await sessionCookie(world.users.owner.id) }),
      );
    const created = await post(`gamma-${Date.now().toString(36)}`);
    expect(created.status).toBe(302);
    const slug = created.headers.get("Location")!.replace("/w/", "");
    const ws = await t.db.query.workspaces.findFirst({ where: (w, { eq: e }) => e(w.slug, slug) });
    expect(await eventOf("workspace.created", ws!.id)).toMatchObject({
      workspaceId: ws!.id,
      actorUserId: world.users.owner.id,
      ip: "198.51.100.78",
    });

    const taken = await post(world.a.slug);
    expect(taken.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(taken)).errors.slug).toEqual(["That web address is taken. Try another."]);
  });
});

describe("disabling a webhook endpoint answers the outcome's kind", () => {
  it("an unknown endpoint is 404, a second disable 409, both in the one shape", async () => {
    const cookie = await sessionCookie(world.users.owner.id);
    const disable = (id: string) =>
      call(webhooks.action, makeRequest(`/w/${world.a.slug}/webhooks`, { cookie, form: { intent: "disable", id } }), {
        workspace: world.a.slug,
      });
    const [endpoint] = await t.db
      .insert(webhookEndpoints)
      .values({ workspaceId: world.a.id, url: "https://hooks.example.test/x", eventTypes: ["draft.submitted"], secret: "whsec_x" })
      .returning();

    const unknown = await disable(world.b.id);
    expect(unknown.status).toBe(404);
    expect(await jsonOf(unknown)).toMatchObject({ ok: false, intent: "disable", formError: "That endpoint does not exist." });

    expect((await disable(endpoint.id)).status).toBe(200);
    const again = await disable(endpoint.id);
    expect(again.status).toBe(409);
    expect(await jsonOf(again)).toMatchObject({ ok: false, intent: "disable", formError: "That endpoint is already disabled." });
  });
});

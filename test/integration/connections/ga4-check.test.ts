import { eq } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, platformConnections } from "@db/schema";
import { checkAccess } from "~/modules/connections/check.server";
import { openCredential } from "~/modules/connections/credentials.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import {
  AGENCY_EMAIL,
  SECRETS,
  clearConnections,
  expiredGoogle,
  fakeSleeper,
  freshGoogle,
  googleError,
  googleTokenHandler,
  notificationsOf,
  scripted,
  storeConnection,
  type Scripted,
} from "./fixtures";
import { ga4AccountSummary } from "./shapes";

/**
 * The check entry point (issue 19) through the real GA4 driver, with Google's token endpoint and
 * Analytics Admin API intercepted by MSW in their documented shapes: found (with the role from the
 * access bindings), not found, weaker role, presence only, an expired access token refreshed and
 * resealed, a revoked refresh token (reconnect needed, admins told once), rate limits (retried with
 * backoff, honouring Retry-After; exhausted), the API down, an unexpected shape, no connection.
 */
const t = useTestDatabase();
let world: World;

const SUMMARIES = "https://analyticsadmin.googleapis.com/v1beta/accountSummaries";
const PROPERTY_BINDINGS = "https://analyticsadmin.googleapis.com/v1alpha/properties/:id/accessBindings";
const ACCOUNT_BINDINGS = "https://analyticsadmin.googleapis.com/v1alpha/accounts/:id/accessBindings";

const token = { revoked: false, seen: [] as URLSearchParams[] };
const seenAuth: string[] = [];
const server = setupServer(googleTokenHandler(token));

const summary = ga4AccountSummary;

/** accountSummaries over two pages: property 222 on the second. */
function twoPages() {
  return http.get(SUMMARIES, ({ request }) => {
    seenAuth.push(request.headers.get("authorization") ?? "");
    const url = new URL(request.url);
    if (url.searchParams.get("pageToken") === "page-2") return HttpResponse.json({ accountSummaries: [summary("20", ["222"])] });
    return HttpResponse.json({ accountSummaries: [summary("10", ["111"])], nextPageToken: "page-2" });
  });
}

function bindings(roles: string[] | null, user = AGENCY_EMAIL) {
  return http.get(PROPERTY_BINDINGS, () =>
    roles === null
      ? HttpResponse.json(googleError(403, "PERMISSION_DENIED", "The caller does not have permission"), { status: 403 })
      : HttpResponse.json({ accessBindings: [{ name: "properties/222/accessBindings/b1", user, roles }] }),
  );
}

const request = (assetId = "222", role = "Analyst") => ({ platform: "ga4" as const, assetId, role });

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  world = await buildWorld(t.db);
});
afterAll(() => server.close());
beforeEach(async () => {
  token.revoked = false;
  token.seen = [];
  seenAuth.length = 0;
  await clearConnections(t.db);
});
afterEach(() => server.resetHandlers());

describe("GA4 through checkAccess", () => {
  it("finds the property on the second page, with the role from its access bindings, and notes the use", async () => {
    const connection = await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(twoPages(), bindings(["predefinedRoles/editor", "predefinedRoles/no-cost-data"]));
    const now = new Date();
    const answer = await checkAccess(world.a.id, request(), { now });
    expect(answer).toMatchObject({ connectionId: connection.id, result: { outcome: "found", confirms: "role", observedRole: "Editor" } });
    expect(seenAuth).toEqual([`Bearer ${SECRETS.freshAccess}`, `Bearer ${SECRETS.freshAccess}`]);
    expect(token.seen).toHaveLength(0);
    const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
    expect(row.lastUsedAt?.getTime()).toBe(now.getTime());
  });

  it("answers not_found when no page lists the property", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(twoPages());
    const answer = await checkAccess(world.a.id, request("999"));
    expect(answer).toMatchObject({ result: { outcome: "not_found", evidence: { property: "properties/999", pagesRead: 2 } } });
  });

  it("answers weaker_role when the agency's binding is below the role asked for", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(twoPages(), bindings(["predefinedRoles/viewer"]));
    const answer = await checkAccess(world.a.id, request("222", "Analyst"));
    expect(answer).toMatchObject({ result: { outcome: "weaker_role", confirms: "role", observedRole: "Viewer" } });
    if ("result" in answer) expect(answer.result.reason).toContain("Analyst");
  });

  it("reads the account's bindings when the property has none for the agency", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(
      twoPages(),
      bindings(["predefinedRoles/admin"], "someone-else@client.example"),
      http.get(ACCOUNT_BINDINGS, ({ params }) =>
        HttpResponse.json({
          accessBindings: [
            { name: `accounts/${String(params.id)}/accessBindings/a1`, user: AGENCY_EMAIL, roles: ["predefinedRoles/admin"] },
          ],
        }),
      ),
    );
    const answer = await checkAccess(world.a.id, request("222", "Editor"));
    expect(answer).toMatchObject({ result: { outcome: "found", confirms: "role", observedRole: "Administrator" } });
  });

  it("confirms presence only when Google will not list the access bindings", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(twoPages(), bindings(null));
    const answer = await checkAccess(world.a.id, request());
    expect(answer).toMatchObject({ result: { outcome: "found", confirms: "presence" } });
  });

  it("refreshes an expired access token, uses the new one and reseals it", async () => {
    const connection = await storeConnection(t.db, world.a.id, expiredGoogle());
    server.use(twoPages(), bindings(["predefinedRoles/analyst"]));
    const answer = await checkAccess(world.a.id, request());
    expect(answer).toMatchObject({ result: { outcome: "found" } });
    expect(token.seen).toHaveLength(1);
    expect(token.seen[0].get("grant_type")).toBe("refresh_token");
    expect(token.seen[0].get("refresh_token")).toBe(SECRETS.refreshToken);
    expect(seenAuth.every((a) => a === `Bearer ${SECRETS.freshAccess}`)).toBe(true);
    const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
    expect(row.sealedCredential).not.toContain(SECRETS.freshAccess);
    expect(openCredential(row.sealedCredential, "google")).toMatchObject({
      accessToken: SECRETS.freshAccess,
      refreshToken: SECRETS.refreshToken,
    });
  });

  it("refreshes once when Google refuses an access token before its expiry", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    let first = true;
    server.use(
      http.get(SUMMARIES, () => {
        if (first) {
          first = false;
          return HttpResponse.json(googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."), { status: 401 });
        }
        return HttpResponse.json({ accountSummaries: [summary("20", ["222"])] });
      }),
      bindings(["predefinedRoles/analyst"]),
    );
    const answer = await checkAccess(world.a.id, request());
    expect(answer).toMatchObject({ result: { outcome: "found" } });
    expect(token.seen).toHaveLength(1);
  });

  it("a revoked refresh token marks the connection reconnect needed and tells the admins once", async () => {
    const connection = await storeConnection(t.db, world.a.id, expiredGoogle());
    token.revoked = true;
    server.use(http.get(SUMMARIES, () => HttpResponse.json({}, { status: 500 })));
    const first = await checkAccess(world.a.id, request());
    expect(first).toMatchObject({ connectionId: connection.id, result: { outcome: "unavailable" } });
    const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
    expect(row.status).toBe("reconnect_needed");
    expect(row.lastError).toContain("invalid_grant");
    expect(row.reconnectAlertedAt).not.toBeNull();
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, connection.id));
    expect(events.map((e) => e.action)).toEqual(["connection.credential_refused"]);

    // A second check asks nobody and tells nobody again.
    const second = await checkAccess(world.a.id, request());
    expect(second).toMatchObject({ result: { outcome: "unavailable" } });
    expect(token.seen).toHaveLength(1);
    for (const user of [world.users.owner, world.users.admin]) {
      const told = await notificationsOf(t.db, user.id);
      expect(told).toHaveLength(1);
      expect(told[0].title).toContain("Reconnect Google");
      expect(told[0].url).toBe(`/w/${world.a.slug}/settings/connections`);
    }
    expect(await notificationsOf(t.db, world.users.coordinator.id)).toHaveLength(0);
  });

  it("two checks refused at once tell the admins once", async () => {
    await storeConnection(t.db, world.a.id, expiredGoogle());
    token.revoked = true;
    await Promise.all([checkAccess(world.a.id, request()), checkAccess(world.a.id, request())]);
    expect(await notificationsOf(t.db, world.users.owner.id)).toHaveLength(1);
  });

  it("retries a rate limit with backoff, honouring Retry-After, then succeeds", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    const answers: Scripted[] = [
      { status: 429, body: googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), headers: { "retry-after": "2" } },
      { status: 429, body: googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded") },
      { status: 200, body: { accountSummaries: [summary("20", ["222"])] } },
    ];
    server.use(http.get(SUMMARIES, scripted(answers)), bindings(["predefinedRoles/analyst"]));
    const sleeper = fakeSleeper();
    const answer = await checkAccess(world.a.id, request(), { sleep: sleeper.sleep });
    expect(answer).toMatchObject({ result: { outcome: "found" } });
    expect(sleeper.waits).toEqual([2000, 1000]);
  });

  it("answers unavailable once the retries are spent, and never refreshes or marks anything", async () => {
    const connection = await storeConnection(t.db, world.a.id, freshGoogle());
    let calls = 0;
    server.use(
      http.get(SUMMARIES, () => {
        calls += 1;
        return HttpResponse.json(googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), { status: 429 });
      }),
    );
    const sleeper = fakeSleeper();
    const answer = await checkAccess(world.a.id, request(), { sleep: sleeper.sleep });
    expect(answer).toMatchObject({ result: { outcome: "unavailable" } });
    expect(calls).toBe(3);
    expect(sleeper.waits).toEqual([500, 1000]);
    const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
    expect(row.status).toBe("connected");
  });

  it("does not wait out a Retry-After beyond the bound", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(http.get(SUMMARIES, () => HttpResponse.json({}, { status: 429, headers: { "retry-after": "3600" } })));
    const sleeper = fakeSleeper();
    const answer = await checkAccess(world.a.id, request(), { sleep: sleeper.sleep });
    expect(answer).toMatchObject({ result: { outcome: "unavailable" } });
    expect(sleeper.waits).toEqual([]);
  });

  it("answers unavailable when the API is down or unreachable", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(
      http.get(SUMMARIES, () => HttpResponse.json(googleError(503, "UNAVAILABLE", "The service is unavailable."), { status: 503 })),
    );
    expect(await checkAccess(world.a.id, request(), { sleep: fakeSleeper().sleep })).toMatchObject({ result: { outcome: "unavailable" } });
    server.use(http.get(SUMMARIES, () => HttpResponse.error()));
    expect(await checkAccess(world.a.id, request(), { sleep: fakeSleeper().sleep })).toMatchObject({ result: { outcome: "unavailable" } });
  });

  it("answers unknown to a shape it does not understand", async () => {
    await storeConnection(t.db, world.a.id, freshGoogle());
    server.use(http.get(SUMMARIES, () => HttpResponse.json({ accountSummaries: "not a list" })));
    expect(await checkAccess(world.a.id, request())).toMatchObject({ result: { outcome: "unknown" } });
  });

  it("without a connection, or for a platform without a driver, nothing is checked", async () => {
    expect(await checkAccess(world.a.id, request())).toEqual({ noConnection: true });
    await storeConnection(t.db, world.a.id, freshGoogle());
    expect(await checkAccess(world.a.id, { platform: "tiktok_ads", assetId: "1234567890", role: "Analyst" })).toEqual({
      noConnection: true,
    });
    // Another workspace's connection is not this one's.
    expect(await checkAccess(world.b.id, request())).toEqual({ noConnection: true });
  });

  // console.error is watched by test/support/setup.ts: any call fails the test.
  it("no secret reaches a log during a check, even a refused one", async () => {
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" "))),
    );
    try {
      await storeConnection(t.db, world.a.id, expiredGoogle());
      server.use(twoPages(), bindings(["predefinedRoles/analyst"]));
      await checkAccess(world.a.id, request());
      await clearConnections(t.db);
      await storeConnection(t.db, world.a.id, expiredGoogle());
      token.revoked = true;
      await checkAccess(world.a.id, request());
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const text = lines.join("\n");
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });
});

import { eq } from "drizzle-orm";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, oauthStates, platformConnections } from "@db/schema";
import * as callback from "~/routes/connections.google.callback";
import * as page from "~/routes/w.$workspace.settings_.connections";
import { openCredential } from "~/modules/connections/credentials.server";
import { pkceChallenge } from "~/modules/connections/manage.server";
import { setEnvForTests } from "~/utils/env.server";
import { TEST_APP_URL, useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { SECRETS, clearConnections } from "./fixtures";
import { idToken } from "./shapes";

/**
 * Connecting (issue 19) through the real routes: Google's OAuth 2.0 code flow with PKCE (the state
 * bound to the admin, used once, 10 minutes; the verifier sent with the code), Meta's token tried
 * on the Graph API before it is kept, disconnecting erases the credential, and the page never
 * shows a credential.
 */
const ENV = { APP_URL: TEST_APP_URL, GOOGLE_CLIENT_ID: "client-123.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "client-secret-xyz" };
const t = useTestDatabase(ENV);
let world: World;
const exchanges: URLSearchParams[] = [];
const revoked: string[] = [];

const server = setupServer(
  http.post("https://oauth2.googleapis.com/token", async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    exchanges.push(form);
    if (form.get("code") === "bad-code")
      return HttpResponse.json({ error: "invalid_grant", error_description: "Bad Request" }, { status: 400 });
    return HttpResponse.json({
      access_token: SECRETS.freshAccess,
      expires_in: 3599,
      refresh_token: SECRETS.refreshToken,
      scope: "openid https://www.googleapis.com/auth/analytics.readonly https://www.googleapis.com/auth/userinfo.email",
      token_type: "Bearer",
      id_token: idToken("ops@agency.example"),
    });
  }),
  http.post("https://oauth2.googleapis.com/revoke", async ({ request }) => {
    revoked.push(new URLSearchParams(await request.text()).get("token") ?? "");
    return new HttpResponse(null, { status: 200 });
  }),
  http.get("https://graph.facebook.com/v25.0/:business", ({ request, params }) => {
    const auth = request.headers.get("authorization");
    if (auth !== `Bearer ${SECRETS.metaToken}`) {
      return HttpResponse.json(
        { error: { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190 } },
        { status: 400 },
      );
    }
    if (params.business !== "1111222233334444") {
      return HttpResponse.json(
        { error: { message: "Unsupported get request.", type: "GraphMethodException", code: 100, error_subcode: 33 } },
        { status: 400 },
      );
    }
    return HttpResponse.json({ id: "1111222233334444", name: "Agency Portfolio" });
  }),
);

async function cookieOf(who: keyof World["users"]) {
  return sessionCookie(world.users[who].id);
}

/** Starts a Google connection as `who`; answers the consent page's address. */
async function start(who: keyof World["users"] = "admin") {
  const res = await call(
    page.action,
    makeRequest(`/w/${world.a.slug}/settings/connections`, { form: { intent: "connect-google" }, cookie: await cookieOf(who) }),
    {
      workspace: world.a.slug,
    },
  );
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

async function back(query: Record<string, string>, who: keyof World["users"] = "admin") {
  const qs = new URLSearchParams(query).toString();
  return call(callback.loader, makeRequest(`/connections/google/callback?${qs}`, { cookie: await cookieOf(who) }));
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  world = await buildWorld(t.db);
});
afterAll(() => server.close());
beforeEach(async () => {
  setEnvForTests(ENV);
  exchanges.length = 0;
  revoked.length = 0;
  await clearConnections(t.db);
  await t.db.delete(oauthStates);
});
afterEach(() => server.resetHandlers());

describe("Google OAuth with PKCE", () => {
  it("asks for offline access with consent, S256 and read-only scopes where Google has them; the callback stores a sealed refresh token", async () => {
    const consent = await start();
    expect(consent.origin + consent.pathname).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    const q = consent.searchParams;
    expect(q.get("access_type")).toBe("offline");
    expect(q.get("prompt")).toBe("consent");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("redirect_uri")).toBe(`${TEST_APP_URL}/connections/google/callback`);
    expect(q.get("scope")).toContain("https://www.googleapis.com/auth/analytics.readonly");
    expect(q.get("scope")).not.toMatch(/analytics\.edit|tagmanager\.edit|webmasters(?!\.readonly)/);
    const state = q.get("state")!;
    const [stored] = await t.db.select().from(oauthStates);
    expect(stored.stateHash).not.toBe(state);
    expect(stored.sealedVerifier).not.toContain(q.get("code_challenge")!);

    const res = await back({ state, code: "good-code" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/w/${world.a.slug}/settings/connections?connected=google`);
    // The verifier sent with the code is the one whose S256 challenge went to the consent page.
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].get("grant_type")).toBe("authorization_code");
    expect(pkceChallenge(exchanges[0].get("code_verifier")!)).toBe(q.get("code_challenge"));
    expect(exchanges[0].get("redirect_uri")).toBe(`${TEST_APP_URL}/connections/google/callback`);

    const [row] = await t.db.select().from(platformConnections);
    expect(row).toMatchObject({ provider: "google", status: "connected", accountLabel: "ops@agency.example" });
    expect(row.sealedCredential).not.toContain(SECRETS.refreshToken);
    expect(openCredential(row.sealedCredential, "google")).toMatchObject({ refreshToken: SECRETS.refreshToken });
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, world.a.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["connection.oauth_started", "connection.connect"]));
  });

  it("a state used once cannot be used again", async () => {
    const state = (await start()).searchParams.get("state")!;
    expect((await back({ state, code: "good-code" })).status).toBe(302);
    const again = await back({ state, code: "good-code" });
    expect(again.status).toBe(410);
    expect(exchanges).toHaveLength(1);
  });

  it("an unknown or tampered state connects nothing", async () => {
    const state = (await start()).searchParams.get("state")!;
    const res = await back({ state: `${state}x`, code: "good-code" });
    expect(res.status).toBe(404);
    expect((await back({ code: "good-code" })).status).toBe(400);
    expect(exchanges).toHaveLength(0);
    expect(await t.db.select().from(platformConnections)).toHaveLength(0);
  });

  it("expires after 10 minutes", async () => {
    const state = (await start()).searchParams.get("state")!;
    await t.db.update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await back({ state, code: "good-code" })).status).toBe(410);
    expect(exchanges).toHaveLength(0);
  });

  it("another user cannot finish an admin's attempt, and does not spend it", async () => {
    const state = (await start("admin")).searchParams.get("state")!;
    expect((await back({ state, code: "good-code" }, "owner")).status).toBe(404);
    expect((await back({ state, code: "good-code" }, "outsider")).status).toBe(404);
    expect(exchanges).toHaveLength(0);
    expect((await back({ state, code: "good-code" }, "admin")).status).toBe(302);
  });

  it("a member who lost the admin role meanwhile cannot finish it", async () => {
    const state = (await start("admin")).searchParams.get("state")!;
    const { memberships } = await import("@db/schema");
    await t.db.update(memberships).set({ role: "coordinator" }).where(eq(memberships.userId, world.users.admin.id));
    try {
      expect((await back({ state, code: "good-code" })).status).toBe(404);
    } finally {
      await t.db.update(memberships).set({ role: "admin" }).where(eq(memberships.userId, world.users.admin.id));
    }
    expect(await t.db.select().from(platformConnections)).toHaveLength(0);
  });

  it("a cancelled consent or a refused code connects nothing and says why", async () => {
    let state = (await start()).searchParams.get("state")!;
    let res = await back({ state, error: "access_denied" });
    expect(new URL(res.headers.get("location") ?? "", TEST_APP_URL).searchParams.get("problem")).toContain("consent was cancelled");
    state = (await start()).searchParams.get("state")!;
    res = await back({ state, code: "bad-code" });
    expect(res.headers.get("location")).toContain("problem=");
    expect(await t.db.select().from(platformConnections)).toHaveLength(0);
  });

  it("without GOOGLE_CLIENT_ID the page says Google is not configured and nothing starts", async () => {
    setEnvForTests({ APP_URL: TEST_APP_URL });
    const res = await call(page.loader, makeRequest(`/w/${world.a.slug}/settings/connections`, { cookie: await cookieOf("admin") }), {
      workspace: world.a.slug,
    });
    expect((await jsonOf(res)).googleConfigured).toBe(false);
    const started = await call(
      page.action,
      makeRequest(`/w/${world.a.slug}/settings/connections`, { form: { intent: "connect-google" }, cookie: await cookieOf("admin") }),
      { workspace: world.a.slug },
    );
    expect(started.status).toBe(400);
    expect((await jsonOf(started)).formError).toContain("not configured");
  });
});

describe("Meta system-user token", () => {
  const post = async (form: Record<string, string>) =>
    call(page.action, makeRequest(`/w/${world.a.slug}/settings/connections`, { form, cookie: await cookieOf("admin") }), {
      workspace: world.a.slug,
    });

  it("a refused token is said next to the token field and nothing is stored", async () => {
    const res = await post({ intent: "connect-meta", businessId: "1111222233334444", token: "EAAG-not-the-right-token-0000" });
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string[]>; values: Record<string, string> }>(res);
    expect(body.errors.token?.[0]).toContain("Meta refused this token");
    expect(JSON.stringify(body)).not.toContain("EAAG-not-the-right-token");
    expect(await t.db.select().from(platformConnections)).toHaveLength(0);
  });

  it("a portfolio the token cannot read is said next to the ID", async () => {
    const res = await post({ intent: "connect-meta", businessId: "999999", token: SECRETS.metaToken });
    expect(res.status).toBe(400);
    expect((await jsonOf<{ errors: Record<string, string[]> }>(res)).errors.businessId?.[0]).toContain(
      "cannot read that business portfolio",
    );
  });

  it("a good token is kept sealed, labelled with the portfolio's name; disconnect erases it", async () => {
    const res = await post({ intent: "connect-meta", businessId: "1111222233334444", token: SECRETS.metaToken });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await jsonOf(res))).not.toContain(SECRETS.metaToken);
    let [row] = await t.db.select().from(platformConnections);
    expect(row).toMatchObject({
      provider: "meta",
      status: "connected",
      accountLabel: "Agency Portfolio",
      settings: { businessId: "1111222233334444" },
    });
    expect(row.sealedCredential).not.toContain(SECRETS.metaToken);

    const loaded = await call(page.loader, makeRequest(`/w/${world.a.slug}/settings/connections`, { cookie: await cookieOf("admin") }), {
      workspace: world.a.slug,
    });
    const text = await loaded.text();
    expect(text).toContain("Agency Portfolio");
    expect(text).not.toContain(SECRETS.metaToken);
    expect(text).not.toContain(row.sealedCredential!);

    // A stale page (older row_version) disconnects nothing.
    const stale = await post({ intent: "disconnect", provider: "meta", rowVersion: String(row.rowVersion + 1) });
    expect(stale.status).toBe(409);
    const done = await post({ intent: "disconnect", provider: "meta", rowVersion: String(row.rowVersion) });
    expect(done.status).toBe(200);
    [row] = await t.db.select().from(platformConnections);
    expect(row).toMatchObject({ status: "disconnected", sealedCredential: null, disconnectedBy: world.users.admin.id });
    expect((await post({ intent: "disconnect", provider: "meta", rowVersion: String(row.rowVersion) })).status).toBe(409);
  });

  it("disconnecting Google erases the credential and revokes the refresh token at Google", async () => {
    const state = (await start()).searchParams.get("state")!;
    await back({ state, code: "good-code" });
    const [row] = await t.db.select().from(platformConnections);
    const res = await post({ intent: "disconnect", provider: "google", rowVersion: String(row.rowVersion) });
    expect(res.status).toBe(200);
    const [after] = await t.db.select().from(platformConnections);
    expect(after.sealedCredential).toBeNull();
    expect(revoked).toEqual([SECRETS.refreshToken]);
  });
});

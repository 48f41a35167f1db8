import { eq } from "drizzle-orm";
import { http, HttpResponse, type HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { platformConnections, workspaces } from "@db/schema";
import { checkAccess } from "~/modules/connections/check.server";
import type { CheckRequest } from "~/modules/connections/driver";
import { openCredential } from "~/modules/connections/credentials.server";
import { setEnvForTests } from "~/utils/env.server";
import { TEST_APP_URL, useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import {
  SECRETS,
  clearConnections,
  expiredGoogle,
  fakeSleeper,
  freshGoogle,
  googleError,
  googleTokenHandler,
  notificationsOf,
  storeConnection,
} from "./fixtures";

/**
 * Every driver but GA4 (ga4-check.test.ts) through checkAccess, with the provider's HTTP
 * intercepted by MSW in the shapes its public reference documents: found, not found, weaker role
 * (where the API reports one), an expired access token refreshed (Google), a refused credential
 * (reconnect needed, admins told once), a rate limit retried with backoff then success, retries
 * exhausted, and the API down.
 */
const t = useTestDatabase({
  GOOGLE_CLIENT_ID: "client-id",
  GOOGLE_CLIENT_SECRET: "client-secret",
  GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token",
});
let world: World;
const token = { revoked: false, seen: [] as URLSearchParams[] };
const server = setupServer(googleTokenHandler(token));
const seen: { url: string; headers: Headers; body: unknown }[] = [];

const GTM = "https://tagmanager.googleapis.com/tagmanager/v2";
const SITES = "https://searchconsole.googleapis.com/webmasters/v3/sites";
const ADS = "https://googleads.googleapis.com/v22/customers/1234567890/googleAds:search";
const GBP_ACCOUNTS = "https://mybusinessaccountmanagement.googleapis.com/v1/accounts";
const GBP_LOCATIONS = "https://mybusinessbusinessinformation.googleapis.com/v1/accounts/:account/locations";
const GRAPH = "https://graph.facebook.com/v25.0/1111222233334444";

async function record(request: Request) {
  const body = request.method === "POST" ? ((await request.clone().json()) as unknown) : null;
  seen.push({ url: request.url, headers: request.headers, body });
}

interface Case {
  name: string;
  request: CheckRequest;
  provider: "google" | "meta";
  /** The first request every check makes: where rate limits and outages are simulated. */
  first: { method: "get" | "post"; url: string };
  found: HttpHandler[];
  notFound: HttpHandler[];
  weaker?: HttpHandler[];
  confirmsOnFound: "presence" | "role";
}

const gtmAccounts = http.get(`${GTM}/accounts`, async ({ request }) => {
  await record(request);
  const page = new URL(request.url).searchParams.get("pageToken");
  return page === "p2"
    ? HttpResponse.json({ account: [{ path: "accounts/2", accountId: "2", name: "Client" }] })
    : HttpResponse.json({ account: [{ path: "accounts/1", accountId: "1", name: "Agency" }], nextPageToken: "p2" });
});
const gtmContainers = (publicId: string) =>
  http.get(`${GTM}/accounts/:account/containers`, async ({ request, params }) => {
    await record(request);
    const account = String(params.account);
    return HttpResponse.json({
      container: [
        {
          path: `accounts/${account}/containers/9${account}`,
          accountId: account,
          containerId: `9${account}`,
          name: "Site",
          publicId: account === "2" ? publicId : "GTM-OTHER1",
          usageContext: ["web"],
        },
      ],
    });
  });

const sites = (entries: { siteUrl: string; permissionLevel: string }[]) =>
  http.get(SITES, async ({ request }) => {
    await record(request);
    return HttpResponse.json({ siteEntry: entries });
  });

const adsLinks = (statuses: string[]) =>
  http.post(ADS, async ({ request }) => {
    await record(request);
    return HttpResponse.json({
      results: statuses.map((status, i) => ({
        customerClientLink: {
          resourceName: `customers/1234567890/customerClientLinks/9876543210~${i + 1}`,
          clientCustomer: "customers/9876543210",
          status,
          managerLinkId: String(i + 1),
        },
      })),
      fieldMask: "customerClientLink.clientCustomer,customerClientLink.status,customerClientLink.managerLinkId",
    });
  });

const gbpAccounts = http.get(GBP_ACCOUNTS, async ({ request }) => {
  await record(request);
  return HttpResponse.json({
    accounts: [
      { name: "accounts/100", accountName: "Agency", type: "PERSONAL", role: "PRIMARY_OWNER" },
      { name: "accounts/200", accountName: "Client group", type: "LOCATION_GROUP", role: "MANAGER" },
    ],
  });
});
const gbpLocations = (id: string) =>
  http.get(GBP_LOCATIONS, async ({ request, params }) => {
    await record(request);
    const first = new URL(request.url).searchParams.get("pageToken") === null;
    if (String(params.account) === "200" && first)
      return HttpResponse.json({ locations: [{ name: "locations/1", title: "Other" }], nextPageToken: "n" });
    if (String(params.account) === "200") return HttpResponse.json({ locations: [{ name: `locations/${id}`, title: "Lumen Store" }] });
    return HttpResponse.json({ locations: [] });
  });

/** A Graph edge over two pages (cursor paging); the asset on the second page. */
const graphEdge = (edge: string, node: Record<string, unknown> | null) =>
  http.get(`${GRAPH}/${edge}`, async ({ request }) => {
    await record(request);
    const after = new URL(request.url).searchParams.get("after");
    if (!after) {
      return HttpResponse.json({
        data: [{ id: "5550001", name: "Someone else", permitted_tasks: ["MANAGE"] }],
        paging: { cursors: { before: "b1", after: "a1" }, next: `${GRAPH}/${edge}?access_token=should-not-be-followed&after=a1` },
      });
    }
    return HttpResponse.json({ data: node ? [node] : [], paging: { cursors: { before: "b2", after: "a2" } } });
  });

const cases: Case[] = [
  {
    name: "Tag Manager",
    provider: "google",
    request: { platform: "google_tag_manager", assetId: "GTM-ABC123", role: "Publish" },
    first: { method: "get", url: `${GTM}/accounts` },
    found: [gtmAccounts, gtmContainers("GTM-ABC123")],
    notFound: [gtmAccounts, gtmContainers("GTM-ZZZ999")],
    confirmsOnFound: "presence",
  },
  {
    name: "Search Console",
    provider: "google",
    request: { platform: "search_console", assetId: "sc-domain:lumen.example", role: "Full user" },
    first: { method: "get", url: SITES },
    found: [
      sites([
        { siteUrl: "https://other.example/", permissionLevel: "siteOwner" },
        { siteUrl: "sc-domain:lumen.example", permissionLevel: "siteOwner" },
      ]),
    ],
    notFound: [sites([{ siteUrl: "sc-domain:lumen.example", permissionLevel: "siteUnverifiedUser" }])],
    weaker: [sites([{ siteUrl: "sc-domain:lumen.example", permissionLevel: "siteRestrictedUser" }])],
    confirmsOnFound: "role",
  },
  {
    name: "Google Ads",
    provider: "google",
    request: { platform: "google_ads", assetId: "9876543210", role: "Standard" },
    first: { method: "post", url: ADS },
    found: [adsLinks(["CANCELED", "ACTIVE"])],
    notFound: [adsLinks(["PENDING"])],
    confirmsOnFound: "presence",
  },
  {
    name: "Business Profile",
    provider: "google",
    request: { platform: "business_profile", assetId: "12345678901234567890", role: "Manager" },
    first: { method: "get", url: GBP_ACCOUNTS },
    found: [gbpAccounts, gbpLocations("12345678901234567890")],
    notFound: [gbpAccounts, gbpLocations("99999999999999999999")],
    confirmsOnFound: "presence",
  },
  {
    name: "Meta ad account",
    provider: "meta",
    request: { platform: "meta_ad_account", assetId: "123456789012345", role: "Manage campaigns" },
    first: { method: "get", url: `${GRAPH}/client_ad_accounts` },
    found: [
      graphEdge("client_ad_accounts", {
        id: "act_123456789012345",
        account_id: "123456789012345",
        name: "Lumen",
        permitted_tasks: ["ADVERTISE", "ANALYZE"],
      }),
    ],
    notFound: [graphEdge("client_ad_accounts", null)],
    weaker: [graphEdge("client_ad_accounts", { id: "act_123456789012345", account_id: "123456789012345", permitted_tasks: ["ANALYZE"] })],
    confirmsOnFound: "role",
  },
  {
    name: "Meta Page",
    provider: "meta",
    request: { platform: "meta_page", assetId: "200300400500", role: "Content, Insights" },
    first: { method: "get", url: `${GRAPH}/client_pages` },
    found: [graphEdge("client_pages", { id: "200300400500", name: "Lumen", permitted_tasks: ["CREATE_CONTENT", "MODERATE", "ANALYZE"] })],
    notFound: [graphEdge("client_pages", null)],
    weaker: [graphEdge("client_pages", { id: "200300400500", permitted_tasks: ["ANALYZE"] })],
    confirmsOnFound: "role",
  },
  {
    name: "Meta pixel",
    provider: "meta",
    request: { platform: "meta_pixel", assetId: "777888999000111", role: "Full control" },
    first: { method: "get", url: `${GRAPH}/client_pixels` },
    found: [graphEdge("client_pixels", null), graphEdge("owned_pixels", { id: "777888999000111", permitted_tasks: ["EDIT", "ANALYZE"] })],
    notFound: [graphEdge("client_pixels", null), graphEdge("owned_pixels", null)],
    weaker: [graphEdge("client_pixels", { id: "777888999000111", permitted_tasks: ["ANALYZE"] })],
    confirmsOnFound: "role",
  },
];

function connect(provider: "google" | "meta", expired = false) {
  if (provider === "meta") return storeConnection(t.db, world.a.id, { provider: "meta", accessToken: SECRETS.metaToken });
  return storeConnection(t.db, world.a.id, expired ? expiredGoogle() : freshGoogle());
}

const rateLimited = (provider: "google" | "meta") =>
  provider === "google"
    ? HttpResponse.json(googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded"), { status: 429 })
    : // Graph throttling: HTTP 400 with error code 4 (application request limit reached).
      HttpResponse.json(
        { error: { message: "(#4) Application request limit reached", type: "OAuthException", code: 4, fbtrace_id: "x" } },
        { status: 400 },
      );

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  world = await buildWorld(t.db);
  await t.db
    .update(workspaces)
    .set({ accessIdentities: { googleAdsManagerId: "123-456-7890" } })
    .where(eq(workspaces.id, world.a.id));
});
afterAll(() => server.close());
beforeEach(async () => {
  token.revoked = false;
  token.seen = [];
  seen.length = 0;
  await clearConnections(t.db);
});
afterEach(() => server.resetHandlers());

describe.each(cases)("$name driver", (c) => {
  it("found", async () => {
    await connect(c.provider);
    server.use(...c.found);
    const answer = await checkAccess(world.a.id, c.request);
    expect(answer).toMatchObject({ result: { outcome: "found", confirms: c.confirmsOnFound } });
    const auth = c.provider === "google" ? `Bearer ${SECRETS.freshAccess}` : `Bearer ${SECRETS.metaToken}`;
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.headers.get("authorization")).toBe(auth);
      // The token travels in a header only, never in an address (and a Graph `paging.next` is never followed).
      expect(s.url).not.toContain("access_token");
    }
  });

  it("not found", async () => {
    await connect(c.provider);
    server.use(...c.notFound);
    expect(await checkAccess(world.a.id, c.request)).toMatchObject({ result: { outcome: "not_found" } });
  });

  if (c.weaker) {
    it("weaker role", async () => {
      await connect(c.provider);
      server.use(...c.weaker!);
      const answer = await checkAccess(world.a.id, c.request);
      expect(answer).toMatchObject({ result: { outcome: "weaker_role", confirms: "role" } });
    });
  }

  if (c.provider === "google") {
    it("an expired access token is refreshed, used and resealed", async () => {
      const connection = await connect("google", true);
      server.use(...c.found);
      expect(await checkAccess(world.a.id, c.request)).toMatchObject({ result: { outcome: "found" } });
      expect(token.seen.map((f) => [f.get("grant_type"), f.get("client_id"), f.get("client_secret")])).toEqual([
        ["refresh_token", "client-id", "client-secret"],
      ]);
      expect(seen.every((s) => s.headers.get("authorization") === `Bearer ${SECRETS.freshAccess}`)).toBe(true);
      const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
      expect(openCredential(row.sealedCredential, "google")).toMatchObject({ accessToken: SECRETS.freshAccess });
    });
  }

  it(
    c.provider === "google"
      ? "a revoked refresh token: reconnect needed, admins told once"
      : "a refused token (190): reconnect needed, admins told once",
    async () => {
      const connection = await connect(c.provider, true);
      if (c.provider === "google") token.revoked = true;
      else {
        server.use(
          http[c.first.method](c.first.url, () =>
            HttpResponse.json(
              {
                error: {
                  message: "Error validating access token: The session has been invalidated.",
                  type: "OAuthException",
                  code: 190,
                  error_subcode: 460,
                },
              },
              { status: 400 },
            ),
          ),
        );
      }
      expect(await checkAccess(world.a.id, c.request)).toMatchObject({ result: { outcome: "unavailable" } });
      expect(await checkAccess(world.a.id, c.request)).toMatchObject({ result: { outcome: "unavailable" } });
      const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
      expect(row.status).toBe("reconnect_needed");
      expect(await notificationsOf(t.db, world.users.admin.id)).toHaveLength(1);
      expect(await notificationsOf(t.db, world.users.owner.id)).toHaveLength(1);
    },
  );

  it("rate limited: retried with backoff, then found", async () => {
    await connect(c.provider);
    let limited = 2;
    server.use(
      http[c.first.method](c.first.url, () => {
        if (limited > 0) {
          limited -= 1;
          return rateLimited(c.provider);
        }
        return undefined; // falls through to the documented answer below
      }),
      ...c.found,
    );
    const sleeper = fakeSleeper();
    expect(await checkAccess(world.a.id, c.request, { sleep: sleeper.sleep })).toMatchObject({ result: { outcome: "found" } });
    expect(sleeper.waits).toEqual([500, 1000]);
  });

  it("rate limited past the retries: unavailable, nothing concluded", async () => {
    const connection = await connect(c.provider);
    server.use(http[c.first.method](c.first.url, () => rateLimited(c.provider)));
    const sleeper = fakeSleeper();
    expect(await checkAccess(world.a.id, c.request, { sleep: sleeper.sleep })).toMatchObject({ result: { outcome: "unavailable" } });
    expect(sleeper.waits).toHaveLength(2);
    const [row] = await t.db.select().from(platformConnections).where(eq(platformConnections.id, connection.id));
    expect(row.status).toBe("connected");
  });

  it("API down: unavailable", async () => {
    await connect(c.provider);
    server.use(
      http[c.first.method](c.first.url, () => HttpResponse.json({ error: { code: 503, message: "Backend Error" } }, { status: 503 })),
    );
    expect(await checkAccess(world.a.id, c.request, { sleep: fakeSleeper().sleep })).toMatchObject({ result: { outcome: "unavailable" } });
  });

  it("an answer of an unexpected shape: unknown", async () => {
    await connect(c.provider);
    server.use(
      http[c.first.method](c.first.url, () => HttpResponse.json({ data: "nope", siteEntry: 3, account: 1, results: 2, accounts: {} })),
    );
    expect(await checkAccess(world.a.id, c.request)).toMatchObject({ result: { outcome: "unknown" } });
  });
});

describe("Google Ads specifics", () => {
  it("sends the developer token, the manager as login-customer-id, and a GAQL query on customer_client_link", async () => {
    await connect("google");
    server.use(adsLinks(["ACTIVE"]));
    await checkAccess(world.a.id, cases[2].request);
    expect(seen[0].headers.get("developer-token")).toBe("dev-token");
    expect(seen[0].headers.get("login-customer-id")).toBe("1234567890");
    expect(JSON.stringify(seen[0].body)).toContain(
      "FROM customer_client_link WHERE customer_client_link.client_customer = 'customers/9876543210'",
    );
  });

  it("without a developer token nothing is asked and nothing concluded", async () => {
    setEnvForTests({ APP_URL: TEST_APP_URL, GOOGLE_CLIENT_ID: "client-id", GOOGLE_CLIENT_SECRET: "client-secret" });
    try {
      await connect("google");
      expect(await checkAccess(world.a.id, cases[2].request)).toMatchObject({ result: { outcome: "unavailable" } });
      expect(seen).toHaveLength(0);
    } finally {
      setEnvForTests({
        APP_URL: TEST_APP_URL,
        GOOGLE_CLIENT_ID: "client-id",
        GOOGLE_CLIENT_SECRET: "client-secret",
        GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token",
      });
    }
  });
});

describe("Meta ad account IDs", () => {
  it("a grant recorded as Ads Manager shows it (act_…) is the same account as its digits", async () => {
    await connect("meta");
    const node = { id: "act_123456789012345", account_id: "123456789012345", permitted_tasks: ["ADVERTISE", "ANALYZE"] };
    server.use(graphEdge("client_ad_accounts", node));
    const request = { platform: "meta_ad_account" as const, assetId: "act_123456789012345", role: "Manage campaigns" };
    expect(await checkAccess(world.a.id, request)).toMatchObject({ result: { outcome: "found", confirms: "role" } });
  });
});

describe("base URLs from the environment", () => {
  it("GOOGLE_API_BASE_URL and META_GRAPH_BASE_URL move every call to the stub", async () => {
    const base = {
      APP_URL: TEST_APP_URL,
      GOOGLE_CLIENT_ID: "client-id",
      GOOGLE_CLIENT_SECRET: "client-secret",
      GOOGLE_ADS_DEVELOPER_TOKEN: "dev-token",
    };
    setEnvForTests({ ...base, GOOGLE_API_BASE_URL: "http://stub.test/google", META_GRAPH_BASE_URL: "http://stub.test/graph/v25.0" });
    try {
      await connect("google");
      await connect("meta");
      server.use(
        http.get("http://stub.test/google/searchconsole/webmasters/v3/sites", () =>
          HttpResponse.json({ siteEntry: [{ siteUrl: "sc-domain:lumen.example", permissionLevel: "siteFullUser" }] }),
        ),
        http.get("http://stub.test/graph/v25.0/1111222233334444/client_pages", () =>
          HttpResponse.json({ data: [{ id: "200300400500", permitted_tasks: ["MANAGE"] }], paging: { cursors: { after: "x" } } }),
        ),
      );
      expect(await checkAccess(world.a.id, cases[1].request)).toMatchObject({ result: { outcome: "found" } });
      expect(await checkAccess(world.a.id, cases[5].request)).toMatchObject({ result: { outcome: "found" } });
    } finally {
      setEnvForTests(base);
    }
  });
});

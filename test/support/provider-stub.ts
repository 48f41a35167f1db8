import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ga4AccountSummary, googleError, graphError, idToken } from "../integration/connections/shapes";

/**
 * Google and Meta as the end-to-end tests meet them (issue 19): one local HTTP server that the
 * e2e Baton reaches through GOOGLE_OAUTH_BASE_URL, GOOGLE_API_BASE_URL and META_GRAPH_BASE_URL, as
 * RESEND_BASE_URL moves email. It answers what the drivers and the connect flow ask, in the
 * providers' documented shapes (test/integration/connections/shapes.ts), and holds the platforms'
 * state the test changes: which GA4 properties and Meta assets the agency can see, with which role.
 *
 * Google OAuth 2.0: the consent page redirects straight back with a code (the admin "consents");
 * the token endpoint checks the client, the redirect URI and the PKCE verifier against the
 * challenge (S256) before it answers. Every API call must carry a token this stub issued.
 */

export const STUB_GOOGLE_CLIENT = { id: "e2e-client.apps.googleusercontent.com", secret: "e2e-client-secret" };
/** The demo workspace's own accounts (its access identities): the portfolio clients share with, the Google account they add. */
export const STUB_GOOGLE_EMAIL = "access@northwind.test";
export const STUB_META = {
  businessId: "1029384756473829",
  businessName: "Northwind Studio portfolio",
  token: "EAAG-e2e-system-user-token",
};
const GA4_ACCOUNT = "5550001";

export interface ProviderStub {
  url: string;
  /** The environment the e2e server needs to talk to this stub instead of the providers. */
  env: Record<string, string>;
  /** GA4 property ID → the roles Google lists for the agency's Google account on it. */
  ga4: Map<string, string[]>;
  /** Meta assets the agency's business portfolio can use (client_pages, client_ad_accounts, client_pixels): id → permitted_tasks. */
  meta: { pages: Map<string, string[]>; adAccounts: Map<string, string[]>; pixels: Map<string, string[]> };
  /** Every request, as "METHOD /path" (no query: tokens never travel there, but keep the log plain). */
  seen: string[];
  /** Token exchanges and refreshes the token endpoint accepted. */
  tokenGrants: string[];
  close(): Promise<void>;
}

interface Consent {
  challenge: string;
  redirectUri: string;
  scope: string;
  used: boolean;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text;
}

const bearer = (req: IncomingMessage) => /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? null;
const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

export async function startProviderStub(): Promise<ProviderStub> {
  const consents = new Map<string, Consent>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  let issued = 0;
  const stub = {
    ga4: new Map<string, string[]>(),
    meta: { pages: new Map<string, string[]>(), adAccounts: new Map<string, string[]>(), pixels: new Map<string, string[]>() },
    seen: [] as string[],
    tokenGrants: [] as string[],
  };

  function authorize(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const redirectUri = q.get("redirect_uri") ?? "";
    const problems = [
      q.get("client_id") !== STUB_GOOGLE_CLIENT.id && "client_id",
      q.get("response_type") !== "code" && "response_type",
      q.get("code_challenge_method") !== "S256" && "code_challenge_method",
      !q.get("code_challenge") && "code_challenge",
      q.get("access_type") !== "offline" && "access_type",
      !q.get("state") && "state",
      !/^https?:\/\/[^/]+\/connections\/google\/callback$/.test(redirectUri) && "redirect_uri",
    ].filter(Boolean);
    if (problems.length) return send(res, 400, { error: "invalid_request", error_description: `bad ${problems.join(", ")}` });
    const code = `4/0Ae2e-code-${++issued}`;
    consents.set(code, { challenge: q.get("code_challenge")!, redirectUri, scope: q.get("scope") ?? "", used: false });
    const back = new URL(redirectUri);
    back.search = new URLSearchParams({ state: q.get("state")!, code, scope: q.get("scope") ?? "" }).toString();
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  function token(form: URLSearchParams, res: ServerResponse) {
    if (form.get("client_id") !== STUB_GOOGLE_CLIENT.id || form.get("client_secret") !== STUB_GOOGLE_CLIENT.secret) {
      return send(res, 401, { error: "invalid_client", error_description: "The OAuth client was not found." });
    }
    const access = `ya29.e2e-access-${++issued}`;
    if (form.get("grant_type") === "authorization_code") {
      const consent = consents.get(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      if (!consent || consent.used || consent.redirectUri !== form.get("redirect_uri") || s256(verifier) !== consent.challenge) {
        return send(res, 400, { error: "invalid_grant", error_description: "Bad Request" });
      }
      consent.used = true;
      const refresh = `1//e2e-refresh-${issued}`;
      accessTokens.add(access);
      refreshTokens.add(refresh);
      stub.tokenGrants.push("authorization_code");
      return send(res, 200, {
        access_token: access,
        expires_in: 3599,
        refresh_token: refresh,
        scope: consent.scope,
        token_type: "Bearer",
        id_token: idToken(STUB_GOOGLE_EMAIL),
      });
    }
    if (form.get("grant_type") === "refresh_token" && refreshTokens.has(form.get("refresh_token") ?? "")) {
      accessTokens.add(access);
      stub.tokenGrants.push("refresh_token");
      return send(res, 200, { access_token: access, expires_in: 3599, scope: "", token_type: "Bearer" });
    }
    return send(res, 400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
  }

  /** Analytics Admin API: the property list and the access bindings of the agency's account. */
  function google(path: string, req: IncomingMessage, res: ServerResponse) {
    if (!accessTokens.has(bearer(req) ?? "")) {
      return send(res, 401, googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
    }
    if (path === "/analyticsadmin/v1beta/accountSummaries") {
      return send(res, 200, { accountSummaries: [ga4AccountSummary(GA4_ACCOUNT, [...stub.ga4.keys()])] });
    }
    const property = /^\/analyticsadmin\/v1alpha\/properties\/(\d+)\/accessBindings$/.exec(path)?.[1];
    if (property && stub.ga4.has(property)) {
      return send(res, 200, {
        accessBindings: [{ name: `properties/${property}/accessBindings/e2e1`, user: STUB_GOOGLE_EMAIL, roles: stub.ga4.get(property) }],
      });
    }
    if (/^\/analyticsadmin\/v1alpha\/accounts\/\d+\/accessBindings$/.test(path)) return send(res, 200, { accessBindings: [] });
    // Tag Manager, Search Console, Google Ads, Business Profile: not part of these tests.
    return send(res, 404, googleError(404, "NOT_FOUND", "Requested entity was not found."));
  }

  /** Graph API: the business portfolio, and the client assets it may use with their tasks. */
  function graph(path: string, req: IncomingMessage, res: ServerResponse) {
    if (bearer(req) !== STUB_META.token) {
      return send(res, 400, graphError(190, "Invalid OAuth access token - Cannot parse access token"));
    }
    const [, business, edge] = /^\/(\d+)(?:\/(\w+))?$/.exec(path) ?? [];
    if (business !== STUB_META.businessId) {
      return send(res, 400, graphError(100, "Unsupported get request. Object does not exist.", "GraphMethodException"));
    }
    if (!edge) return send(res, 200, { id: STUB_META.businessId, name: STUB_META.businessName });
    const edges: Record<string, Map<string, string[]> | undefined> = {
      client_pages: stub.meta.pages,
      client_ad_accounts: stub.meta.adAccounts,
      client_pixels: stub.meta.pixels,
      owned_pixels: new Map(),
    };
    const assets = edges[edge];
    if (!assets) return send(res, 400, graphError(100, `Tried accessing nonexisting field (${edge})`, "GraphMethodException"));
    const data = [...assets].map(([id, tasks]) =>
      edge === "client_ad_accounts"
        ? { id: `act_${id}`, account_id: id, name: `Ad account ${id}`, permitted_tasks: tasks }
        : { id, name: `Asset ${id}`, permitted_tasks: tasks },
    );
    // One page: cursors without `next` is the documented last page.
    return send(res, 200, { data, paging: { cursors: { before: "QVFIUmJl", after: "QVFIUmFm" } } });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub.local");
    stub.seen.push(`${req.method} ${url.pathname}`);
    void (async () => {
      if (req.method === "GET" && url.pathname === "/oauth/o/oauth2/v2/auth") return authorize(url, res);
      if (req.method === "POST" && url.pathname === "/oauth/token") return token(new URLSearchParams(await readBody(req)), res);
      if (req.method === "POST" && url.pathname === "/oauth/revoke") {
        refreshTokens.delete(new URLSearchParams(await readBody(req)).get("token") ?? "");
        return send(res, 200, {});
      }
      if (url.pathname.startsWith("/google/")) return google(url.pathname.slice("/google".length), req, res);
      if (req.method === "GET" && url.pathname.startsWith("/graph/v25.0/"))
        return graph(url.pathname.slice("/graph/v25.0".length), req, res);
      send(res, 404, { error: "not found" });
    })().catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...stub,
    url,
    env: {
      GOOGLE_CLIENT_ID: STUB_GOOGLE_CLIENT.id,
      GOOGLE_CLIENT_SECRET: STUB_GOOGLE_CLIENT.secret,
      GOOGLE_OAUTH_BASE_URL: `${url}/oauth`,
      GOOGLE_API_BASE_URL: `${url}/google`,
      META_GRAPH_BASE_URL: `${url}/graph/v25.0`,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

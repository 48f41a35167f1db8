import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { APP_URL: "https://baton.example.test", TRUST_PROXY: "true" } });
});
afterAll(() => server?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: "manual" });
const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(body),
    // As a reverse proxy in front of Baton would send them.
    headers: { origin: "https://baton.example.test", "x-forwarded-host": "baton.example.test", ...headers },
    redirect: "manual",
  });

describe("security headers (23)", () => {
  it("sends a strict CSP, nosniff, a referrer policy and no-store on pages", async () => {
    const res = await get("/login");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-powered-by")).toBeNull();
    const html = await res.text();
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attrs] of inlineScripts) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it("token pages send Referrer-Policy: no-referrer and load no third-party script (14)", async () => {
    for (const path of ["/magic/abc", "/invite/abc", "/reset-password/abc", "/verify-email/abc"]) {
      const res = await get(path);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      const html = await res.text();
      // Every script the page loads: src attributes, module preloads and imports inside inline scripts.
      const refs = [
        ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
        ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
        ...[...html.matchAll(/(?:import\(|from\s*)"([^"]+)"/g)].map((m) => m[1]),
      ];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ref, ref).toMatch(/^\/build\//);
    }
  });
});

describe("cross-site requests (7)", () => {
  it("refuses a POST from another origin with 403, and one with no origin at all", async () => {
    const evil = await post("/login", { email: "a@b.test", password: "whatever1" }, { origin: "https://evil.test" });
    expect(evil.status).toBe(403);
    const none = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@b.test" }),
      redirect: "manual",
    });
    expect(none.status).toBe(403);
    const same = await post("/login", { email: "a@b.test", password: "whatever1" });
    expect(same.status).toBe(400);
  });

  it("accepts a same-origin form from a no-referrer page (Origin: null with Sec-Fetch-Site)", async () => {
    const res = await post("/login", { email: "a@b.test", password: "whatever1" }, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(400);
    const crossNull = await post(
      "/login",
      { email: "a@b.test", password: "whatever1" },
      { origin: "null", "sec-fetch-site": "cross-site" },
    );
    expect(crossNull.status).toBe(403);
  });
});

describe("cookies in production (5)", () => {
  it("uses a __Host- cookie: HttpOnly, Secure, SameSite=Lax, Path=/, no Domain", async () => {
    const res = await post("/login", { email: "owner@northwind.test", password: "baton-demo" }, { "x-forwarded-for": "203.0.113.10" });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-baton_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe("limits and errors (21, 22)", () => {
  it("answers 413 to an oversized form body", async () => {
    const res = await post("/login", { email: "a@b.test", password: "x".repeat(1_200_000) });
    expect(res.status).toBe(413);
  });

  it("shows a friendly 404 without internals", async () => {
    const res = await get("/no/such/page");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("the local mailbox answers only to requests from this machine", async () => {
    const local = await get("/dev/mail");
    const remote = await get("/dev/mail", { "x-forwarded-for": "203.0.113.50" });
    expect(remote.status).toBe(404);
    expect(local.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { streamPost } from "./raw-http";

/** The same-origin check compares Origin with APP_URL, never with the Host header (security.md 7; issue 12 point 7). */
const APP_URL = "https://baton.example.test";

let production: RunningServer;
let development: RunningServer;
beforeAll(async () => {
  [production, development] = await Promise.all([
    startServer({ env: { APP_URL } }),
    startServer({ env: { APP_URL, NODE_ENV: "development" } }),
  ]);
});
afterAll(() => Promise.all([production?.stop(), development?.stop()]));

let attempt = 0;
/** A failed sign-in (a fresh unknown account each time, so no per-account limit kicks in), with headers as written. */
async function signInFrom(server: RunningServer, headers: Record<string, string>): Promise<number> {
  const body = Buffer.from(`email=nobody${++attempt}%40example.test&password=wrong-password`);
  const res = await streamPost(
    server.port,
    "/login",
    { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), ...headers },
    [body],
  );
  return res.status;
}

/** Got past the origin check: answered by the sign-in action itself (wrong password), not refused and not a 500. */
const ANSWERED_BY_ACTION = 400;

describe("same-origin check", () => {
  it("refuses an Origin that only matches the Host header the sender wrote", async () => {
    expect(await signInFrom(production, { origin: "http://evil.test", host: "evil.test" })).toBe(403);
    expect(await signInFrom(production, { origin: "http://evil.test", host: "evil.test", "x-forwarded-host": "evil.test" })).toBe(403);
    expect(await signInFrom(development, { origin: "http://evil.test", host: "evil.test" })).toBe(403);
  });

  it("accepts Origin equal to APP_URL, whatever Host a proxy in front passes on", async () => {
    expect(await signInFrom(production, { origin: APP_URL })).toBe(ANSWERED_BY_ACTION);
    expect(await signInFrom(production, { origin: APP_URL, host: "10.0.0.5:8080" })).toBe(ANSWERED_BY_ACTION);
    expect(await signInFrom(production, { origin: APP_URL, "x-forwarded-host": "baton.example.test" })).toBe(ANSWERED_BY_ACTION);
  });

  it("refuses APP_URL's host with another scheme or port", async () => {
    expect(await signInFrom(production, { origin: "http://baton.example.test", host: "baton.example.test" })).toBe(403);
    expect(await signInFrom(production, { origin: "https://baton.example.test:8443", host: "baton.example.test:8443" })).toBe(403);
  });

  it("accepts localhost, 127.0.0.1 and [::1] on the server's port only in development", async () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
      const local = (s: RunningServer, port = s.port) => ({ origin: `http://${host}:${port}`, host: `${host}:${s.port}` });
      expect(await signInFrom(development, local(development)), host).toBe(ANSWERED_BY_ACTION);
      expect(await signInFrom(development, local(development, development.port + 1)), host).toBe(403);
      expect(await signInFrom(production, local(production)), host).toBe(403);
    }
    expect(await signInFrom(development, { origin: `https://localhost:${development.port}`, host: `localhost:${development.port}` })).toBe(
      403,
    );
  });

  it("without an Origin, only a browser's Sec-Fetch-Site: same-origin passes", async () => {
    expect(await signInFrom(production, {})).toBe(403);
    expect(await signInFrom(production, { "sec-fetch-site": "cross-site" })).toBe(403);
    expect(await signInFrom(production, { "sec-fetch-site": "same-origin" })).toBe(ANSWERED_BY_ACTION);
  });
});

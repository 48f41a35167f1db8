import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "../../db/factories";
import { LIMITS, type Limit } from "~/modules/auth/rate-limit.server";
import * as login from "~/routes/login";
import * as signup from "~/routes/signup";
import * as forgot from "~/routes/forgot-password";
import * as onboardPage from "~/routes/onboard.$token";
import * as onboardStep from "~/routes/onboard.step.$token";
import { useTestDatabase } from "../support/db";
import { call, makeRequest } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { makeLink, setIdentities } from "./onboarding/setup";

/**
 * Issue 13 point 8 (security.md 9, 14): each limit answers 429 with Retry-After once it is passed,
 * driven through the route itself. The limits are read from the code (LIMITS), so a change of a
 * number keeps this test right, while a limit that stops being enforced fails it.
 */
const t = useTestDatabase();
let world: World;
let ipCounter = 0;
/** A fresh address per request, so only the per-account or per-token counter is filling up. */
const freshIp = () => `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

beforeAll(async () => {
  // Fixed 15-minute windows: run in the middle of one, so no window ends halfway through a burst.
  const windowMs = 15 * 60_000;
  vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2 });
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  await createUser(t.db, { email: "limited@example.test" });
});
afterAll(() => vi.useRealTimers());

/** Sends `limit.max + 1` requests; all but the last pass the limiter, the last gets 429. */
async function expectLimited(
  limit: Limit,
  send: (i: number) => Promise<Response>,
  said: (body: Record<string, unknown>) => unknown = (b) => b.formError,
  words = /Too many/,
) {
  const statuses: number[] = [];
  let last: Response | null = null;
  for (let i = 0; i <= limit.max; i++) {
    last = await send(i);
    statuses.push(last.status);
  }
  expect(statuses.slice(0, limit.max).filter((s) => s === 429)).toEqual([]);
  expect(statuses[limit.max]).toBe(429);
  expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(said((await last!.json()) as Record<string, unknown>)).toMatch(words);
}

describe("auth limits answer 429 (9)", () => {
  it("magic link, per account", async () => {
    await expectLimited(LIMITS.magicLink, () =>
      call(login.action, makeRequest("/login", { ip: freshIp(), form: { intent: "magic", email: "limited@example.test" } })),
    );
  });

  it("magic link, per IP", async () => {
    const ip = freshIp();
    await expectLimited(LIMITS.magicLink, (i) =>
      call(login.action, makeRequest("/login", { ip, form: { intent: "magic", email: `magic-ip-${i}@example.test` } })),
    );
  });

  it("password reset, per account", async () => {
    await expectLimited(LIMITS.passwordReset, () =>
      call(forgot.action, makeRequest("/forgot-password", { ip: freshIp(), form: { email: "limited@example.test" } })),
    );
  });

  it("password reset, per IP", async () => {
    const ip = freshIp();
    await expectLimited(LIMITS.passwordReset, (i) =>
      call(forgot.action, makeRequest("/forgot-password", { ip, form: { email: `reset-ip-${i}@example.test` } })),
    );
  });

  it("sign-up, per account", async () => {
    await expectLimited(LIMITS.signUp, () =>
      call(
        signup.action,
        makeRequest("/signup", {
          ip: freshIp(),
          form: { name: "Flood", email: "signup-flood@example.test", password: "a long passphrase" },
        }),
      ),
    );
  });

  it("sign-up, per IP", async () => {
    const ip = freshIp();
    await expectLimited(LIMITS.signUp, (i) =>
      call(
        signup.action,
        makeRequest("/signup", { ip, form: { name: "Flood", email: `signup-ip-${i}@example.test`, password: "a long passphrase" } }),
      ),
    );
  });
});

describe("the onboarding token limit answers 429 (14)", () => {
  // The limit is checked before the link is read, so the page says it in the browser's language.
  const page = (b: Record<string, unknown>) => (b.state === "limited" ? b.message : null);

  it("per token: one link opened from many addresses, said as the page", async () => {
    const { token } = await makeLink(world, world.users.admin.id);
    await expectLimited(
      LIMITS.onboarding,
      () => call(onboardPage.loader, makeRequest(`/onboard/${token}`, { ip: freshIp() }), { token }),
      page,
      /Too many attempts\. Please wait \d+ min/,
    );
  });

  it("per IP: one address guessing many step tokens, in the browser's language", async () => {
    const ip = freshIp();
    const spanish = { "Accept-Language": "es-MX,es;q=0.9,en;q=0.5" };
    await expectLimited(
      LIMITS.onboarding,
      (i) => {
        const token = `guess${String(i).padStart(20, "0")}`;
        return call(onboardStep.loader, makeRequest(`/onboard/step/${token}`, { ip, headers: spanish }), { token });
      },
      page,
      /^Demasiados intentos\. Espera \d+ min/,
    );
  });

  it("a post past the limit answers the one action shape, in German for a German browser", async () => {
    const ip = freshIp();
    const german = { "Accept-Language": "de-CH,de;q=0.9" };
    await expectLimited(
      LIMITS.onboarding,
      (i) => {
        const token = `post${String(i).padStart(20, "0")}`;
        return call(
          onboardPage.action,
          makeRequest(`/onboard/${token}`, { ip, headers: german, form: { intent: "language", locale: "de" } }),
          { token },
        );
      },
      (b) => b.formError,
      /^Zu viele Versuche/,
    );
  });
});

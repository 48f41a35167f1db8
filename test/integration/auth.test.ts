import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authTokens, localEmails, sessions, users } from "@db/schema";
import * as login from "~/routes/login";
import * as signup from "~/routes/signup";
import * as logout from "~/routes/logout";
import * as magic from "~/routes/magic.$token";
import * as forgot from "~/routes/forgot-password";
import * as reset from "~/routes/reset-password.$token";
import { getUser } from "~/modules/auth/session.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { sha256 } from "~/utils/crypto.server";
import { createUser } from "../../db/factories";
import { useTestDatabase } from "../support/db";
import { call, makeRequest, sessionCookie } from "../support/http";

const t = useTestDatabase();

function cookieOf(res: Response): string {
  const set = res.headers.get("Set-Cookie") ?? "";
  return set.split(";")[0];
}

async function deliverAll() {
  while ((await runDueJobs(jobHandlers)) > 0);
}

async function lastLinkTo(email: string, prefix: string): Promise<string> {
  await deliverAll();
  const mails = await t.db.select().from(localEmails).where(eq(localEmails.to, email));
  const text = mails.map((m) => m.text).join("\n");
  const match = [...text.matchAll(new RegExp(`${prefix}/([A-Za-z0-9_-]+)`, "g"))].pop();
  if (!match) throw new Error(`no ${prefix} link in mail to ${email}`);
  return match[1];
}

describe("sign-up and sign-in", () => {
  it("signs up, stores an Argon2id hash with OWASP parameters, and signs in", async () => {
    const res = await call(signup.action, makeRequest("/signup", { form: { name: "Ana", email: "Ana@Example.test", password: "a long passphrase" } }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/workspaces/new");
    const row = await t.db.query.users.findFirst({ where: eq(users.email, "ana@example.test") });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, tt] = row!.passwordHash!.match(/m=(\d+),t=(\d+)/)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(tt)).toBeGreaterThanOrEqual(2);
    const user = await getUser(makeRequest("/", { cookie: cookieOf(res) }));
    expect(user?.email).toBe("ana@example.test");
  });

  it("refuses passwords shorter than 8 or longer than 256 characters with a field message", async () => {
    for (const password of ["short", "x".repeat(257)]) {
      const res = await call(signup.action, makeRequest("/signup", { form: { name: "B", email: `b${password.length}@example.test`, password } }));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.errors.password[0]).toMatch(/at (least 8|most 256)/);
    }
    expect(await t.db.query.users.findFirst({ where: eq(users.email, "b5@example.test") })).toBeUndefined();
  });

  it("gives a new session id on sign-in and never honours a planted cookie (1)", async () => {
    const user = await createUser(t.db, { email: "plant@example.test", password: "correct horse battery" });
    const planted = "baton_session=attacker-chosen-value";
    const res = await call(login.action, makeRequest("/login", { cookie: planted, form: { email: "plant@example.test", password: "correct horse battery" } }));
    expect(res.status).toBe(302);
    const fresh = cookieOf(res);
    expect(fresh).not.toBe(planted);
    expect((await getUser(makeRequest("/", { cookie: fresh })))?.id).toBe(user.id);
    expect(await getUser(makeRequest("/", { cookie: planted }))).toBeNull();
  });

  it("stores only the SHA-256 of the session id (6) and the token has 128+ bits", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookie(user.id);
    const id = cookie.split("=")[1];
    expect(id.length).toBeGreaterThanOrEqual(25);
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(id);
    expect(rows[0].id).toBe(sha256(id));
  });

  it("sign-out deletes the session row and the old cookie no longer works (2)", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookie(user.id);
    const res = await call(logout.action, makeRequest("/logout", { method: "POST", cookie }));
    expect(res.status).toBe(302);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await getUser(makeRequest("/", { cookie }))).toBeNull();
  });

  it("answers the same for a wrong password and an unknown email (9)", async () => {
    await createUser(t.db, { email: "known@example.test", password: "correct horse battery" });
    const known = await call(login.action, makeRequest("/login", { ip: "198.51.100.1", form: { email: "known@example.test", password: "wrong password" } }));
    const unknown = await call(login.action, makeRequest("/login", { ip: "198.51.100.1", form: { email: "nobody@example.test", password: "wrong password" } }));
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    const magicKnown = await call(login.action, makeRequest("/login", { ip: "198.51.100.2", form: { intent: "magic", email: "known@example.test" } }));
    const magicUnknown = await call(login.action, makeRequest("/login", { ip: "198.51.100.2", form: { intent: "magic", email: "nobody@example.test" } }));
    expect(await magicKnown.text()).toBe(await magicUnknown.text());
    const resetKnown = await call(forgot.action, makeRequest("/forgot-password", { ip: "198.51.100.3", form: { email: "known@example.test" } }));
    const resetUnknown = await call(forgot.action, makeRequest("/forgot-password", { ip: "198.51.100.3", form: { email: "nobody@example.test" } }));
    expect(await resetKnown.text()).toBe(await resetUnknown.text());
    const upKnown = await call(signup.action, makeRequest("/signup", { ip: "198.51.100.4", form: { name: "K", email: "known@example.test", password: "another passphrase" } }));
    expect(upKnown.status).toBe(200);
    expect((await upKnown.json()).checkEmail).toBe(true);
  });

  it("rate limits sign-in per account: the 11th attempt in 15 minutes gets 429 (9)", async () => {
    await createUser(t.db, { email: "flood@example.test" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call(login.action, makeRequest("/login", { ip: `192.0.2.${i + 1}`, form: { email: "flood@example.test", password: "wrong password" } }));
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("rate limits per IP across accounts (9)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call(forgot.action, makeRequest("/forgot-password", { ip: "192.0.2.200", form: { email: `someone${i}@example.test` } }));
      statuses.push(res.status);
    }
    expect(statuses[9]).toBe(200);
    expect(statuses[10]).toBe(429);
  });

  it("ignores redirects to other sites after sign-in (19)", async () => {
    await createUser(t.db, { email: "redir@example.test", password: "correct horse battery" });
    for (const redirectTo of ["https://evil.test", "//evil.test", "/\\evil.test"]) {
      const res = await call(login.action, makeRequest("/login", { ip: "192.0.2.99", form: { email: "redir@example.test", password: "correct horse battery", redirectTo } }));
      expect(res.headers.get("Location")).toBe("/");
    }
    const ok = await call(login.action, makeRequest("/login", { ip: "192.0.2.98", form: { email: "redir@example.test", password: "correct horse battery", redirectTo: "/w/x" } }));
    expect(ok.headers.get("Location")).toBe("/w/x");
  });
});

describe("magic links and password reset", () => {
  it("opening the link consumes nothing; the POST signs in once (12, 11)", async () => {
    await createUser(t.db, { email: "magic@example.test" });
    await call(login.action, makeRequest("/login", { ip: "192.0.2.50", form: { intent: "magic", email: "magic@example.test" } }));
    const token = await lastLinkTo("magic@example.test", "/magic");
    expect((await call(magic.loader, makeRequest(`/magic/${token}`), { token })).status).toBe(200);
    expect((await call(magic.loader, makeRequest(`/magic/${token}`), { token })).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 20 }, () => call(magic.action, makeRequest(`/magic/${token}`, { method: "POST" }), { token })));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 410)).toHaveLength(19);
    const after = await call(magic.loader, makeRequest(`/magic/${token}`), { token });
    expect(after.status).toBe(410);
    expect((await after.json()).state).toBe("used");
  });

  it("stores only a hash of link tokens: the token appears nowhere in the database (10)", async () => {
    await createUser(t.db, { email: "dump@example.test" });
    await call(forgot.action, makeRequest("/forgot-password", { ip: "192.0.2.51", form: { email: "dump@example.test" } }));
    const token = await lastLinkTo("dump@example.test", "/reset-password");
    const rows = await t.db.select().from(authTokens);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).toContain(sha256(token));
  });

  it("an expired link shows a clear page and cannot be used (13)", async () => {
    const user = await createUser(t.db, { email: "late@example.test" });
    await call(login.action, makeRequest("/login", { ip: "192.0.2.52", form: { intent: "magic", email: "late@example.test" } }));
    const token = await lastLinkTo("late@example.test", "/magic");
    await t.db.update(authTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authTokens.userId, user.id));
    const page = await call(magic.loader, makeRequest(`/magic/${token}`), { token });
    expect(page.status).toBe(410);
    expect((await page.json()).state).toBe("expired");
    expect((await call(magic.action, makeRequest(`/magic/${token}`, { method: "POST" }), { token })).status).toBe(410);
  });

  it("password reset sets the new password and ends every other session (4)", async () => {
    const user = await createUser(t.db, { email: "reset@example.test", password: "old passphrase" });
    const otherDevice = await sessionCookie(user.id);
    await call(forgot.action, makeRequest("/forgot-password", { ip: "192.0.2.53", form: { email: "reset@example.test" } }));
    const token = await lastLinkTo("reset@example.test", "/reset-password");
    const bad = await call(reset.action, makeRequest(`/reset-password/${token}`, { form: { password: "short" } }), { token });
    expect(bad.status).toBe(400);
    const res = await call(reset.action, makeRequest(`/reset-password/${token}`, { form: { password: "brand new passphrase" } }), { token });
    expect(res.status).toBe(302);
    expect(await getUser(makeRequest("/", { cookie: otherDevice }))).toBeNull();
    const signIn = await call(login.action, makeRequest("/login", { ip: "192.0.2.54", form: { email: "reset@example.test", password: "brand new passphrase" } }));
    expect(signIn.status).toBe(302);
    const again = await call(reset.action, makeRequest(`/reset-password/${token}`, { form: { password: "third passphrase" } }), { token });
    expect(again.status).toBe(410);
  });
});

describe("session lifetime (3)", () => {
  it("ends a session past the absolute lifetime even while it is being used", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookie(user.id);
    expect(await getUser(makeRequest("/", { cookie }))).not.toBeNull();
    const longAgo = new Date(Date.now() - 91 * 86_400_000);
    await t.db.update(sessions).set({ createdAt: longAgo }).where(eq(sessions.userId, user.id));
    expect(await getUser(makeRequest("/", { cookie }))).toBeNull();
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });
});

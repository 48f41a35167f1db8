import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authTokens, invitations, localEmails, memberships, sessions, users } from "@db/schema";
import * as login from "~/routes/login";
import * as signup from "~/routes/signup";
import * as logout from "~/routes/logout";
import * as magic from "~/routes/magic.$token";
import * as forgot from "~/routes/forgot-password";
import * as reset from "~/routes/reset-password.$token";
import * as verify from "~/routes/verify-email.$token";
import * as invite from "~/routes/invite.$token";
import { getUser } from "~/modules/auth/session.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { addMember, createUser, createWorkspace } from "../../db/factories";
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
  const mails = await t.db.select().from(localEmails).where(eq(localEmails.to, email)).orderBy(localEmails.createdAt, localEmails.id);
  const text = mails.map((m) => m.text).join("\n");
  const match = [...text.matchAll(new RegExp(`${prefix}/([A-Za-z0-9_-]+)`, "g"))].pop();
  if (!match) throw new Error(`no ${prefix} link in mail to ${email}`);
  return match[1];
}

describe("sign-up and sign-in", () => {
  it("signs up, stores an Argon2id hash with OWASP parameters, and signs in once the email is confirmed", async () => {
    const res = await call(
      signup.action,
      makeRequest("/signup", { form: { name: "Ana", email: "Ana@Example.test", password: "a long passphrase" } }),
    );
    expect(res.status).toBe(200);
    const token = await lastLinkTo("ana@example.test", "/verify-email");
    const confirmed = await call(verify.action, makeRequest(`/verify-email/${token}`, { method: "POST" }), { token });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/workspaces/new");
    const row = await t.db.query.users.findFirst({ where: eq(users.email, "ana@example.test") });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, tt] = row!.passwordHash!.match(/m=(\d+),t=(\d+)/)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(tt)).toBeGreaterThanOrEqual(2);
    const user = await getUser(makeRequest("/", { cookie: cookieOf(confirmed) }));
    expect(user?.email).toBe("ana@example.test");
  });

  it("refuses passwords shorter than 8 or longer than 256 characters with a field message", async () => {
    for (const password of ["short", "x".repeat(257)]) {
      const res = await call(
        signup.action,
        makeRequest("/signup", { form: { name: "B", email: `b${password.length}@example.test`, password } }),
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.errors.password[0]).toMatch(/at (least 8|most 256)/);
    }
    expect(await t.db.query.users.findFirst({ where: eq(users.email, "b5@example.test") })).toBeUndefined();
  });

  it("gives a new session id on sign-in and never honours a planted cookie (1)", async () => {
    const user = await createUser(t.db, { email: "plant@example.test", password: "correct horse battery" });
    const planted = "baton_session=attacker-chosen-value";
    const res = await call(
      login.action,
      makeRequest("/login", { cookie: planted, form: { email: "plant@example.test", password: "correct horse battery" } }),
    );
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
    const known = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.1", form: { email: "known@example.test", password: "wrong password" } }),
    );
    const unknown = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.1", form: { email: "nobody@example.test", password: "wrong password" } }),
    );
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    const magicKnown = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.2", form: { intent: "magic", email: "known@example.test" } }),
    );
    const magicUnknown = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.2", form: { intent: "magic", email: "nobody@example.test" } }),
    );
    expect(await magicKnown.text()).toBe(await magicUnknown.text());
    const resetKnown = await call(
      forgot.action,
      makeRequest("/forgot-password", { ip: "198.51.100.3", form: { email: "known@example.test" } }),
    );
    const resetUnknown = await call(
      forgot.action,
      makeRequest("/forgot-password", { ip: "198.51.100.3", form: { email: "nobody@example.test" } }),
    );
    expect(await resetKnown.text()).toBe(await resetUnknown.text());
    const upKnown = await call(
      signup.action,
      makeRequest("/signup", { ip: "198.51.100.4", form: { name: "K", email: "known@example.test", password: "another passphrase" } }),
    );
    expect(upKnown.status).toBe(200);
    expect((await upKnown.json()).checkEmail).toBe(true);
  });

  it("rate limits sign-in per account: the 11th attempt in 15 minutes gets 429 (9)", async () => {
    await createUser(t.db, { email: "flood@example.test" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call(
        login.action,
        makeRequest("/login", { ip: `192.0.2.${i + 1}`, form: { email: "flood@example.test", password: "wrong password" } }),
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("rate limits per IP across accounts (9)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call(
        forgot.action,
        makeRequest("/forgot-password", { ip: "192.0.2.200", form: { email: `someone${i}@example.test` } }),
      );
      statuses.push(res.status);
    }
    expect(statuses[9]).toBe(200);
    expect(statuses[10]).toBe(429);
  });

  it("ignores redirects to other sites after sign-in (19)", async () => {
    await createUser(t.db, { email: "redir@example.test", password: "correct horse battery" });
    for (const redirectTo of ["https://evil.test", "//evil.test", "/\\evil.test"]) {
      const res = await call(
        login.action,
        makeRequest("/login", { ip: "192.0.2.99", form: { email: "redir@example.test", password: "correct horse battery", redirectTo } }),
      );
      expect(res.headers.get("Location")).toBe("/");
    }
    const ok = await call(
      login.action,
      makeRequest("/login", {
        ip: "192.0.2.98",
        form: { email: "redir@example.test", password: "correct horse battery", redirectTo: "/w/x" },
      }),
    );
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
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(magic.action, makeRequest(`/magic/${token}`, { method: "POST" }), { token })),
    );
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
    await t.db
      .update(authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authTokens.userId, user.id));
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
    const res = await call(reset.action, makeRequest(`/reset-password/${token}`, { form: { password: "brand new passphrase" } }), {
      token,
    });
    expect(res.status).toBe(302);
    expect(await getUser(makeRequest("/", { cookie: otherDevice }))).toBeNull();
    const signIn = await call(
      login.action,
      makeRequest("/login", { ip: "192.0.2.54", form: { email: "reset@example.test", password: "brand new passphrase" } }),
    );
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

describe("sign-in limits count failed attempts only (9)", () => {
  // Fixed 15-minute windows: run in the middle of one, so no window ends halfway through a burst.
  beforeAll(() => {
    const windowMs = 15 * 60_000;
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2 });
  });
  afterAll(() => vi.useRealTimers());
  const signInAs = (ip: string, email: string, password: string) =>
    call(login.action, makeRequest("/login", { ip, form: { email, password } }));

  it("20 colleagues behind one address all sign in, and one of them 12 times", async () => {
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(t.db, { email: `office${i}@example.test`, password: "office passphrase" })),
    );
    for (const person of people)
      expect((await signInAs("198.51.100.20", person.email, "office passphrase")).status, person.email).toBe(302);
    for (let i = 0; i < 12; i++) expect((await signInAs("198.51.100.20", people[0].email, "office passphrase")).status).toBe(302);
  });

  it("10 failures lock the account, even for the right password, and say when to retry; a colleague on the same address still signs in", async () => {
    await createUser(t.db, { email: "locked@example.test", password: "right passphrase" });
    await createUser(t.db, { email: "colleague@example.test", password: "right passphrase" });
    for (let i = 0; i < 10; i++) expect((await signInAs("198.51.100.21", "locked@example.test", "wrong guess")).status).toBe(400);
    const refused = await signInAs("198.51.100.21", "locked@example.test", "right passphrase");
    expect(refused.status).toBe(429);
    expect(cookieOf(refused)).toBe("");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(15 * 60);
    const body = await refused.json();
    expect(body.formError).toMatch(/Try again in \d+ minutes?/);
    // The lock follows the account, not the address, and an unknown email is answered the same.
    expect((await signInAs("198.51.100.22", "locked@example.test", "right passphrase")).status).toBe(429);
    for (let i = 0; i < 10; i++) await signInAs("198.51.100.23", "nobody-locked@example.test", "wrong guess");
    const unknown = await signInAs("198.51.100.23", "nobody-locked@example.test", "wrong guess");
    expect(unknown.status).toBe(429);
    expect((await unknown.json()).formError.replace(/\d+/g, "N")).toBe(body.formError.replace(/\d+/g, "N"));
    expect((await signInAs("198.51.100.21", "colleague@example.test", "right passphrase")).status).toBe(302);
  });

  it("100 failures from one address across accounts lock the address", async () => {
    const user = await createUser(t.db, { email: "behind-flood@example.test", password: "right passphrase" });
    for (let i = 0; i < 100; i++)
      expect((await signInAs("198.51.100.24", `guess${i % 50}@example.test`, "wrong guess")).status, `attempt ${i + 1}`).toBe(400);
    expect((await signInAs("198.51.100.24", user.email, "right passphrase")).status).toBe(429);
    expect((await signInAs("198.51.100.25", user.email, "right passphrase")).status).toBe(302);
  });

  it("concurrent guesses cannot slip past the limit: of 20 at once on one account at most 10 are checked", async () => {
    await createUser(t.db, { email: "burst@example.test", password: "right passphrase" });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signInAs(`192.0.2.${150 + i}`, "burst@example.test", "wrong guess")),
    );
    expect(results.filter((r) => r.status === 400).length).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(10);
  });
});

describe("email verification (9, 15, 36)", () => {
  const signUpAs = (ip: string, email: string, password: string, redirectTo = "") =>
    call(signup.action, makeRequest("/signup", { ip, form: { name: "Someone", email, password, redirectTo } }));

  async function mailsTo(email: string) {
    await deliverAll();
    return t.db.select().from(localEmails).where(eq(localEmails.to, email));
  }

  it("answers a known and a new email the same, starts no session, and sends a sign-in or a verification link", async () => {
    await createUser(t.db, { email: "taken@example.test" });
    const known = await signUpAs("198.51.100.30", "taken@example.test", "another passphrase");
    const fresh = await signUpAs("198.51.100.31", "fresh@example.test", "another passphrase");
    expect(known.status).toBe(fresh.status);
    expect(fresh.status).toBe(200);
    expect(await known.text()).toBe(await fresh.text());
    expect(known.headers.get("Set-Cookie")).toBeNull();
    expect(fresh.headers.get("Set-Cookie")).toBeNull();
    const [knownMail, freshMail] = [await mailsTo("taken@example.test"), await mailsTo("fresh@example.test")];
    expect(knownMail).toHaveLength(1);
    expect(knownMail[0].text).toMatch(/\/magic\/[A-Za-z0-9_-]+/);
    expect(freshMail).toHaveLength(1);
    expect(freshMail[0].subject).toBe("Confirm your email for Baton");
    expect(freshMail[0].text).toMatch(/\/verify-email\/[A-Za-z0-9_-]+/);
    const created = await t.db.query.users.findFirst({ where: eq(users.email, "fresh@example.test") });
    expect(created?.emailVerifiedAt).toBeNull();
  });

  it("an unverified password account cannot sign in with its password until it opens the link; it can ask for the link again", async () => {
    await createUser(t.db, { email: "unconfirmed@example.test", password: "right passphrase", emailVerified: false });
    const wrong = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.32", form: { email: "unconfirmed@example.test", password: "wrong guess" } }),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).formError).toBe("That email and password do not match an account.");
    const right = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.32", form: { email: "unconfirmed@example.test", password: "right passphrase" } }),
    );
    expect(right.status).toBe(403);
    expect(right.headers.get("Set-Cookie")).toBeNull();
    expect((await right.json()).formError).toBe("Confirm your email first: we sent you a link.");

    const resent = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.32", form: { intent: "resend-verification", email: "unconfirmed@example.test" } }),
    );
    const resentUnknown = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.32", form: { intent: "resend-verification", email: "nobody-here@example.test" } }),
    );
    expect(await resent.text()).toBe(await resentUnknown.text());
    const token = await lastLinkTo("unconfirmed@example.test", "/verify-email");
    expect((await call(verify.action, makeRequest(`/verify-email/${token}`, { method: "POST" }), { token })).status).toBe(302);
    const after = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.32", form: { email: "unconfirmed@example.test", password: "right passphrase" } }),
    );
    expect(after.status).toBe(302);
  });

  it("the verification link: opening it consumes nothing, of 20 concurrent confirmations one signs in, then it is used", async () => {
    await signUpAs("198.51.100.33", "once@example.test", "a long passphrase", "/w/somewhere");
    const token = await lastLinkTo("once@example.test", "/verify-email");
    expect((await call(verify.loader, makeRequest(`/verify-email/${token}`), { token })).status).toBe(200);
    expect((await call(verify.loader, makeRequest(`/verify-email/${token}`), { token })).status).toBe(200);
    expect((await t.db.query.users.findFirst({ where: eq(users.email, "once@example.test") }))?.emailVerifiedAt).toBeNull();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(verify.action, makeRequest(`/verify-email/${token}`, { method: "POST" }), { token })),
    );
    const won = results.filter((r) => r.status === 302);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 410)).toHaveLength(19);
    expect(won[0].headers.get("Location")).toBe("/w/somewhere");
    expect((await getUser(makeRequest("/", { cookie: cookieOf(won[0]) })))?.email).toBe("once@example.test");
    const row = await t.db.query.users.findFirst({ where: eq(users.email, "once@example.test") });
    expect(row?.emailVerifiedAt).not.toBeNull();
    expect(row?.passwordHash).not.toBeNull();
    expect((await call(verify.loader, makeRequest(`/verify-email/${token}`), { token })).status).toBe(410);
    const expiredToken = await (async () => {
      await signUpAs("198.51.100.33", "late-confirm@example.test", "a long passphrase");
      const tk = await lastLinkTo("late-confirm@example.test", "/verify-email");
      await t.db
        .update(authTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(authTokens.tokenHash, sha256(tk)));
      return tk;
    })();
    expect(
      (await call(verify.action, makeRequest(`/verify-email/${expiredToken}`, { method: "POST" }), { token: expiredToken })).status,
    ).toBe(410);
    // A sign-in link is not a verification link, and the other way round.
    const magicToken = await (async () => {
      await call(login.action, makeRequest("/login", { ip: "198.51.100.34", form: { intent: "magic", email: "once@example.test" } }));
      return lastLinkTo("once@example.test", "/magic");
    })();
    expect((await call(verify.action, makeRequest(`/verify-email/${magicToken}`, { method: "POST" }), { token: magicToken })).status).toBe(
      410,
    );
  });

  it("an attacker who registered the victim's address loses the password when the victim signs in by link", async () => {
    await signUpAs("198.51.100.35", "victim@example.test", "attacker passphrase");
    await call(login.action, makeRequest("/login", { ip: "198.51.100.36", form: { intent: "magic", email: "victim@example.test" } }));
    const token = await lastLinkTo("victim@example.test", "/magic");
    const victim = await call(magic.action, makeRequest(`/magic/${token}`, { method: "POST" }), { token });
    expect(victim.status).toBe(302);
    const row = await t.db.query.users.findFirst({ where: eq(users.email, "victim@example.test") });
    expect(row?.passwordHash).toBeNull();
    expect(row?.emailVerifiedAt).not.toBeNull();
    const attacker = await call(
      login.action,
      makeRequest("/login", { ip: "198.51.100.37", form: { email: "victim@example.test", password: "attacker passphrase" } }),
    );
    expect(attacker.status).toBe(400);
    expect(cookieOf(attacker)).toBe("");
  });

  it("a magic-link sign-in keeps the password of an account that had already proved its email", async () => {
    await createUser(t.db, { email: "kept@example.test", password: "my own passphrase" });
    await call(login.action, makeRequest("/login", { ip: "198.51.100.38", form: { intent: "magic", email: "kept@example.test" } }));
    const token = await lastLinkTo("kept@example.test", "/magic");
    expect((await call(magic.action, makeRequest(`/magic/${token}`, { method: "POST" }), { token })).status).toBe(302);
    expect(
      (
        await call(
          login.action,
          makeRequest("/login", { ip: "198.51.100.38", form: { email: "kept@example.test", password: "my own passphrase" } }),
        )
      ).status,
    ).toBe(302);
  });

  it("a password reset proves the email: the new password signs in", async () => {
    await createUser(t.db, { email: "reset-unconfirmed@example.test", password: "stranger passphrase", emailVerified: false });
    await call(forgot.action, makeRequest("/forgot-password", { ip: "198.51.100.39", form: { email: "reset-unconfirmed@example.test" } }));
    const token = await lastLinkTo("reset-unconfirmed@example.test", "/reset-password");
    expect(
      (await call(reset.action, makeRequest(`/reset-password/${token}`, { form: { password: "owner passphrase" } }), { token })).status,
    ).toBe(302);
    expect(
      (
        await call(
          login.action,
          makeRequest("/login", {
            ip: "198.51.100.39",
            form: { email: "reset-unconfirmed@example.test", password: "stranger passphrase" },
          }),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await call(
          login.action,
          makeRequest("/login", { ip: "198.51.100.39", form: { email: "reset-unconfirmed@example.test", password: "owner passphrase" } }),
        )
      ).status,
    ).toBe(302);
  });

  it("an unverified account cannot accept an invitation to its address; after confirming through the link it can", async () => {
    const ws = await createWorkspace(t.db);
    const owner = await createUser(t.db);
    await addMember(t.db, ws.id, owner.id, "owner");
    const inviteToken = randomToken();
    await t.db.insert(invitations).values({
      workspaceId: ws.id,
      email: "invited@example.test",
      role: "coordinator",
      tokenHash: sha256(inviteToken),
      invitedBy: owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    // Someone signs up with the invited address from the invitation page; a session on that
    // account (however obtained) cannot accept until the address is proved.
    const invitePath = `/invite/${inviteToken}`;
    expect((await signUpAs("198.51.100.40", "invited@example.test", "a long passphrase", invitePath)).status).toBe(200);
    const pending = await t.db.query.users.findFirst({ where: eq(users.email, "invited@example.test") });
    const refused = await call(invite.action, makeRequest(invitePath, { method: "POST", cookie: await sessionCookie(pending!.id) }), {
      token: inviteToken,
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/Confirm your email first/);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, pending!.id))).toHaveLength(0);
    expect((await t.db.query.invitations.findFirst({ where: eq(invitations.workspaceId, ws.id) }))?.acceptedAt).toBeNull();

    const token = await lastLinkTo("invited@example.test", "/verify-email");
    const confirmed = await call(verify.action, makeRequest(`/verify-email/${token}`, { method: "POST" }), { token });
    expect(confirmed.headers.get("Location")).toBe(invitePath);
    const accepted = await call(invite.action, makeRequest(invitePath, { method: "POST", cookie: cookieOf(confirmed) }), {
      token: inviteToken,
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/w/${ws.slug}`);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, pending!.id))).toHaveLength(1);
  });
});

import { eq, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@db/schema";
import { accessSteps, jobs, localEmails, platformConnections } from "@db/schema";
import * as login from "~/routes/login";
import * as forgot from "~/routes/forgot-password";
import * as magic from "~/routes/magic.$token";
import * as reset from "~/routes/reset-password.$token";
import * as invite from "~/routes/invite.$token";
import * as onboard from "~/routes/onboard.$token";
import * as onboardStep from "~/routes/onboard.step.$token";
import * as decisionLink from "~/routes/d.$token";
import * as googleCallback from "~/routes/connections.google.callback";
import * as connectionsPage from "~/routes/w.$workspace.settings_.connections";
import { openCredential } from "~/modules/connections/credentials.server";
import { queueEmail } from "~/modules/email/send.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { forwardStep } from "~/modules/onboarding/client-steps.server";
import { inviteMember } from "~/modules/workspaces/members.server";
import { sha256 } from "~/utils/crypto.server";
import { seal } from "~/utils/seal.server";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { makeLink, setIdentities, clientCtx } from "../onboarding/setup";
import { campaignFixture, submittedDeliverable } from "../approvals/fixtures";
import { SECRETS } from "../connections/fixtures";
import { drain, memberContext } from "./helpers";
import { newIdempotencyKey } from "~/utils/idempotency.server";

/**
 * security.md 10 across the whole database: every link Baton emails (magic link, password reset,
 * invitation, onboarding link, forwarded step, their reminders) has its token only in the local
 * mailbox, never in any other table, neither while its job waits in the outbox nor after it ran.
 * Decision links (decision 052) too: the draft-submitted email's and the sign-off reminder's.
 * Platform credentials (decision 064) too: a Google refresh and access token and a Meta system-user
 * token, connected through the real routes, are only ever stored sealed.
 */
const t = useTestDatabase({ GOOGLE_CLIENT_ID: "client-123.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "client-secret-xyz" });
let world: World;
const DAY = 86_400_000;
const MAILBOX = getTableName(localEmails);

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

/** Every base table of the database's schema (not only the ones drizzle knows). */
async function tableNames(): Promise<string[]> {
  const result = await t.db.execute(
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rowsOf(result).map((r) => String(r.name));
}

/** Every row of every table but the test mailbox, as text. */
async function dumpDatabase(): Promise<string> {
  const parts: string[] = [];
  for (const name of await tableNames()) {
    if (name === MAILBOX) continue;
    const result = await t.db.execute(sql.raw(`SELECT row_to_json(x)::text AS j FROM "${name.replace(/"/g, '""')}" x`));
    parts.push(`-- ${name}`, ...rowsOf(result).map((r) => String(r.j)));
  }
  return parts.join("\n");
}

/** The token of the newest mail to `to` linking to `${prefix}/<token>`. */
async function tokenInMail(to: string, prefix: string): Promise<string> {
  const mails = await t.db.select().from(localEmails).where(eq(localEmails.to, to)).orderBy(localEmails.createdAt, localEmails.id);
  const text = mails.map((m) => `${m.text}\n${m.html}`).join("\n");
  const match = [...text.matchAll(new RegExp(`${prefix}/([A-Za-z0-9_-]{20,})`, "g"))].pop();
  if (!match) throw new Error(`no ${prefix} link in mail to ${to}`);
  return match[1];
}

function expectNoToken(dump: string, tokens: Record<string, string>) {
  for (const [what, token] of Object.entries(tokens)) {
    expect(dump.includes(token), `the ${what} token is in the dump`).toBe(false);
  }
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

describe("link tokens in a database dump (10)", () => {
  it("dumps every table: the schema's tables are all among those read", async () => {
    const names = await tableNames();
    const declared = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .map((table) => getTableName(table as PgTable));
    expect(declared.length).toBeGreaterThan(10);
    expect(names).toEqual(expect.arrayContaining(declared));
    expect(names).toContain("jobs");
  });

  it("no token of an emailed link is in any table but the mailbox, before or after the worker runs; the links work", async () => {
    const start = new Date();
    const tag = Math.random().toString(36).slice(2, 8);
    const email = {
      magic: world.users.owner.email,
      reset: world.users.admin.email,
      invite: `invitee-${tag}@example.test`,
      client: `client-${tag}@client.example`,
      colleague: `colleague-${tag}@client.example`,
    };

    // Everything that emails a link with a token, all queued before the worker runs.
    expect(
      (await call(login.action, makeRequest("/login", { ip: "192.0.2.140", form: { intent: "magic", email: email.magic } }))).status,
    ).toBeLessThan(400);
    expect(
      (await call(forgot.action, makeRequest("/forgot-password", { ip: "192.0.2.141", form: { email: email.reset } }))).status,
    ).toBeLessThan(400);
    const admin = await memberContext(world.users.admin.id, world.a.slug);
    expect(await inviteMember(admin, { email: email.invite, role: "coordinator", idempotencyKey: newIdempotencyKey() })).toEqual({
      ok: true,
    });
    const { linkId, token: linkToken } = await makeLink(world, world.users.admin.id, { clientEmail: email.client }, start);
    const [meta] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    expect(
      (await forwardStep(await clientCtx(linkId), { stepId: meta.id, name: "Sam", email: email.colleague, message: "" }, start)).ok,
    ).toBe(true);
    // A draft to review: its reviewer's email carries a decision link. Going live in 110 h, its
    // deadline's 24 h reminder (another link) is due two days on, the 4 h one and the block are not.
    await submittedDeliverable(world, await campaignFixture(t.db, world), { publishInHours: 110 });
    const reviewer = world.users.agencyMember.email;

    // The outbox: emails keep recipient and template readable, their props (and reminder URLs) sealed.
    const queued = await t.db.select().from(jobs);
    const emails = queued.filter((j) => j.kind === "email");
    expect(emails.length).toBeGreaterThanOrEqual(5);
    for (const job of emails) {
      expect(Object.keys(job.payload).sort()).toEqual(["sealed", "template", "to"]);
      expect(job.payload.sealed).toMatch(/^v1\./);
    }
    const reminders = queued.filter((j) => j.kind === "onboarding.client-reminder" || j.kind === "onboarding.forward-reminder");
    expect(reminders).toHaveLength(6);
    for (const job of reminders) expect(job.payload).not.toHaveProperty("url");
    const beforeWorker = await dumpDatabase();
    expectNoToken(beforeWorker, { onboarding: linkToken });
    expect(beforeWorker).toContain(sha256(linkToken));

    await drain(new Date());
    const tokens = {
      magic: await tokenInMail(email.magic, "/magic"),
      reset: await tokenInMail(email.reset, "/reset-password"),
      invitation: await tokenInMail(email.invite, "/invite"),
      onboarding: await tokenInMail(email.client, "/onboard"),
      forwarded: await tokenInMail(email.colleague, "/onboard/step"),
      decision: await tokenInMail(reviewer, "/d"),
    };
    expect(tokens.onboarding).toBe(linkToken);
    expectNoToken(beforeWorker, tokens);
    const afterWorker = await dumpDatabase();
    expectNoToken(afterWorker, tokens);
    for (const token of Object.values(tokens)) expect(afterWorker).toContain(sha256(token));

    // Two days on, the reminder jobs open their sealed URL and queue reminder emails (sealed too).
    const later = new Date(start.getTime() + 2 * DAY + 60_000);
    expect(await runDueJobs(jobHandlers, { now: later })).toBeGreaterThan(0);
    const reminderMails = (await t.db.select().from(jobs)).filter((j) => j.kind === "email" && j.status === "pending");
    expect(
      reminderMails
        .filter((j) => j.payload.template === "onboarding-reminder")
        .map((j) => j.payload.to)
        .sort(),
    ).toEqual([email.client, email.colleague].sort());
    expect(reminderMails.filter((j) => j.payload.template === "signoff-reminder").map((j) => j.payload.to)).toEqual([reviewer]);
    expectNoToken(await dumpDatabase(), tokens);
    await drain(later);
    const reminderLink = await tokenInMail(reviewer, "/d");
    expect(reminderLink).not.toBe(tokens.decision);
    Object.assign(tokens, { reminderDecision: reminderLink });
    expectNoToken(await dumpDatabase(), tokens);
    expect(await dumpDatabase()).toContain(sha256(reminderLink));
    expect(await tokenInMail(email.client, "/onboard")).toBe(tokens.onboarding);
    expect(await tokenInMail(email.colleague, "/onboard/step")).toBe(tokens.forwarded);
    const failed = (await t.db.select().from(jobs)).filter((j) => j.status !== "done" && j.runAt <= later);
    expect(failed).toEqual([]);
    // Sent jobs keep no sealed part either: even the secret cannot recover a token from them.
    const sent = (await t.db.select().from(jobs)).filter((j) => j.status === "done");
    expect(sent.length).toBeGreaterThanOrEqual(7);
    for (const job of sent) expect(job.payload).not.toHaveProperty("sealed");

    // The links in the mailbox work.
    const get = (loader: Parameters<typeof call>[0], path: string, token: string) =>
      call(loader, makeRequest(`${path}/${token}`, { ip: "192.0.2.142" }), { token });
    expect((await get(magic.loader, "/magic", tokens.magic)).status).toBe(200);
    expect((await get(reset.loader, "/reset-password", tokens.reset)).status).toBe(200);
    expect((await get(invite.loader, "/invite", tokens.invitation)).status).toBe(200);
    expect((await get(onboard.loader, "/onboard", tokens.onboarding)).status).toBe(200);
    expect((await get(onboardStep.loader, "/onboard/step", tokens.forwarded)).status).toBe(200);
    for (const token of [tokens.decision, reminderLink]) expect((await get(decisionLink.loader, "/d", token)).status).toBe(200);
  });

  it("a job whose sealed part does not open fails on its own, with a clear error; the rest of its batch runs", async () => {
    const to = `sealed-${Math.random().toString(36).slice(2, 8)}@example.test`;
    await t.db.transaction(async (tx) => {
      await queueEmail(tx, {
        to: `bad-${to}`,
        template: "sign-in-link",
        props: { url: "http://localhost:3000/magic/bad", expiresInMinutes: 15 },
      });
      await queueEmail(tx, {
        to,
        template: "sign-in-link",
        props: { url: "http://localhost:3000/magic/good-token-0123456789abcdef", expiresInMinutes: 15 },
      });
    });
    const [bad] = (await t.db.select().from(jobs)).filter((j) => j.payload.to === `bad-${to}`);
    await t.db
      .update(jobs)
      .set({ payload: { ...bad.payload, sealed: seal({ props: {} }, "another-secret-another-secret-another") } })
      .where(eq(jobs.id, bad.id));
    await drain(new Date(Date.now() + 1000));
    const [after] = await t.db.select().from(jobs).where(eq(jobs.id, bad.id));
    expect(after).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/could not be opened.*APP_SECRET/) });
    expect(
      await t.db
        .select()
        .from(localEmails)
        .where(eq(localEmails.to, `bad-${to}`)),
    ).toHaveLength(0);
    expect(await tokenInMail(to, "/magic")).toBe("good-token-0123456789abcdef");
  });
});

describe("platform credentials in a database dump (10, decision 064)", () => {
  const META_BUSINESS = "1111222233334444";
  const idToken = ["e30", Buffer.from(JSON.stringify({ email: "ops@agency.example", email_verified: true })).toString("base64url"), "sig"];
  const providers = setupServer(
    http.post("https://oauth2.googleapis.com/token", () =>
      HttpResponse.json({
        access_token: SECRETS.freshAccess,
        expires_in: 3599,
        refresh_token: SECRETS.refreshToken,
        scope: "openid https://www.googleapis.com/auth/analytics.readonly",
        token_type: "Bearer",
        id_token: idToken.join("."),
      }),
    ),
    http.get("https://graph.facebook.com/v25.0/:business", ({ request, params }) =>
      request.headers.get("authorization") === `Bearer ${SECRETS.metaToken}` && params.business === META_BUSINESS
        ? HttpResponse.json({ id: META_BUSINESS, name: "Agency Portfolio" })
        : HttpResponse.json({ error: { message: "Invalid OAuth access token", type: "OAuthException", code: 190 } }, { status: 400 }),
    ),
  );
  beforeAll(() => providers.listen({ onUnhandledRequest: "error" }));
  afterAll(() => providers.close());

  /** A token as it is, and the encodings a careless store would keep it in. */
  function readableForms(tokens: Record<string, string>): Record<string, string> {
    const forms: Record<string, string> = {};
    for (const [what, token] of Object.entries(tokens)) {
      forms[what] = token;
      forms[`${what} (base64)`] = Buffer.from(token).toString("base64").replace(/=+$/, "");
      forms[`${what} (base64url)`] = Buffer.from(token).toString("base64url");
      forms[`${what} (hex)`] = Buffer.from(token).toString("hex");
    }
    return forms;
  }

  it("a Google refresh and access token and a Meta system-user token are in no table and not in the page's data", async () => {
    const cookie = await sessionCookie(world.users.admin.id);
    const path = `/w/${world.a.slug}/settings/connections`;
    const params = { workspace: world.a.slug };

    // Google: the page starts the consent, Google's callback exchanges the code for both tokens.
    const started = await call(connectionsPage.action, makeRequest(path, { form: { intent: "connect-google" }, cookie }), params);
    expect(started.status).toBe(302);
    const state = new URL(started.headers.get("location") ?? "").searchParams.get("state")!;
    const back = await call(
      googleCallback.loader,
      makeRequest(`/connections/google/callback?${new URLSearchParams({ state, code: "good-code" })}`, { cookie }),
    );
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(`${path}?connected=google`);

    // Meta: the system-user token is tried on the Graph API, then kept.
    const meta = await call(
      connectionsPage.action,
      makeRequest(path, { form: { intent: "connect-meta", businessId: META_BUSINESS, token: SECRETS.metaToken }, cookie }),
      params,
    );
    expect(meta.status).toBe(200);
    expect(await meta.text()).not.toContain(SECRETS.metaToken);

    // The tokens are stored (sealed): the dump below would hold them if they were not.
    const rows = await t.db.select().from(platformConnections).where(eq(platformConnections.workspaceId, world.a.id));
    const google = rows.find((r) => r.provider === "google");
    const metaRow = rows.find((r) => r.provider === "meta");
    expect(google?.status).toBe("connected");
    expect(metaRow?.status).toBe("connected");
    expect(openCredential(google!.sealedCredential, "google")).toMatchObject({
      refreshToken: SECRETS.refreshToken,
      accessToken: SECRETS.freshAccess,
    });
    expect(openCredential(metaRow!.sealedCredential, "meta")).toMatchObject({ accessToken: SECRETS.metaToken });

    const tokens = readableForms({ "Google refresh": SECRETS.refreshToken, "Google access": SECRETS.freshAccess, Meta: SECRETS.metaToken });
    const dump = await dumpDatabase();
    expect(dump).toContain(google!.sealedCredential!);
    expectNoToken(dump, tokens);

    // The connections page's loader data: the accounts, never a credential, sealed or not.
    const page = await call(connectionsPage.loader, makeRequest(path, { cookie }), params);
    expect(page.status).toBe(200);
    const data = await page.text();
    expect(data).toContain("ops@agency.example");
    expect(data).toContain("Agency Portfolio");
    expectNoToken(data, tokens);
    for (const row of [google!, metaRow!]) expect(data).not.toContain(row.sealedCredential!);
  });
});

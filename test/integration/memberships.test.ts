import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agencies as agencyTable, auditEvents, invitations, localEmails, memberships } from "@db/schema";
import { action as dirAction } from "~/routes/w.$workspace.directory";
import * as membersRoute from "~/routes/w.$workspace.members";
import * as settingsRoute from "~/routes/w.$workspace.settings";
import * as homeRoute from "~/routes/w.$workspace._index";
import * as inviteRoute from "~/routes/invite.$token";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { createUser } from "../../db/factories";
import { useTestDatabase } from "../support/db";
import { call, makeRequest, sessionCookie } from "../support/http";
import { buildWorld, type World } from "../support/world";
import { newIdempotencyKey } from "~/utils/idempotency.server";

const t = useTestDatabase();
let world: World;
let owner: string;

beforeAll(async () => {
  world = await buildWorld(t.db);
  owner = await sessionCookie(world.users.owner.id);
});

async function invite(email: string, role = "coordinator") {
  const res = await call(
    membersRoute.action,
    makeRequest(`/w/${world.a.slug}/members`, {
      cookie: owner,
      form: { intent: "invite", email, role, idempotencyKey: newIdempotencyKey() },
    }),
    { workspace: world.a.slug },
  );
  expect(res.status).toBe(200);
  while ((await runDueJobs(jobHandlers)) > 0);
  const [mail] = await t.db.select().from(localEmails).where(eq(localEmails.to, email));
  const token = mail.text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1];
  return token;
}

describe("invitations (13, 15)", () => {
  it("is accepted only by the invited email's account; another account gets 403 and nothing changes", async () => {
    const token = await invite("invitee@example.test");
    const stranger = await createUser(t.db, { email: "stranger@example.test" });
    const res = await call(
      inviteRoute.action,
      makeRequest(`/invite/${token}`, { method: "POST", cookie: await sessionCookie(stranger.id) }),
      { token },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/another email address/);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, stranger.id))).toHaveLength(0);

    const invitee = await createUser(t.db, { email: "invitee@example.test" });
    const ok = await call(
      inviteRoute.action,
      makeRequest(`/invite/${token}`, { method: "POST", cookie: await sessionCookie(invitee.id) }),
      { token },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/w/${world.a.slug}`);
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, invitee.id));
    expect(m.role).toBe("coordinator");
    const again = await call(inviteRoute.loader, makeRequest(`/invite/${token}`), { token });
    expect(again.status).toBe(410);
  });

  it("a withdrawn invitation shows the clear 'cannot be used' page and cannot be accepted", async () => {
    const token = await invite("withdrawn@example.test");
    await t.db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.email, "withdrawn@example.test"));
    const page = await call(inviteRoute.loader, makeRequest(`/invite/${token}`), { token });
    expect(page.status).toBe(410);
    expect((await page.json()).state).toBe("revoked");
    const user = await createUser(t.db, { email: "withdrawn@example.test" });
    const res = await call(inviteRoute.action, makeRequest(`/invite/${token}`, { method: "POST", cookie: await sessionCookie(user.id) }), {
      token,
    });
    expect(res.status).toBe(410);
  });
});

describe("role changes take effect on the next request (4)", () => {
  it("a downgraded admin loses the settings page at once; a removed member loses the workspace", async () => {
    const admin = await sessionCookie(world.users.admin.id);
    const params = { workspace: world.a.slug };
    expect((await call(settingsRoute.loader, makeRequest(`/w/${world.a.slug}/settings`, { cookie: admin }), params)).status).toBe(200);
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, world.users.admin.id));
    const change = await call(
      membersRoute.action,
      makeRequest(`/w/${world.a.slug}/members`, {
        cookie: owner,
        form: { intent: "changeRole", membershipId: m.id, assignment: "coordinator" },
      }),
      params,
    );
    expect(change.status).toBe(200);
    expect((await call(settingsRoute.loader, makeRequest(`/w/${world.a.slug}/settings`, { cookie: admin }), params)).status).toBe(404);
    expect((await call(homeRoute.loader, makeRequest(`/w/${world.a.slug}`, { cookie: admin }), params)).status).toBe(200);

    const remove = await call(
      membersRoute.action,
      makeRequest(`/w/${world.a.slug}/members`, { cookie: owner, form: { intent: "remove", membershipId: m.id } }),
      params,
    );
    expect(remove.status).toBe(200);
    expect((await call(homeRoute.loader, makeRequest(`/w/${world.a.slug}`, { cookie: admin }), params)).status).toBe(404);
  });
});

describe("the service enforces who may change whom", () => {
  it("an admin cannot remove the owner or themselves: 400 with the reason, nothing removed", async () => {
    const admin = await sessionCookie(world.users.coordinator.id);
    const [coord] = await t.db.select().from(memberships).where(eq(memberships.userId, world.users.coordinator.id));
    await t.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, coord.id));
    const [ownerRow] = await t.db.select().from(memberships).where(eq(memberships.userId, world.users.owner.id));
    const params = { workspace: world.a.slug };
    for (const [target, reason] of [
      [ownerRow.id, /Only an owner/],
      [coord.id, /your own membership/],
    ] as const) {
      const res = await call(
        membersRoute.action,
        makeRequest(`/w/${world.a.slug}/members`, { cookie: admin, form: { intent: "remove", membershipId: target } }),
        params,
      );
      expect(res.status).toBe(400);
      expect((await res.json()).formError).toMatch(reason);
      expect(await t.db.select().from(memberships).where(eq(memberships.id, target))).toHaveLength(1);
    }
  });
});

describe("directory deletions", () => {
  it("keeps the operator agency (400 with the reason) and deletes another agency with one audit event", async () => {
    const [operator] = await t.db.insert(agencyTable).values({ workspaceId: world.a.id, name: "Our Team", isOperator: true }).returning();
    const params = { workspace: world.a.slug };
    const refused = await call(
      dirAction,
      makeRequest(`/w/${world.a.slug}/directory`, { cookie: owner, form: { intent: "delete-agency", id: operator.id } }),
      params,
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).formError).toMatch(/operator agency/);
    expect(await t.db.select().from(agencyTable).where(eq(agencyTable.id, operator.id))).toHaveLength(1);

    const ok = await call(
      dirAction,
      makeRequest(`/w/${world.a.slug}/directory`, { cookie: owner, form: { intent: "delete-agency", id: world.agencyQ.id } }),
      params,
    );
    expect(ok.status).toBe(200);
    expect(await t.db.select().from(agencyTable).where(eq(agencyTable.id, world.agencyQ.id))).toHaveLength(0);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, world.agencyQ.id))).toHaveLength(1);

    const foreign = await call(
      dirAction,
      makeRequest(`/w/${world.a.slug}/directory`, { cookie: owner, form: { intent: "delete-brand", id: world.brandB.id } }),
      params,
    );
    expect(foreign.status).toBe(404);
  });
});

describe("email-sending endpoints are rate limited (35)", () => {
  it("the 31st invitation from one person in 15 minutes gets 429 and sends nothing more", async () => {
    const sender = await createUser(t.db, { email: "bulk-sender@example.test" });
    await t.db.insert(memberships).values({ workspaceId: world.a.id, userId: sender.id, role: "admin" });
    const cookie = await sessionCookie(sender.id);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await call(
        membersRoute.action,
        makeRequest(`/w/${world.a.slug}/members`, {
          cookie,
          form: { intent: "invite", email: `bulk${i}@example.test`, role: "coordinator", idempotencyKey: newIdempotencyKey() },
        }),
        { workspace: world.a.slug },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await t.db.select().from(invitations).where(eq(invitations.email, "bulk30@example.test"))).toHaveLength(0);
  });
});

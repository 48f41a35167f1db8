import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, auditEvents, jobs, notifications, onboardingLinks, webhookEndpoints } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { makeLink, setIdentities } from "./setup";

/**
 * Issue 13 point 6. When the agency rejects a step of a link the client had finished, the client has
 * work again: the link is no longer complete, and finishing it again is announced again (audit event,
 * the team's notification and email, the webhook), not swallowed as "already completed".
 */
const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  await t.db.insert(webhookEndpoints).values({
    workspaceId: world.a.id,
    url: "https://hooks.example.com/baton",
    eventTypes: ["onboarding.completed"],
    secret: "whsec_test",
  });
});

async function clientConfirms(token: string, stepId: string) {
  const { action } = await import("~/routes/onboard.$token");
  return call(action, makeRequest(`/onboard/${token}`, { form: { intent: "confirm", stepId, assetId: "312456789" }, ip: "192.0.2.60" }), {
    token,
  });
}

async function agencyRejects(linkId: string, stepId: string) {
  const { action } = await import("~/routes/w.$workspace.onboarding.$linkId");
  const cookie = await sessionCookie(world.users.admin.id);
  return call(
    action,
    makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, {
      cookie,
      form: { intent: "reject", stepId, reason: "The property shows no user yet." },
    }),
    { workspace: world.a.slug, linkId },
  );
}

/** Every way the link's completion is announced, counted. */
async function announcements(linkId: string) {
  const audits = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, linkId), eq(auditEvents.action, "onboarding.completed")));
  const queued = await t.db.select().from(jobs);
  const notes = await t.db.select().from(notifications).where(eq(notifications.workspaceId, world.a.id));
  const url = `/w/${world.a.slug}/onboarding/${linkId}`;
  return {
    audit: audits.length,
    notification: notes.filter((n) => n.title.endsWith("finished onboarding") && n.url === url).length,
    email: queued.filter((j) => j.kind === "email" && (j.payload as { template?: string }).template === "onboarding-completed").length,
    webhook: queued.filter(
      (j) =>
        j.kind === "webhook" &&
        (j.payload as { type?: string; body?: { data?: { linkId?: string } } }).type === "onboarding.completed" &&
        (j.payload as { body: { data: { linkId: string } } }).body.data.linkId === linkId,
    ).length,
  };
}

const completedAt = async (linkId: string) =>
  (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0].completedAt;

describe("rejecting a step of a completed link", () => {
  it("un-completes the link, and completing it again is announced again", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, {
      clientEmail: "again@client.example",
      platforms: [{ platformKey: "ga4", role: "Analyst" }],
    });
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));

    expect((await clientConfirms(token, step.id)).status).toBe(302);
    expect(await completedAt(linkId)).toBeInstanceOf(Date);
    const first = await announcements(linkId);
    expect(first).toEqual({ audit: 1, notification: expect.any(Number), email: expect.any(Number), webhook: 1 });
    expect(first.notification).toBeGreaterThan(0);
    expect(first.email).toBe(first.notification);

    expect((await agencyRejects(linkId, step.id)).status).toBe(200);
    expect(await completedAt(linkId)).toBeNull();
    expect(await announcements(linkId)).toEqual(first);

    expect((await clientConfirms(token, step.id)).status).toBe(302);
    expect(await completedAt(linkId)).toBeInstanceOf(Date);
    expect(await announcements(linkId)).toEqual({ audit: 2, notification: 2 * first.notification, email: 2 * first.email, webhook: 2 });
  });
});

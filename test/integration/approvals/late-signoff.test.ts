import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { jobs } from "@db/schema";
import { BLOCK_JOB } from "~/modules/approvals/deadlines.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { auditFor, campaignFixture, decisionsOf, deliverableRow, HOUR, submittedDeliverable } from "./fixtures";

/**
 * Issue 13 point 4. The deadline job blocks a deliverable a second after its sign-off deadline, but
 * the worker may be late (busy, down). A brand sign-off posted in that gap must still be refused by
 * the server itself: 409, no decision row, the status unchanged.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
});
afterEach(() => vi.useRealTimers());

async function post(id: string, who: keyof World["users"], form: Record<string, string>) {
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  const res = await call(
    action,
    makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form, cookie: await sessionCookie(world.users[who].id) }),
    { workspace: world.a.slug, deliverableId: id },
  );
  return { status: res.status, body: await jsonOf<{ ok: boolean; formError: string | null }>(res) };
}

describe("a brand sign-off after the deadline, before the block job ran", () => {
  it("is refused with 409: no decision, no sign-off, status still in review", async () => {
    // Goes live in 49 h: the 48 h sign-off deadline is 1 h away. The agency stage approves in time.
    const id = await submittedDeliverable(world, campaign, { publishInHours: 49 });
    expect((await post(id, "agencyMember", { intent: "decide", version: "1", decision: "approve" })).status).toBe(200);

    // Two hours later: the deadline has passed, but no worker has run the block job.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * HOUR });
    const blockJobs = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, BLOCK_JOB), eq(jobs.status, "pending")));
    expect(blockJobs.filter((j) => (j.payload as { deliverableId: string }).deliverableId === id)).toHaveLength(1);
    expect((await deliverableRow(t.db, id)).status).toBe("in_review");

    const late = await post(id, "brandLead", { intent: "decide", version: "1", decision: "approve" });
    expect(late.status).toBe(409);
    expect(late.body.formError).toBe(
      "The sign-off deadline has passed, so a sign-off no longer counts. Reschedule the deliverable a full sign-off window ahead first.",
    );
    expect((await decisionsOf(t.db, id)).map((d) => d.userId)).toEqual([world.users.agencyMember.id]);
    expect(await deliverableRow(t.db, id)).toMatchObject({
      status: "in_review",
      signedOffAt: null,
      signedOffVersion: null,
      signedOffBy: null,
    });
    expect(await auditFor(t.db, id, "draft.signed_off")).toHaveLength(0);
  });

  it("the same sign-off one minute before the deadline counts (the refusal is about time, not the stage)", async () => {
    const id = await submittedDeliverable(world, campaign, { publishInHours: 49 });
    expect((await post(id, "agencyMember", { intent: "decide", version: "1", decision: "approve" })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + HOUR - 60_000 });
    expect(await post(id, "brandLead", { intent: "decide", version: "1", decision: "approve" })).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect((await deliverableRow(t.db, id)).status).toBe("signed_off");
  });
});

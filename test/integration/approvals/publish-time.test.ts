import { count, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverables } from "@db/schema";
import { submitVersion } from "~/modules/approvals/submit.server";
import { IDEMPOTENCY_FIELD } from "~/utils/idempotency";
import { newIdempotencyKey } from "~/utils/idempotency.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture, ctxOf, GOOD_COPY, GOOD_LINK, submittedDeliverable } from "./fixtures";

/**
 * Every door that sets a publish time (create, reschedule on the deliverable page, move on the
 * conflicts page) accepts and refuses the same times with the same words: one definition in
 * app/modules/approvals/publish-time.ts. And a deliverable's stored channel is never guessed.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
let coordinator: string;

type Answer = { errors: Record<string, string[]>; formError: string | null };
const local = (at: DateTime) => at.toUTC().toFormat("yyyy-LL-dd'T'HH:mm");
const FOUR_YEARS = () => local(DateTime.utc().plus({ years: 4 }));
const PAST = () => local(DateTime.utc().minus({ days: 1 }));
const IN_A_MONTH = () => local(DateTime.utc().plus({ days: 30 }).set({ hour: 10, minute: 0 }));

async function create(publishAt: string) {
  const { action } = await import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new");
  const form = { title: "Thread", channel: "x", creatorId: "", publishAt, [IDEMPOTENCY_FIELD]: newIdempotencyKey() };
  return call(action, makeRequest(`/w/${world.a.slug}/campaigns/${campaign.id}/deliverables/new`, { form, cookie: coordinator }), {
    workspace: world.a.slug,
    campaignId: campaign.id,
  });
}

async function reschedule(deliverableId: string, publishAt: string) {
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  const form = { intent: "reschedule", publishAt };
  return call(action, makeRequest(`/w/${world.a.slug}/deliverables/${deliverableId}`, { form, cookie: coordinator }), {
    workspace: world.a.slug,
    deliverableId,
  });
}

async function move(deliverableId: string, publishAt: string) {
  const { action } = await import("~/routes/w.$workspace.conflicts");
  const form = { intent: "move", deliverableId, publishAt };
  return call(action, makeRequest(`/w/${world.a.slug}/conflicts`, { form, cookie: coordinator }), { workspace: world.a.slug });
}

const deliverableCount = async () => (await t.db.select({ n: count() }).from(deliverables))[0].n;

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
  coordinator = await sessionCookie(world.users.coordinator.id);
});

describe("publish time", () => {
  it("is refused the same way by create, reschedule and the conflicts page's move", async () => {
    const id = await submittedDeliverable(world, campaign, { submit: false });
    for (const [time, message] of [
      [FOUR_YEARS(), "Pick a publish time within the next three years."],
      [PAST(), "Pick a publish time in the future."],
    ]) {
      const before = await deliverableCount();
      for (const res of [await create(time), await reschedule(id, time), await move(id, time)]) {
        expect(res.status, time).toBe(400);
        expect((await jsonOf<Answer>(res)).errors.publishAt, time).toEqual([message]);
      }
      expect(await deliverableCount()).toBe(before);
    }
  });

  it("is accepted the same way by all three", async () => {
    const id = await submittedDeliverable(world, campaign, { submit: false, title: "Second" });
    expect((await create(IN_A_MONTH())).status).toBe(302);
    expect((await reschedule(id, IN_A_MONTH())).status).toBe(200);
    expect((await move(id, local(DateTime.utc().plus({ days: 31 }).set({ hour: 10, minute: 0 })))).status).toBe(200);
  });
});

describe("a stored channel", () => {
  it("that is not a channel stops the submit instead of being checked as Instagram", async () => {
    const id = await submittedDeliverable(world, campaign, { submit: false, title: "Legacy" });
    await t.db.update(deliverables).set({ channel: "myspace" }).where(eq(deliverables.id, id));
    const creator = await ctxOf(world, "creator");
    const input = { deliverableId: id, copy: GOOD_COPY, title: null, link: GOOD_LINK, mediaFileIds: [], basedOnVersion: 0 };
    await expect(submitVersion(creator, input)).rejects.toThrow(/Unknown channel "myspace"/);
  });
});

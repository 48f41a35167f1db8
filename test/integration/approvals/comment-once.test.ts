import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, draftComments } from "@db/schema";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { campaignFixture, submittedDeliverable } from "./fixtures";

/**
 * A comment is added once per form (security.md 34): the page's key makes a double click, a resent
 * form or two tabs sending the same form add one comment and one audit event; and a refused comment
 * comes back with what was typed, so a page without JavaScript does not lose it.
 */
const t = useTestDatabase();
let world: World;
let id: string;

async function post(form: Record<string, string>) {
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  return call(
    action,
    makeRequest(`/w/${world.a.slug}/deliverables/${id}`, { form, cookie: await sessionCookie(world.users.coordinator.id) }),
    { workspace: world.a.slug, deliverableId: id },
  );
}

const commentsWith = async (body: string) => (await t.db.select().from(draftComments).where(eq(draftComments.body, body))).length;

beforeAll(async () => {
  world = await buildWorld(t.db);
  id = await submittedDeliverable(world, await campaignFixture(t.db, world));
});

describe("a comment form sent more than once", () => {
  it("adds one comment and one audit event for one key, however often and however concurrently it is sent", async () => {
    const form = { intent: "comment", version: "1", body: "Sent from two tabs at once.", idempotencyKey: "comment-key-0001" };
    const answers = await Promise.all([post(form), post(form), post(form)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await post(form)).status).toBe(200);
    expect(await commentsWith("Sent from two tabs at once.")).toBe(1);
    const audited = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, "draft.commented")));
    expect(audited).toHaveLength(1);
  });

  it("adds a second comment for a second key (the page's next load), even with the same words", async () => {
    await post({ intent: "comment", version: "1", body: "Same words, twice.", idempotencyKey: "comment-key-0002" });
    await post({ intent: "comment", version: "1", body: "Same words, twice.", idempotencyKey: "comment-key-0003" });
    expect(await commentsWith("Same words, twice.")).toBe(2);
  });

  it("refuses a tampered key with a 400 and adds nothing", async () => {
    const res = await post({ intent: "comment", version: "1", body: "Bad key.", idempotencyKey: "no spaces\u0000allowed" });
    expect(res.status).toBe(400);
    expect(await commentsWith("Bad key.")).toBe(0);
  });
});

describe("a refused comment", () => {
  it("comes back with what was typed", async () => {
    const typed = "This goes with a pin on a file that is not there.";
    const res = await post({
      intent: "comment",
      version: "1",
      body: typed,
      pin: "ffffffffffffffffffffffffffffffff:100:100",
      idempotencyKey: "comment-key-0004",
    });
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toMatchObject({ ok: false, values: { body: typed } });
    expect(await commentsWith(typed)).toBe(0);
  });
});

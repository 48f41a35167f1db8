import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverables, users } from "@db/schema";
import { seedDemo } from "../../../db/seed";
import { DEMO_APPROVALS } from "../../../db/seeds/approvals";
import { approvalsWaiting } from "~/modules/approvals/waiting.server";
import { DELIVERABLE_STATUSES } from "~/modules/approvals/deliverable-status";
import { useTestDatabase } from "../../support/db";
import { memberContext } from "../services/helpers";

const t = useTestDatabase();

async function ctxFor(email: string) {
  const [u] = await t.db.select().from(users).where(eq(users.email, email));
  return memberContext(u.id, "northwind");
}

beforeAll(async () => {
  await seedDemo(t.db);
});

describe("the approvals demo data", () => {
  it("has drafts in every approval state", async () => {
    const rows = await t.db.select({ status: deliverables.status, title: deliverables.title }).from(deliverables);
    const states = new Set(rows.map((r) => r.status));
    for (const s of DELIVERABLE_STATUSES) expect(states, s).toContain(s);
    // And one blocked: a flag beside its status (in review, the agency approved, the brand missed the deadline).
    const [blocked] = await t.db.select().from(deliverables).where(eq(deliverables.title, DEMO_APPROVALS.blocked));
    expect(blocked).toMatchObject({ status: "in_review", blocked: true });
  });

  it("one sign-off waits on lead@lumen.test with a deadline about a day away; Maya has changes requested", async () => {
    const lead = await approvalsWaiting(await ctxFor("lead@lumen.test"));
    const signoff = lead.find((w) => w.title.startsWith(DEMO_APPROVALS.awaitingSignoff));
    expect(signoff?.kind).toBe("signoff");
    const left = new Date(signoff!.dueAt!).getTime() - Date.now();
    expect(left).toBeGreaterThan(20 * 3_600_000);
    expect(left).toBeLessThan(36 * 3_600_000);
    const maya = await approvalsWaiting(await ctxFor("creator@studio.test"));
    expect(maya.find((w) => w.title.startsWith(DEMO_APPROVALS.changesRequested))?.kind).toBe("changes_requested");
    expect(maya.find((w) => w.title === DEMO_APPROVALS.firstDraft)?.kind).toBe("draft_due");
    // Most urgent first.
    const due = maya.map((w) => w.dueAt!);
    expect([...due].sort()).toEqual(due);
  });

  it("the home asks only for the soonest deadlines: the same items as the full list, cut after the limit", async () => {
    const { waitingItems } = await import("~/modules/approvals/queue.server");
    const ctx = await ctxFor("creator@studio.test");
    const all = await waitingItems(ctx);
    expect(all.length).toBeGreaterThan(2);
    const byDeadline = [...all].sort((a, b) => a.deadline.localeCompare(b.deadline)).map((i) => i.id);
    expect((await waitingItems(ctx, { soonest: 2 })).map((i) => i.id)).toEqual(byDeadline.slice(0, 2));
  });
});

import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { brands, briefVersions, briefs, campaigns, users } from "@db/schema";
import { seedDemo } from "../../../db/seed";
import { publishBrief } from "~/modules/briefs/publish.server";
import { useTestDatabase } from "../../support/db";
import { memberContext } from "../services/helpers";

/** publishBrief checks the campaign's visibility itself (campaignScope), not only the route in front of it. */
const t = useTestDatabase();

beforeAll(async () => {
  await seedDemo(t.db);
});

describe("publishBrief and the campaign's scope", () => {
  it("answers not_found to a member who cannot see the campaign, and publishes nothing", async () => {
    const [lumen] = await t.db.select().from(brands).where(eq(brands.name, "Lumen Skincare"));
    const [other] = await t.db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, lumen.workspaceId), ne(campaigns.brandId, lumen.id)))
      .limit(1);
    const [brief] = await t.db.select().from(briefs).where(eq(briefs.campaignId, other.id));
    await t.db
      .update(briefs)
      .set({ draft: { ...(brief.draft as Record<string, unknown>), keyMessage: "A new key message nobody may publish." } })
      .where(eq(briefs.id, brief.id));
    const before = await t.db.select().from(briefVersions).where(eq(briefVersions.campaignId, other.id));
    const [lead] = await t.db.select().from(users).where(eq(users.email, "lead@lumen.test"));
    const ctx = await memberContext(lead.id, "northwind");

    const outcome = await publishBrief(ctx, { campaignId: other.id });

    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem.kind).toBe("not_found");
    expect(await t.db.select().from(briefVersions).where(eq(briefVersions.campaignId, other.id))).toHaveLength(before.length);
  });

  it("publishes for a member who sees the whole workspace", async () => {
    const [lumen] = await t.db.select().from(brands).where(eq(brands.name, "Lumen Skincare"));
    const [other] = await t.db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, lumen.workspaceId), ne(campaigns.brandId, lumen.id)))
      .limit(1);
    const [coordinator] = await t.db.select().from(users).where(eq(users.email, "coordinator@northwind.test"));
    const outcome = await publishBrief(await memberContext(coordinator.id, "northwind"), { campaignId: other.id });
    // Either published or refused for a rule of the brief: never "not found" for someone who sees it.
    expect(outcome.ok || outcome.problem.kind !== "not_found").toBe(true);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { briefVersions, briefs, campaigns, users, workspaces } from "@db/schema";
import { seedDemo } from "../../../db/seed";
import { publishBrief } from "~/modules/briefs/publish.server";
import { unwrap } from "~/utils/outcome";
import type { BriefDraft } from "~/modules/briefs/core-sections";
import { publishProblems, publishRulesOf } from "~/modules/briefs/publish-rules";
import { useTestDatabase } from "../../support/db";
import { memberContext } from "../services/helpers";

/** The demo must show briefs that can be published under the publish rules (issue 12, point 2). */
const t = useTestDatabase();

beforeAll(async () => {
  await seedDemo(t.db);
});

describe("the briefs demo data", () => {
  it("has no impossible plan and no disclosure the demo workspace does not accept, drafted or published", async () => {
    const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.slug, "northwind"));
    const rules = publishRulesOf(ws);
    const drafts = await t.db.select({ draft: briefs.draft }).from(briefs).where(eq(briefs.workspaceId, ws.id));
    const versions = await t.db.select({ content: briefVersions.content }).from(briefVersions).where(eq(briefVersions.workspaceId, ws.id));
    expect(drafts.length).toBeGreaterThan(0);
    expect(versions.length).toBeGreaterThan(0);
    for (const brief of [...drafts.map((d) => d.draft), ...versions.map((v) => v.content)]) {
      expect(publishProblems(brief as BriefDraft, rules)).toEqual([]);
    }
  });

  it("a demo brief publishes its next version", async () => {
    const [campaign] = await t.db.select().from(campaigns).where(eq(campaigns.name, "Lumen Summer Paid Push"));
    const [brief] = await t.db.select().from(briefs).where(eq(briefs.campaignId, campaign.id));
    await t.db
      .update(briefs)
      .set({ draft: { ...(brief.draft as Record<string, unknown>), keyMessage: "Summer-proof skin, in one step." } })
      .where(eq(briefs.id, brief.id));
    const [coordinator] = await t.db.select().from(users).where(eq(users.email, "coordinator@northwind.test"));
    const ctx = await memberContext(coordinator.id, "northwind");
    expect(unwrap(await publishBrief(ctx, { campaignId: campaign.id })).version).toBe(2);
  });
});

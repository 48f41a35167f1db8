import type { Database } from "../../../db/client";
import { issueLink } from "~/modules/approvals/decision-links/tokens.server";
import type { World } from "../../support/world";
import { campaignFixture, submittedDeliverable } from "../approvals/fixtures";
import { EVERYONE, type RouteCase } from "../route-types";

const page = () => import("~/routes/d.$token");
const media = () => import("~/routes/d.$token.files.$fileId");
const EVERY_SESSION = [...EVERYONE];

/**
 * The decision link routes (decision 052), covered by the tenant-isolation test. A token, not a
 * session, is the key: whoever is signed in (a member of workspace A of any role, or B's owner),
 * a token reaches only its own deliverable, inside its person's scope, and that deliverable's files.
 * So every case below is 404 for every session: a session never widens what a link reaches.
 */
const nobody = (name: string, c: Omit<RouteCase, "name" | "allowed" | "denied">): RouteCase => ({
  name,
  ...c,
  allowed: [],
  denied: EVERY_SESSION,
});

export const ROUTES: RouteCase[] = [
  nobody("decision link (unknown token)", { path: "/d/:token", method: "GET", params: { token: "unknownDecisionToken" }, load: page }),
  nobody("decision link, decide (unknown token)", {
    path: "/d/:token",
    method: "POST",
    params: { token: "unknownDecisionToken" },
    load: page,
    form: { intent: "decide", version: "1", decision: "approve" },
  }),
  nobody("decision link of brand X's lead to brand Y's deliverable", {
    path: "/d/:token",
    method: "GET",
    params: { token: "leadXOnBrandYToken" },
    load: page,
  }),
  nobody("decision link of brand X's lead to brand Y's deliverable (sign off)", {
    path: "/d/:token",
    method: "POST",
    params: { token: "leadXOnBrandYToken" },
    load: page,
    form: { intent: "decide", version: "1", decision: "approve" },
  }),
  nobody("decision link media: a file of its workspace that the deliverable does not list", {
    path: "/d/:token/files/:fileId",
    method: "GET",
    params: { token: "leadXToken", fileId: "fileA" },
    load: media,
  }),
  nobody("decision link media: a file of workspace B", {
    path: "/d/:token/files/:fileId",
    method: "GET",
    params: { token: "leadXToken", fileId: "fileB" },
    load: media,
  }),
];

/** Links the routes above refer to (by key in their `params`), in workspace A. */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const campaignX = await campaignFixture(db, world, { name: "Links X" });
  const campaignY = await campaignFixture(db, world, { name: "Links Y", brandId: world.brandY.id, agencyId: world.agencyQ.id });
  const dlvX = await submittedDeliverable(world, campaignX, { title: "Links X reel" });
  const dlvY = await submittedDeliverable(world, campaignY, { title: "Links Y reel", submit: false });
  const link = (deliverableId: string) =>
    issueLink(db, { purpose: "decision", workspaceId: world.a.id, userId: world.users.brandLead.id, deliverableId });
  return {
    leadXToken: await link(dlvX),
    leadXOnBrandYToken: await link(dlvY),
    unknownDecisionToken: "U".repeat(43),
  };
}

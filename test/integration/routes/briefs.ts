import { briefVersions, briefs, campaignCreators, campaigns } from "@db/schema";
import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import { EVERYONE, SCOPED, type RouteCase, type Who } from "../route-types";

/** The briefs capability's workspace routes, covered by the tenant-isolation test. */
const MANAGERS: Who[] = ["owner", "admin", "coordinator"];

const campaignPage = () => import("~/routes/w.$workspace.campaigns.$campaignId._index");
const campaignEdit = () => import("~/routes/w.$workspace.campaigns.$campaignId.edit");
const briefRead = () => import("~/routes/w.$workspace.campaigns.$campaignId.brief._index");
const briefEdit = () => import("~/routes/w.$workspace.campaigns.$campaignId.brief.edit");
const briefChanges = () => import("~/routes/w.$workspace.campaigns.$campaignId.brief.changes");

const mine = { campaignId: "campaignMine" };
const other = { campaignId: "campaignOther" };

export const ROUTES: RouteCase[] = [
  {
    name: "brief template",
    path: "/w/:workspace/brief-template",
    method: "GET",
    load: () => import("~/routes/w.$workspace.brief-template"),
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "brief template (action)",
    path: "/w/:workspace/brief-template",
    method: "POST",
    load: () => import("~/routes/w.$workspace.brief-template"),
    form: { intent: "add", baseVersion: "0", label: "Budget", type: "number" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "campaigns",
    path: "/w/:workspace/campaigns",
    method: "GET",
    load: () => import("~/routes/w.$workspace.campaigns._index"),
    allowed: EVERYONE,
  },
  {
    name: "new campaign",
    path: "/w/:workspace/campaigns/new",
    method: "GET",
    load: () => import("~/routes/w.$workspace.campaigns.new"),
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "new campaign (action)",
    path: "/w/:workspace/campaigns/new",
    method: "POST",
    load: () => import("~/routes/w.$workspace.campaigns.new"),
    form: { name: "Sneaky" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
  // A campaign everyone scoped in workspace A is on (brand X, agency P, creator M)...
  {
    name: "campaign (on it)",
    path: "/w/:workspace/campaigns/:campaignId",
    method: "GET",
    params: mine,
    load: campaignPage,
    allowed: EVERYONE,
  },
  {
    name: "campaign brief (on it)",
    path: "/w/:workspace/campaigns/:campaignId/brief",
    method: "GET",
    params: mine,
    load: briefRead,
    allowed: EVERYONE,
  },
  {
    name: "campaign brief changes (on it)",
    path: "/w/:workspace/campaigns/:campaignId/brief/changes",
    method: "GET",
    params: mine,
    load: briefChanges,
    allowed: EVERYONE,
  },
  // ...and one none of them is on (brand Y, agency Q, creator N): 404 as if it did not exist.
  {
    name: "campaign (not on it)",
    path: "/w/:workspace/campaigns/:campaignId",
    method: "GET",
    params: other,
    load: campaignPage,
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "campaign (action)",
    path: "/w/:workspace/campaigns/:campaignId",
    method: "POST",
    params: mine,
    load: campaignPage,
    form: { intent: "transition", event: "cancel", rowVersion: "0" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "campaign (action, not on it)",
    path: "/w/:workspace/campaigns/:campaignId",
    method: "POST",
    params: other,
    load: campaignPage,
    form: { intent: "transition", event: "cancel", rowVersion: "0" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "edit campaign",
    path: "/w/:workspace/campaigns/:campaignId/edit",
    method: "GET",
    params: mine,
    load: campaignEdit,
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "edit campaign (action)",
    path: "/w/:workspace/campaigns/:campaignId/edit",
    method: "POST",
    params: mine,
    load: campaignEdit,
    form: { rowVersion: "0", name: "Renamed" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "campaign brief (not on it)",
    path: "/w/:workspace/campaigns/:campaignId/brief",
    method: "GET",
    params: other,
    load: briefRead,
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "campaign brief (action, not on it)",
    path: "/w/:workspace/campaigns/:campaignId/brief",
    method: "POST",
    params: other,
    load: briefRead,
    form: { intent: "comment", section: "keyMessage", kind: "question", body: "Hello?" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "campaign brief changes (not on it)",
    path: "/w/:workspace/campaigns/:campaignId/brief/changes",
    method: "GET",
    params: other,
    load: briefChanges,
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "brief editor",
    path: "/w/:workspace/campaigns/:campaignId/brief/edit",
    method: "GET",
    params: mine,
    load: briefEdit,
    allowed: MANAGERS,
    denied: SCOPED,
  },
  {
    name: "brief editor (action)",
    path: "/w/:workspace/campaigns/:campaignId/brief/edit",
    method: "POST",
    params: mine,
    load: briefEdit,
    form: { intent: "save", keyMessage: "Overwritten" },
    allowed: MANAGERS,
    denied: SCOPED,
  },
];

/** Objects the routes above refer to (by key in their `params`), created in workspace A. */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const now = Date.now();
  const make = async (name: string, brandId: string, leadAgencyId: string, creatorId: string) => {
    const [row] = await db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId,
        leadAgencyId,
        name,
        channels: ["instagram"],
        status: "briefed",
        startsAt: new Date(now + 86_400_000),
        endsAt: new Date(now + 30 * 86_400_000),
        coordinatorId: world.users.coordinator.id,
      })
      .returning();
    await db.insert(campaignCreators).values({ campaignId: row.id, creatorId, workspaceId: world.a.id });
    const content = { keyMessage: `${name}: the message` };
    const [brief] = await db
      .insert(briefs)
      .values({ workspaceId: world.a.id, campaignId: row.id, templateVersion: 1, draft: content, publishedVersion: 1 })
      .returning();
    await db
      .insert(briefVersions)
      .values({ workspaceId: world.a.id, briefId: brief.id, campaignId: row.id, version: 1, templateVersion: 1, content });
    return row.id;
  };
  return {
    campaignMine: await make("Isolation: ours", world.brandX.id, world.agencyP.id, world.creatorM.id),
    campaignOther: await make("Isolation: theirs", world.brandY.id, world.agencyQ.id, world.creatorN.id),
  };
}

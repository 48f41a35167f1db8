import { eq } from "drizzle-orm";
import { campaignCreators, campaigns } from "@db/schema";
import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import { ADMINS, EVERYONE, SCOPED, type RouteCase } from "../route-types";
import { decide } from "~/modules/approvals/decide.server";
import { campaignFixture, ctxOf, submittedDeliverable } from "../approvals/fixtures";

const deliverable = () => import("~/routes/w.$workspace.deliverables.$deliverableId");
const newDeliverable = () => import("~/routes/w.$workspace.campaigns.$campaignId.deliverables.new");
const routeEditor = () => import("~/routes/w.$workspace.campaigns.$campaignId.route");
const evidencePage = () => import("~/routes/w.$workspace.deliverables.$deliverableId_.evidence");
const evidenceJson = () => import("~/routes/w.$workspace.deliverables.$deliverableId_.evidence[.]json");
/** Who reads an evidence pack (decision 057): the team and the brand's lead, not creators or client contacts. */
const EVIDENCE_READERS = [...ADMINS, "coordinator" as const, "agencyMember" as const, "brandLead" as const];
const STAFF = [...ADMINS, "coordinator" as const];

/**
 * The approvals capability's workspace routes, covered by the tenant-isolation test.
 * "dlvX" belongs to brand X (agency P, creator M: every scoped member of the world sees it);
 * "dlvY" to brand Y (agency Q, creator N: none of them does). A brand lead of brand X can neither
 * see nor sign off brand Y's drafts.
 */
const onY = (name: string, form: Record<string, string>): RouteCase => ({
  name: `deliverable of another brand (${name})`,
  path: "/w/:workspace/deliverables/:deliverableId",
  method: "POST",
  params: { deliverableId: "dlvY" },
  load: deliverable,
  form,
  allowed: [],
  denied: SCOPED,
});

export const ROUTES: RouteCase[] = [
  {
    name: "approvals queue",
    path: "/w/:workspace/approvals",
    method: "GET",
    load: () => import("~/routes/w.$workspace.approvals"),
    allowed: EVERYONE,
  },
  {
    name: "deliverable",
    path: "/w/:workspace/deliverables/:deliverableId",
    method: "GET",
    params: { deliverableId: "dlvX" },
    load: deliverable,
    allowed: EVERYONE,
  },
  {
    name: "deliverable of another brand",
    path: "/w/:workspace/deliverables/:deliverableId",
    method: "GET",
    params: { deliverableId: "dlvY" },
    load: deliverable,
    allowed: STAFF,
    denied: SCOPED,
  },
  onY("sign off", { intent: "decide", version: "1", decision: "approve" }),
  onY("request changes", { intent: "decide", version: "1", decision: "request_changes", comment: "No." }),
  onY("submit", {
    intent: "submit",
    copy: "Hello #ad",
    link: "https://lumen.example/?utm_source=baton&utm_campaign=x",
    basedOnVersion: "1",
  }),
  onY("comment", { intent: "comment", version: "1", body: "Hello" }),
  // A pin is checked only after the deliverable is found: its refusal must not tell another brand's draft exists (decision 058).
  onY("pinned comment", { intent: "comment", version: "1", body: "Here", pin: `${"a".repeat(32)}:5000:5000` }),
  onY("schedule", { intent: "schedule" }),
  onY("unschedule", { intent: "unschedule" }),
  onY("publish", { intent: "publish", liveUrl: "https://instagram.com/p/x" }),
  onY("reschedule", { intent: "reschedule", publishAt: "2031-01-01T10:00" }),
  onY("reschedule to the earliest allowed time", { intent: "reschedule_earliest" }),
  onY("override", { intent: "override", reason: "Approved by phone with the brand." }),
  {
    name: "deliverable (override a block: admins only)",
    path: "/w/:workspace/deliverables/:deliverableId",
    method: "POST",
    params: { deliverableId: "dlvX" },
    load: deliverable,
    form: { intent: "override", reason: "Approved by phone with the brand." },
    allowed: ADMINS,
    denied: ["agencyMember", "brandLead", "creator", "clientContact"],
  },
  ...[
    { name: "evidence pack", load: evidencePage, path: "/w/:workspace/deliverables/:deliverableId/evidence" },
    { name: "evidence pack (JSON)", load: evidenceJson, path: "/w/:workspace/deliverables/:deliverableId/evidence.json" },
  ].flatMap(({ name, load, path }): RouteCase[] => [
    {
      name,
      path,
      method: "GET",
      params: { deliverableId: "dlvXSealed" },
      load,
      allowed: EVIDENCE_READERS,
      denied: ["creator", "clientContact"],
    },
    { name: `${name} of another brand`, path, method: "GET", params: { deliverableId: "dlvY" }, load, allowed: [], denied: SCOPED },
  ]),
  {
    name: "new deliverable",
    path: "/w/:workspace/campaigns/:campaignId/deliverables/new",
    method: "GET",
    params: { campaignId: "campaignX" },
    load: newDeliverable,
    allowed: [...STAFF, "agencyMember"],
    denied: ["brandLead", "creator", "clientContact"],
  },
  {
    name: "new deliverable (other agency's campaign)",
    path: "/w/:workspace/campaigns/:campaignId/deliverables/new",
    method: "GET",
    params: { campaignId: "campaignY" },
    load: newDeliverable,
    allowed: STAFF,
    denied: SCOPED,
  },
  {
    name: "new deliverable (action)",
    path: "/w/:workspace/campaigns/:campaignId/deliverables/new",
    method: "POST",
    params: { campaignId: "campaignY" },
    load: newDeliverable,
    form: { title: "Reel", channel: "instagram", publishAt: "2031-01-01T10:00" },
    allowed: STAFF,
    denied: SCOPED,
  },
  {
    name: "approval route",
    path: "/w/:workspace/campaigns/:campaignId/route",
    method: "GET",
    params: { campaignId: "campaignX" },
    load: routeEditor,
    allowed: STAFF,
    denied: SCOPED,
  },
  {
    name: "approval route (action)",
    path: "/w/:workspace/campaigns/:campaignId/route",
    method: "POST",
    params: { campaignId: "campaignX" },
    load: routeEditor,
    form: { reviewHours: "24", signoffRule: "any" },
    allowed: STAFF,
    denied: SCOPED,
  },
];

/** Objects the routes above refer to (by key in their `params`), created in workspace A. */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const campaignX = await campaignFixture(db, world, { name: "Isolation X" });
  const dlvX = await submittedDeliverable(world, campaignX, { title: "Brand X reel" });
  const campaignY = await campaignFixture(db, world, { name: "Isolation Y", brandId: world.brandY.id, agencyId: world.agencyQ.id });
  // Brand Y's campaign is creator N's, not creator M's.
  await db.delete(campaignCreators).where(eq(campaignCreators.campaignId, campaignY.id));
  await db.insert(campaignCreators).values({ campaignId: campaignY.id, creatorId: world.creatorN.id, workspaceId: world.a.id });
  await db.update(campaigns).set({ coordinatorId: world.users.coordinator.id }).where(eq(campaigns.id, campaignY.id));
  const dlvY = await submittedDeliverable(world, campaignY, { title: "Brand Y reel", submit: false, creatorId: world.creatorN.id });
  // Signed off by the agency and the brand lead: its evidence pack is sealed.
  const dlvXSealed = await submittedDeliverable(world, campaignX, { title: "Brand X signed-off reel" });
  for (const who of ["agencyMember", "brandLead"] as const) {
    const done = await decide(await ctxOf(world, who), { deliverableId: dlvXSealed, version: 1, decision: "approve", comment: null });
    if (!done.ok) throw new Error(done.problem.message);
  }
  return { campaignX: campaignX.id, campaignY: campaignY.id, dlvX, dlvY, dlvXSealed };
}

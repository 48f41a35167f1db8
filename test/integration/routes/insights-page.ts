import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import type { RouteCase, Who } from "../route-types";

/** Everyone who works on campaigns sees the insights of what they may see; client contacts follow a calendar and see none. */
const VIEWERS: Who[] = ["owner", "admin", "coordinator", "agencyMember", "brandLead", "creator"];
const page = () => import("~/routes/w.$workspace.insights._index");
const csv = () => import("~/routes/w.$workspace.insights[.]csv");
const stuck = () => import("~/routes/w.$workspace.insights.stuck");

/** The insights page, its CSV and "stuck now" (issue 16), covered by the tenant-isolation test. */
export const ROUTES: RouteCase[] = [
  { name: "insights", path: "/w/:workspace/insights", method: "GET", load: page, allowed: VIEWERS, denied: ["clientContact"] },
  {
    name: "insights (filtered to a brand)",
    path: "/w/:workspace/insights?brand=:brandId",
    params: { brandId: "brandX" },
    method: "GET",
    load: page,
    allowed: ["owner", "admin", "coordinator", "brandLead"],
    denied: ["clientContact"],
  },
  {
    name: "insights csv",
    path: "/w/:workspace/insights.csv?table=headlines",
    method: "GET",
    load: csv,
    allowed: VIEWERS,
    denied: ["clientContact"],
  },
  {
    name: "insights csv (stuck now)",
    path: "/w/:workspace/insights.csv?table=stuck",
    method: "GET",
    load: csv,
    allowed: VIEWERS,
    denied: ["clientContact"],
  },
  {
    name: "insights: stuck now",
    path: "/w/:workspace/insights/stuck",
    method: "GET",
    load: stuck,
    allowed: VIEWERS,
    denied: ["clientContact"],
  },
];

/** Nothing to create: the routes read what the world already holds. */
export async function seedIds(_db: Database, _world: World): Promise<Record<string, string>> {
  return {};
}

import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import { SCOPED, type RouteCase } from "../route-types";

const page = () => import("~/routes/w.$workspace.insights.report");
const COORDINATORS = ["owner", "admin", "coordinator"] as const;

/**
 * The monthly report's preview and "send again" (issue 16, part 6): the coordinators' (permission
 * reports.send). Brand leads receive the report by email; nobody scoped opens the page.
 */
export const ROUTES: RouteCase[] = [
  {
    name: "monthly report preview",
    path: "/w/:workspace/insights/report",
    method: "GET",
    load: page,
    allowed: [...COORDINATORS],
    denied: SCOPED,
  },
  {
    name: "monthly report preview of a brand and month",
    path: "/w/:workspace/insights/report?brand=:brand&month=2026-07",
    params: { brand: "brandX" },
    method: "GET",
    load: page,
    allowed: [...COORDINATORS],
    denied: SCOPED,
  },
  {
    name: "monthly report (send again)",
    path: "/w/:workspace/insights/report",
    method: "POST",
    load: page,
    form: { intent: "send-again", brandId: "dddddddddddddddddddddddddddddddd", month: "2026-07", seen: "0" },
    allowed: [...COORDINATORS],
    denied: SCOPED,
  },
];

export async function seedIds(_db: Database, _world: World): Promise<Record<string, string>> {
  return {};
}

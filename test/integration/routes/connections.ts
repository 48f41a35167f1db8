import { ADMINS, SCOPED, type RouteCase, type Who } from "../route-types";

/** The connections page (issue 19, decision 064): owners and admins only, like the credentials it holds. */
const NOT_ADMINS: Who[] = ["coordinator", ...SCOPED];
const page = () => import("~/routes/w.$workspace.settings_.connections");

export const ROUTES: RouteCase[] = [
  { name: "connections", path: "/w/:workspace/settings/connections", method: "GET", load: page, allowed: ADMINS, denied: NOT_ADMINS },
  {
    name: "connections (action)",
    path: "/w/:workspace/settings/connections",
    method: "POST",
    load: page,
    form: { intent: "disconnect", provider: "meta", rowVersion: "0" },
    allowed: ADMINS,
    denied: NOT_ADMINS,
  },
];

/** The page needs no rows of its own: a workspace without connections shows "Not connected". */
export async function seedIds(): Promise<Record<string, string>> {
  return {};
}

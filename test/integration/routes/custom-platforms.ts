import { customPlatforms, customPlatformVersions } from "@db/schema";
import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import { ADMINS, SCOPED, type RouteCase, type Who } from "../route-types";

/** Custom platforms are workspace settings: owners and admins only (decision 061). */
const NOT_ADMINS: Who[] = ["coordinator", ...SCOPED];
const list = () => import("~/routes/w.$workspace.settings_.platforms._index");
const create = () => import("~/routes/w.$workspace.settings_.platforms.new");
const edit = () => import("~/routes/w.$workspace.settings_.platforms.$platformId");

/** The custom platform settings pages (issue 20 part 2), covered by the tenant-isolation test. */
export const ROUTES: RouteCase[] = [
  { name: "custom platforms", path: "/w/:workspace/settings/platforms", method: "GET", load: list, allowed: ADMINS, denied: NOT_ADMINS },
  {
    name: "new custom platform",
    path: "/w/:workspace/settings/platforms/new",
    method: "GET",
    load: create,
    allowed: ADMINS,
    denied: NOT_ADMINS,
  },
  {
    name: "new custom platform (action)",
    path: "/w/:workspace/settings/platforms/new",
    method: "POST",
    load: create,
    form: { idempotencyKey: "isolation-key-1", name: "X" },
    allowed: ADMINS,
    denied: NOT_ADMINS,
  },
  {
    name: "custom platform",
    path: "/w/:workspace/settings/platforms/:platformId",
    method: "GET",
    params: { platformId: "customPlatformA" },
    load: edit,
    allowed: ADMINS,
    denied: NOT_ADMINS,
  },
  {
    name: "custom platform (action)",
    path: "/w/:workspace/settings/platforms/:platformId",
    method: "POST",
    params: { platformId: "customPlatformA" },
    load: edit,
    form: { intent: "archive" },
    allowed: ADMINS,
    denied: NOT_ADMINS,
  },
  {
    name: "custom platform of another workspace",
    path: "/w/:workspace/settings/platforms/:platformId",
    method: "GET",
    params: { platformId: "customPlatformB" },
    load: edit,
    allowed: [],
    denied: ["owner", "admin"],
  },
  {
    name: "custom platform of another workspace (action)",
    path: "/w/:workspace/settings/platforms/:platformId",
    method: "POST",
    params: { platformId: "customPlatformB" },
    load: edit,
    form: { intent: "archive" },
    allowed: [],
    denied: ["owner", "admin"],
  },
];

const DEFINITION = {
  name: "Isolation Ads",
  identity: "ads@agency.example",
  adminLanguage: "en",
  steps: { en: ["Add {agencyId}."] },
  idField: { label: "ID", pattern: "\\d+", example: "1", wrongValueMessage: "Digits." },
  roles: ["Analyst"],
  presets: [],
};

/** One custom platform in workspace A and one in B, for the routes above. */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [name, workspaceId, by] of [
    ["customPlatformA", world.a.id, world.users.owner.id],
    ["customPlatformB", world.b.id, world.users.outsider.id],
  ] as const) {
    const [p] = await db
      .insert(customPlatforms)
      .values({ workspaceId, key: "custom:isolation-ads", name: "Isolation Ads", createdBy: by })
      .returning();
    await db.insert(customPlatformVersions).values({ workspaceId, platformId: p.id, version: 1, definition: DEFINITION, createdBy: by });
    ids[name] = p.id;
  }
  return ids;
}

import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import type { RouteCase } from "../route-types";

/** The onboarding capability's workspace routes, covered by the tenant-isolation test. */
export const ROUTES: RouteCase[] = [];

/** Objects the routes above refer to (by key in their `params`), created in workspace A. */
export async function seedIds(_db: Database, _world: World): Promise<Record<string, string>> {
  return {};
}

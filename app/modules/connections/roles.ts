import { getPlatform } from "~/modules/onboarding/catalog";
import type { PlatformKey } from "~/modules/onboarding/catalog/types";

/**
 * Whether the role a platform's API reports is at least the role a step asked for (issue 19): pure,
 * one table per platform. Google's APIs report one role on a ladder (GA4 access bindings, Search
 * Console permission levels); Meta reports the tasks the agency's business may assign on the asset
 * (`permitted_tasks`), which each role of the catalog needs one of. A platform or role not in these
 * tables cannot be judged: the check then confirms presence only and says so.
 */

export type RoleVerdict =
  | { verdict: "enough"; observed: string }
  | { verdict: "weaker"; observed: string; missing: string[] }
  /** Nothing to compare: the platform reports no role, or a role or task this table does not know. */
  | { verdict: "unknown"; observed: string | null };

interface Ladder {
  kind: "ladder";
  /** Catalog role names, weakest first. */
  order: readonly string[];
  /** The API's role name → the catalog's. */
  fromApi: Readonly<Record<string, string>>;
}

interface Tasks {
  kind: "tasks";
  /** The catalog role → the Meta task it needs. */
  needs: Readonly<Record<string, string>>;
  /** A task that grants every other (full control). */
  all: string;
  /** Tasks that include others. */
  implies?: Readonly<Record<string, readonly string[]>>;
}

export const ROLE_TABLES: Partial<Record<PlatformKey, Ladder | Tasks>> = {
  ga4: {
    kind: "ladder",
    order: ["Viewer", "Analyst", "Marketer", "Editor", "Administrator"],
    fromApi: {
      "predefinedRoles/viewer": "Viewer",
      "predefinedRoles/analyst": "Analyst",
      "predefinedRoles/marketer": "Marketer",
      "predefinedRoles/editor": "Editor",
      "predefinedRoles/admin": "Administrator",
    },
  },
  search_console: {
    kind: "ladder",
    order: ["Restricted user", "Full user", "Owner"],
    fromApi: { siteRestrictedUser: "Restricted user", siteFullUser: "Full user", siteOwner: "Owner" },
  },
  meta_ad_account: {
    kind: "tasks",
    needs: {
      "Full control": "MANAGE",
      "Manage campaigns": "ADVERTISE",
      "View performance": "ANALYZE",
      "Manage Creative Hub mockups": "DRAFT",
    },
    all: "MANAGE",
    implies: { ADVERTISE: ["ANALYZE"] },
  },
  meta_page: {
    kind: "tasks",
    needs: {
      "Full control": "MANAGE",
      Content: "CREATE_CONTENT",
      "Community activity": "MODERATE",
      "Messages and calls": "MESSAGING",
      Ads: "ADVERTISE",
      Insights: "ANALYZE",
    },
    all: "MANAGE",
  },
  meta_pixel: {
    kind: "tasks",
    needs: { "Full control": "EDIT", "Partial access": "ANALYZE" },
    all: "EDIT",
    implies: { UPLOAD: ["ANALYZE"], ADVERTISE: ["ANALYZE"] },
  },
};

/** The step's role in today's catalog words, split where it is several tasks ("Content, Insights"). */
export function requestedRoles(platform: PlatformKey, requested: string): string[] {
  const entry = getPlatform(platform);
  const aliases = entry?.roleAliases ?? {};
  const parts = entry && entry.combinableRoles.length > 0 ? requested.split(",") : [requested];
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => aliases[p] ?? p);
}

/** Whether this platform's API reports a role Baton can compare. */
export function judgesRole(platform: PlatformKey): boolean {
  return ROLE_TABLES[platform] !== undefined;
}

/**
 * Compares the role asked for with what the API reported: one role name of the API (a ladder), or
 * the list of tasks (Meta).
 */
export function judgeRole(platform: PlatformKey, requested: string, observed: string | readonly string[]): RoleVerdict {
  const table = ROLE_TABLES[platform];
  const observedText = typeof observed === "string" ? observed : observed.join(", ");
  if (!table) return { verdict: "unknown", observed: observedText || null };
  const wanted = requestedRoles(platform, requested);
  if (table.kind === "ladder") {
    if (typeof observed !== "string") return { verdict: "unknown", observed: observedText || null };
    const name = table.fromApi[observed];
    const have = name ? table.order.indexOf(name) : -1;
    const need = wanted.map((w) => table.order.indexOf(w));
    if (have < 0 || need.length === 0 || need.some((n) => n < 0)) return { verdict: "unknown", observed: name ?? observed };
    const missing = wanted.filter((_, i) => need[i] > have);
    return missing.length === 0 ? { verdict: "enough", observed: name } : { verdict: "weaker", observed: name, missing };
  }
  const tasks = new Set(typeof observed === "string" ? [observed] : observed);
  for (const task of [...tasks]) for (const implied of table.implies?.[task] ?? []) tasks.add(implied);
  const needed = wanted.map((w) => table.needs[w]);
  if (wanted.length === 0 || needed.some((n) => n === undefined)) return { verdict: "unknown", observed: observedText || null };
  if (tasks.has(table.all)) return { verdict: "enough", observed: observedText };
  const missing = wanted.filter((_, i) => !tasks.has(needed[i]));
  return missing.length === 0 ? { verdict: "enough", observed: observedText } : { verdict: "weaker", observed: observedText, missing };
}

/** Of several roles the API lists for one user (a role plus data restrictions), the strongest on the ladder. */
export function strongestRole(platform: PlatformKey, apiRoles: readonly string[]): string | null {
  const table = ROLE_TABLES[platform];
  if (!table || table.kind !== "ladder") return apiRoles[0] ?? null;
  let best: { role: string; rank: number } | null = null;
  for (const role of apiRoles) {
    const name = table.fromApi[role];
    const rank = name ? table.order.indexOf(name) : -1;
    if (rank >= 0 && (!best || rank > best.rank)) best = { role, rank };
  }
  return best?.role ?? null;
}

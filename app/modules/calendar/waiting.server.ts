import type { WaitingItem } from "~/modules/waiting/waiting";
import { ROLES, type Role } from "@db/schema/roles";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { ROLE_SCOPE, roleCan } from "~/modules/workspaces/permissions";
import { seesWholeWorkspace } from "~/modules/workspaces/scope.server";
import type { Conflict } from "./conflicts/types";
import { CONFLICT_RULES, conflictRuleMetadata } from "./conflicts/detect";
import { loadSnapshot } from "./calendar.server";
import { minuteOf, openConflicts } from "./snapshot";
import { conflictsPath } from "./links";
import { DAY_MS } from "~/utils/time";

/** How far ahead the home page looks for conflicts to resolve. */
export const WAITING_DAYS = 30;
const WAITING_LIMIT = 20;
/** The rules that can produce an error (the others only ever warn). */
const ERROR_RULES = CONFLICT_RULES.filter((r) => r.severity === "error" || r.escalatesTo === "error").map((r) => r.code);

/**
 * Who holds an open conflict (the one definition): whoever resolves conflicts across the whole
 * workspace (coordinators, admins and owners). Home lists conflicts to them; insights' "stuck now"
 * groups open conflicts under them.
 */
export const resolvesConflicts = (ctx: MemberContext): boolean => ctx.can("conflicts.manage") && seesWholeWorkspace(ctx);

/** The same people named as a team by their roles, from the permission table (owner, admin, coordinator). */
export const CONFLICT_HOLDER_ROLES: readonly Role[] = ROLES.filter(
  (role) => roleCan(role, "conflicts.manage") && ROLE_SCOPE[role] === "workspace",
);

/**
 * Open error-severity conflicts of the coming weeks, for the people who resolve them
 * (coordinators, admins and owners).
 */
export async function calendarWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  if (!resolvesConflicts(ctx)) return [];
  const now = new Date();
  const from = new Date(minuteOf(now));
  const snapshot = await loadSnapshot(ctx, { from, to: new Date(from.getTime() + WAITING_DAYS * DAY_MS) }, { now, only: ERROR_RULES });
  // A conflict is due when it starts. A clash between two posts, one already out (exclusivity),
  // is due when the coming one goes live, not overdue since the old one. A sign-off deadline that
  // passed or a campaign already inside a blackout stays overdue: that is what it is.
  const publishOf = new Map(snapshot.deliverables.map((d) => [d.id, d.publishAt.getTime()]));
  const dueOf = (c: Conflict) => {
    if (c.startsAt >= from || c.objectIds.length < 2) return c.startsAt;
    const ahead = c.objectIds.map((id) => publishOf.get(id)).filter((t): t is number => t !== undefined && t >= from.getTime());
    return ahead.length > 0 ? new Date(Math.min(...ahead)) : c.startsAt;
  };
  return openConflicts(snapshot)
    .filter((c) => c.severity === "error")
    .map((c) => ({ c, due: dueOf(c) }))
    .sort((a, b) => a.due.getTime() - b.due.getTime() || a.c.key.localeCompare(b.c.key))
    .slice(0, WAITING_LIMIT)
    .map(({ c, due }) => ({
      id: `conflict:${c.key}`,
      kind: "conflict" as const,
      title: conflictRuleMetadata(c.code).title,
      detail: c.message,
      url: `${conflictsPath(ctx.workspace.slug)}?brand=${c.brandId}`,
      dueAt: due.toISOString(),
      since: null,
    }));
}

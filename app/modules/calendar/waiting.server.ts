import type { WaitingItem } from "~/modules/home/waiting";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { CONFLICT_RULES, conflictRuleMetadata } from "./conflicts/detect";
import { loadSnapshot, minuteOf, openConflicts } from "./calendar.server";
import { conflictsPath } from "./links";

/** How far ahead the home page looks for conflicts to resolve. */
export const WAITING_DAYS = 30;
const WAITING_LIMIT = 20;
/** The rules that can produce an error (the others only ever warn). */
const ERROR_RULES = CONFLICT_RULES.filter((r) => r.severity === "error" || r.escalatesTo === "error").map((r) => r.code);

/**
 * Open error-severity conflicts of the coming weeks, for the people who resolve them
 * (coordinators, admins and owners).
 */
export async function calendarWaiting(ctx: MemberContext): Promise<WaitingItem[]> {
  if (!ctx.can("conflicts.manage") || ctx.scope.kind !== "workspace") return [];
  const now = new Date();
  const from = new Date(minuteOf(now));
  const snapshot = await loadSnapshot(ctx, { from, to: new Date(from.getTime() + WAITING_DAYS * 86_400_000) }, { now, only: ERROR_RULES });
  return openConflicts(snapshot)
    .filter((c) => c.severity === "error")
    .slice(0, WAITING_LIMIT)
    .map((c) => ({
      id: `conflict:${c.key}`,
      kind: "conflict" as const,
      title: conflictRuleMetadata(c.code).title,
      detail: c.message,
      url: `${conflictsPath(ctx.workspace.slug)}?brand=${c.brandId}`,
      dueAt: c.startsAt.toISOString(),
      since: null,
    }));
}

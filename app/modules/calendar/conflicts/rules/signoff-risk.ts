import type { ConflictRule, RuleContext } from "../context";
import { HOUR_MS, MINUTE_MS } from "~/utils/time";
import { conflictDuration, objectKey, quote } from "../describe";
import { SIGNOFF_WARNING_HOURS, type SignoffRiskConflict } from "../types";

const WARNING_MS = SIGNOFF_WARNING_HOURS * HOUR_MS;

function detect(ctx: RuleContext): SignoffRiskConflict[] {
  const conflicts: SignoffRiskConflict[] = [];
  for (const { d, brand } of ctx.deliverables) {
    // Published ones are past the point of no return; cancelled ones never reach the context.
    if (d.signedOff || d.status === "published") continue;
    const untilMs = d.signOffDeadline.getTime() - ctx.now;
    if (!(untilMs <= WARNING_MS)) continue; // also skips an invalid deadline (NaN)
    // At the deadline itself the deliverable is already blocked (PRODUCT.md §5), hence <= 0.
    const overdue = untilMs <= 0;
    const ago = untilMs > -MINUTE_MS ? "just now" : `${conflictDuration(untilMs)} ago`;
    conflicts.push({
      code: "SIGNOFF_RISK",
      severity: overdue ? "error" : "warning",
      // The phase is part of the key: acknowledging "due soon" must not also silence "overdue".
      key: objectKey("SIGNOFF_RISK", d.id, overdue ? "overdue" : "due-soon"),
      brandId: brand.id,
      objectIds: [d.id],
      startsAt: d.signOffDeadline,
      message: overdue
        ? `${quote(d.title)} for ${brand.name} missed its sign-off deadline ${ago} and is blocked until ` +
          `it is rescheduled or an admin overrides it.`
        : `${quote(d.title)} for ${brand.name} still needs brand sign-off, due in ${conflictDuration(untilMs)}.`,
      details: {
        overdue,
        signOffDeadline: d.signOffDeadline,
        publishAt: d.publishAt,
        minutesUntilDeadline: Math.round(untilMs / MINUTE_MS),
      },
    });
  }
  return conflicts;
}

export const signoffRiskRule: ConflictRule = {
  meta: {
    code: "SIGNOFF_RISK",
    severity: "warning",
    escalatesTo: "error",
    title: "Sign-off at risk",
    description:
      `A deliverable is not signed off and its sign-off deadline is within ${SIGNOFF_WARNING_HOURS} hours ` +
      "(warning) or has passed (error). Published and cancelled deliverables are left out.",
  },
  detect,
};

import { db } from "~/utils/db.server";
import { forbidden, invalid, ok, type Outcome } from "~/utils/outcome";
import { missingDeliverable, runCommand } from "../command.server";
import { decideOn, decisionInputProblem, type DecisionInput, type DecisionResult } from "../decide.server";
import { windowHoursFor } from "../scope.server";
import { codeRequired, tryDecisionCode, useCode, type CodeHolder } from "./codes.server";
import { linkDecider, type DecisionLinkContext } from "./context.server";
import { moveForSignOff, moveProblem } from "./move.server";

/**
 * What a decision link's page may change (decision 052). Each is one POST through the ONE decide
 * command (`decideOn`, as the signed-in page): compare-and-set on the deliverable's row_version,
 * on the version the page showed, so a link acts only on the current version and state.
 */

export type LinkDecisionInput = Omit<DecisionInput, "deliverableId"> & { code?: string };

/** The code a brand may require, tried before anything else is written; null when the brand asks none. Also the digest's (issue 17 part 3). */
export async function codeGate(ctx: CodeHolder, brandId: string, code: string | undefined, now: Date): Promise<Outcome<string | null>> {
  if (!(await codeRequired(db(), brandId))) return ok(null);
  const tried = await tryDecisionCode(ctx, code, now);
  return tried.ok ? ok(tried.value.codeId) : tried;
}

/** Approve (or sign off) or request changes on the version the page showed. */
export async function decideByLink(ctx: DecisionLinkContext, input: LinkDecisionInput, now: Date): Promise<Outcome<DecisionResult>> {
  const decider = linkDecider(ctx);
  const row = await decider.find(ctx.link.deliverableId);
  if (!row) return missingDeliverable();
  const problem = decisionInputProblem(input);
  if (problem) return problem;
  const code = await codeGate(ctx, row.brandId, input.code, now);
  if (!code.ok) return code;
  const decision = { deliverableId: row.id, version: input.version, decision: input.decision, comment: input.comment };
  return runCommand(async (tx) => {
    if (code.value) await useCode(tx, code.value, now);
    return decideOn(tx, decider, row, decision, now);
  });
}

/**
 * A brand lead sets a new publish time at least one sign-off window ahead and signs off the version
 * shown, in one transaction: both audited, or neither happens.
 */
export async function moveAndSignOff(
  ctx: DecisionLinkContext,
  input: { version: number; publishAt: Date; code?: string },
  now: Date,
): Promise<Outcome<DecisionResult>> {
  const decider = linkDecider(ctx);
  const row = await decider.find(ctx.link.deliverableId);
  if (!row) return missingDeliverable();
  if (!decider.signsFor(row.brandId)) return forbidden("Only a brand lead of this deliverable's brand can move it and sign off.");
  const windowHours = await windowHoursFor(db(), ctx.workspace.signoffWindowHours, row.brandId);
  const timeProblem = moveProblem(input.publishAt, now, windowHours);
  if (timeProblem) return invalid(timeProblem, { publishAt: [timeProblem] });
  const code = await codeGate(ctx, row.brandId, input.code, now);
  if (!code.ok) return code;
  const decision = { deliverableId: row.id, version: input.version, decision: "approve" as const, comment: null };
  return runCommand(async (tx) => {
    if (code.value) await useCode(tx, code.value, now);
    const moved = await moveForSignOff(tx, ctx, row, { publishAt: input.publishAt, windowHours, now });
    return decideOn(tx, decider, moved, decision, now);
  });
}

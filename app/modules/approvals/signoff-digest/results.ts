import type { Outcome } from "~/utils/outcome";
import { isId } from "~/utils/ids";
import { MAX_DIGEST_ROWS } from "./schemas";

/**
 * How each ticked row of a sign-off digest went (issue 17 part 3), as the page names it after the
 * redirect: every row goes through the one decide command on its own, so one that changed
 * meanwhile fails alone and says why. Pure: the reasons travel in the page's address (`?r=`) and
 * the words are written when the page is shown, from the row as it is then.
 */

export const ROW_RESULTS = [
  "signed_off",
  /** The sign-off stage asks every lead ("all"): this one's sign-off is in, others still sign. */
  "recorded",
  "stale_version",
  "decided",
  "deadline_passed",
  "changed",
  "not_waiting",
  "code_used",
] as const;
export type RowResult = (typeof ROW_RESULTS)[number];
const isRowResult = (value: unknown): value is RowResult => ROW_RESULTS.includes(value as RowResult);

/** The reason a refused row gives, read from the decide command's problem code. */
export function rowResultOf(outcome: Outcome<{ signedOff: boolean }>): RowResult {
  if (outcome.ok) return outcome.value.signedOff ? "signed_off" : "recorded";
  switch (outcome.problem.code) {
    case "stale_version":
      return "stale_version";
    case "deadline_passed":
      return "deadline_passed";
    case "already_decided":
    case "route_complete":
      return "decided";
    case "code_used":
      return "code_used";
    case "race":
      return "changed";
    case undefined:
      // The status moved on (signed off, changes requested): the command says so without a code.
      return outcome.problem.kind === "conflict" ? "decided" : "not_waiting";
    default:
      return "not_waiting";
  }
}

export interface RowOutcome {
  deliverableId: string;
  result: RowResult;
}

/** "id:signed_off,id:stale_version" for the redirect. */
export const encodeResults = (rows: readonly RowOutcome[]): string => rows.map((r) => `${r.deliverableId}:${r.result}`).join(",");

/** The results named in the address; anything malformed is ignored (it is only ever the page's own redirect). */
export function decodeResults(param: string | null): Map<string, RowResult> {
  const results = new Map<string, RowResult>();
  for (const part of (param ?? "").split(",").slice(0, MAX_DIGEST_ROWS)) {
    const [id, result] = part.split(":");
    if (isId(id) && isRowResult(result)) results.set(id, result);
  }
  return results;
}

export const rowSucceeded = (result: RowResult) => result === "signed_off" || result === "recorded";

/** What a row says after the post, in words that name what happened and what to do. */
export function rowResultText(result: RowResult, row: { currentVersion: number; statusLabel: string; version: number }): string {
  switch (result) {
    case "signed_off":
      return `Signed off v${row.version}. The publisher has been told.`;
    case "recorded":
      return `Your sign-off of v${row.version} is recorded; the other brand leads on the route still sign off.`;
    case "stale_version":
      return `Not signed off: version ${row.currentVersion} is now current. Open it to review that version.`;
    case "decided":
      return `Not signed off: it was decided meanwhile and is now ${row.statusLabel.toLowerCase()}.`;
    case "deadline_passed":
      return "Not signed off: its sign-off deadline has passed. Open it to move the publish time and sign off in one step.";
    case "changed":
      return "Not signed off: it changed while you were signing off. Check it and try again.";
    case "not_waiting":
      return "Not signed off: it is no longer waiting for your sign-off.";
    case "code_used":
      return "Not signed off: the one-time code was used up meanwhile. Ask for a new code and try again.";
  }
}

/** The notice above the list: how many went through, and whether some did not. */
export function resultsSummary(results: ReadonlyMap<string, RowResult>): { tone: "success" | "warning"; text: string } | null {
  if (results.size === 0) return null;
  const done = [...results.values()].filter(rowSucceeded).length;
  const refused = results.size - done;
  const signed = `${done} signed off`;
  if (refused === 0) return { tone: "success", text: `${signed}. The publishers have been told.` };
  return {
    tone: "warning",
    text: `${done > 0 ? `${signed}; ` : ""}${refused} not signed off: each says why below.`,
  };
}

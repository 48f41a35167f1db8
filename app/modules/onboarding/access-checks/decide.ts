import type { CheckOutcome } from "~/modules/connections/driver";
import type { AccessStatus } from "../access-status";

/**
 * What one reading of a platform means for one access step (issue 19, decision 065). Pure: the
 * services read the platform, then ask this which change, if any, the answer makes. The state
 * changes themselves still go through the one table (access-status.ts, actor "check").
 *
 * - verify: the client just confirmed. Found verifies; not found or a weaker role leaves the step
 *   for a person, with the platform's answer as the reason.
 * - recheck: nightly or "Check now". A verified grant found again is seen; gone or weaker is lost.
 *   A lost grant found again is verified again (the client granted without telling us).
 * - offboarding: the grant is being removed. Gone ticks the client's checklist item; anything else
 *   leaves it for a person. Never "lost": losing it is the point.
 * "unavailable" and "unknown" never change anything: they are shown as "couldn't check".
 */

export const checkPurposes = ["verify", "recheck", "offboarding"] as const;
export type CheckPurpose = (typeof checkPurposes)[number];

export type CheckDecision =
  /** The step becomes verified by automatic check. */
  | { kind: "verify" }
  /** A verified grant is gone or weaker: the step becomes lost. */
  | { kind: "lose" }
  /** Still there: when it was last seen moves on. */
  | { kind: "seen" }
  /** Read, nothing to change (a lost grant still missing). */
  | { kind: "checked" }
  /** Not found or a weaker role after the client confirmed: a person decides, with this reason. */
  | { kind: "person" }
  /** The platform could not say: nothing changes; the after-confirm check tries once more later. */
  | { kind: "inconclusive"; retry: boolean }
  /** Offboarding: the access is gone, so the client's removal is done. */
  | { kind: "offboarded" }
  /** Offboarding: the access is still there; the checklist waits for a person. */
  | { kind: "still_held" }
  /** The step is no longer in a state this purpose reads (a person decided meanwhile): nothing. */
  | { kind: "stale" };

/** The after-confirm check is tried at most this many times while the platform cannot answer. */
export const VERIFY_ATTEMPTS = 2;
/** How long the second try of an after-confirm check waits. */
export const VERIFY_RETRY_AFTER_MS = 15 * 60 * 1000;

const gone = (outcome: CheckOutcome) => outcome === "not_found" || outcome === "weaker_role";

export function decideCheck(input: {
  purpose: CheckPurpose;
  status: AccessStatus;
  outcome: CheckOutcome;
  /** 1 for the first try. */
  attempt?: number;
}): CheckDecision {
  const { purpose, status, outcome } = input;
  const conclusive = outcome === "found" || gone(outcome);
  if (purpose === "verify") {
    if (status !== "confirmed") return { kind: "stale" };
    if (!conclusive) return { kind: "inconclusive", retry: outcome === "unavailable" && (input.attempt ?? 1) < VERIFY_ATTEMPTS };
    return outcome === "found" ? { kind: "verify" } : { kind: "person" };
  }
  if (purpose === "recheck") {
    if (status !== "verified" && status !== "lost") return { kind: "stale" };
    if (!conclusive) return { kind: "inconclusive", retry: false };
    if (status === "verified") return outcome === "found" ? { kind: "seen" } : { kind: "lose" };
    return outcome === "found" ? { kind: "verify" } : { kind: "checked" };
  }
  // Offboarding: a weaker role is still access; only "not found" means the client removed it.
  if (status !== "verified" && status !== "confirmed") return { kind: "stale" };
  if (!conclusive) return { kind: "inconclusive", retry: false };
  return outcome === "not_found" ? { kind: "offboarded" } : { kind: "still_held" };
}

/** Which statuses each purpose reads: the nightly and "Check now" select by these. */
export const RECHECKED_STATUSES: readonly AccessStatus[] = ["verified", "lost"];

/** A person's words for an outcome that did not verify, as the link page and ledger label it. */
export type CheckStanding = "verified" | "seen" | "not_found" | "weaker_role" | "couldnt_check" | "gone" | "still_held";

/** How the latest reading of a step reads in the UI: found (seen), missing, weaker, or couldn't check. */
export function standingOf(outcome: CheckOutcome, purpose: CheckPurpose): CheckStanding {
  if (outcome === "unavailable" || outcome === "unknown") return "couldnt_check";
  if (purpose === "offboarding") return outcome === "not_found" ? "gone" : "still_held";
  if (outcome === "found") return purpose === "verify" ? "verified" : "seen";
  return outcome;
}

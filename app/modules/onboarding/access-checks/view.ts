import type { CheckStanding } from "./decide";

/**
 * What the agency's pages show of automatic checks on one step (decision 065): how it was verified,
 * when a check last read it and saw it, when it was found gone, and the latest reading's standing and
 * reason ("not found", "couldn't check", ...). Plain JSON, for loaders and components.
 */
export interface StepCheckView {
  verifiedVia: "person" | "check" | null;
  lastCheckedAt: string | null;
  lastSeenAt: string | null;
  lostAt: string | null;
  latest: { standing: CheckStanding; reason: string; checkedAt: string; confirms: "presence" | "role" } | null;
}

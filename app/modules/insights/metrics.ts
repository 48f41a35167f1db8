import { factsOf, type Fact } from "./fact-kinds";
import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import { mean, rateOf, summarize, type Rate, type Summary } from "./stats";

/**
 * Every metric of insights, defined ONCE (decision 053, issue 16 list 1), as pure functions over
 * handoff facts (fact-kinds.ts) and conflict-log entries. Durations are seconds; percentiles are
 * nearest-rank (stats.ts). The callers choose the rows (a period, a filter, a scope); nothing here
 * reads a clock except through the instants it is given. docs/metrics.md has a line per metric.
 */

export const METRIC_KEYS = [
  "access_per_link",
  "access_per_platform",
  "brief_acknowledgment",
  "approval_cycle",
  "time_in_stage",
  "revision_rounds",
  "first_pass_rate",
  "compliance_48h",
  "on_time_drafts",
  "late_submissions",
  "open_conflicts",
  "resolved_before_live",
] as const;

export type MetricKey = (typeof METRIC_KEYS)[number];

export interface MetricDefinition {
  label: string;
  /** duration: seconds; rate: 0..1; count: a whole number; rounds: versions, may be fractional as a mean. */
  unit: "duration" | "rate" | "count" | "rounds";
  /** Which direction is an improvement, for the change against the previous period. */
  better: "lower" | "higher";
  /** What the headline figure is: the median, the mean, a rate or a count. */
  headline: "median" | "mean" | "rate" | "count";
  definition: string;
}

export const METRICS: Readonly<Record<MetricKey, MetricDefinition>> = {
  access_per_link: {
    label: "Time to verified access, per link",
    unit: "duration",
    better: "lower",
    headline: "median",
    definition: "From creating an onboarding link to its last verification, once every platform step is settled.",
  },
  access_per_platform: {
    label: "Time to verified access, per platform",
    unit: "duration",
    better: "lower",
    headline: "median",
    definition: "From asking for one platform's access to the agency verifying it; a rejected grant counts from the first ask.",
  },
  brief_acknowledgment: {
    label: "Brief acknowledgment time",
    unit: "duration",
    better: "lower",
    headline: "median",
    definition: "From asking a person to read a published brief version to their acknowledgment.",
  },
  approval_cycle: {
    label: "Approval cycle time",
    unit: "duration",
    better: "lower",
    headline: "median",
    definition: "From a deliverable's first submission to the brand sign-off; each deliverable once, by its latest sign-off.",
  },
  time_in_stage: {
    label: "Time in stage",
    unit: "duration",
    better: "lower",
    headline: "median",
    definition: "From a stage starting to wait on a version to the decision that completed it (or requested changes).",
  },
  revision_rounds: {
    label: "Revision rounds",
    unit: "rounds",
    better: "lower",
    headline: "mean",
    definition: "Versions submitted before the one signed off; each deliverable once, by its latest sign-off.",
  },
  first_pass_rate: {
    label: "First-pass approval rate",
    unit: "rate",
    better: "higher",
    headline: "rate",
    definition: "Share of signed-off deliverables signed off on their first version.",
  },
  compliance_48h: {
    label: "48-hour compliance",
    unit: "rate",
    better: "higher",
    headline: "rate",
    definition:
      "Of deliverables going live in the period that were scheduled or published, the share with a sign-off that counts; overrides and blocks beside it.",
  },
  on_time_drafts: {
    label: "On-time draft rate",
    unit: "rate",
    better: "higher",
    headline: "rate",
    definition: "Share of first drafts submitted by the end of the brief's draft due date (brand's time zone).",
  },
  late_submissions: {
    label: "Late submissions",
    unit: "count",
    better: "lower",
    headline: "count",
    definition: "Versions submitted with less time before the sign-off deadline than the route needs for review.",
  },
  open_conflicts: {
    label: "Open conflicts",
    unit: "count",
    better: "lower",
    headline: "count",
    definition: "Conflicts holding at the end of the period (or now), by rule, with their age since first seen.",
  },
  resolved_before_live: {
    label: "Conflicts resolved before going live",
    unit: "rate",
    better: "higher",
    headline: "rate",
    definition: "Of conflicts whose first item went live in the period, the share that had stopped holding by then.",
  },
};

/* ---------------------------------------------------------------- onboarding and briefs */

const durations = (facts: readonly Fact[]) => facts.map((f) => f.durationSeconds);

export const accessPerLink = (facts: readonly Fact[]): Summary => summarize(durations(factsOf(facts, "link_verified")));

/** Every platform together (the headline), and one summary per platform, by platform key. */
export function accessPerPlatform(facts: readonly Fact[]): { all: Summary; platforms: { platform: string; summary: Summary }[] } {
  const steps = factsOf(facts, "access_verified");
  const byPlatform = groupBy(steps, (f) => f.data.platform);
  const platforms = [...byPlatform.entries()]
    .map(([platform, list]) => ({ platform, summary: summarize(durations(list)) }))
    .sort((a, b) => a.platform.localeCompare(b.platform));
  return { all: summarize(durations(steps)), platforms };
}

export const briefAcknowledgment = (facts: readonly Fact[]): Summary => summarize(durations(factsOf(facts, "brief_acknowledged")));

/* ---------------------------------------------------------------- approvals */

/** One sign-off per deliverable: the latest. A version reset signs off again; the deliverable counts once. */
export function latestSignOffs(facts: readonly Fact[]): Fact<"signed_off">[] {
  const latest = new Map<string, Fact<"signed_off">>();
  for (const f of factsOf(facts, "signed_off")) {
    const seen = latest.get(f.data.deliverableId);
    if (
      !seen ||
      f.finishedAt > seen.finishedAt ||
      (f.finishedAt.getTime() === seen.finishedAt.getTime() && f.data.version > seen.data.version)
    )
      latest.set(f.data.deliverableId, f);
  }
  return [...latest.values()];
}

export const approvalCycle = (facts: readonly Fact[]): Summary => summarize(durations(latestSignOffs(facts)));

export function revisionRounds(facts: readonly Fact[]): Summary & { mean: number | null } {
  const rounds = latestSignOffs(facts).map((f) => f.data.revisionRounds);
  return { ...summarize(rounds), mean: mean(rounds) };
}

export function firstPassRate(facts: readonly Fact[]): Rate {
  const signed = latestSignOffs(facts);
  return rateOf(signed.filter((f) => f.data.firstPass).length, signed.length);
}

export interface StageFigure {
  stageIndex: number;
  stageName: string;
  stageKind: "review" | "brand_signoff";
  summary: Summary;
}

/** Per stage position (the name is the latest one seen there), and every stage together. */
export function timeInStage(facts: readonly Fact[]): { all: Summary; stages: StageFigure[] } {
  const completing = factsOf(facts, "stage_decided").filter((f) => f.data.completesStage);
  const stages = [...groupBy(completing, (f) => f.data.stageIndex).entries()]
    .map(([stageIndex, list]) => {
      const named = list.reduce((a, b) => (b.finishedAt > a.finishedAt ? b : a));
      return { stageIndex, stageName: named.data.stageName, stageKind: named.data.stageKind, summary: summarize(durations(list)) };
    })
    .sort((a, b) => a.stageIndex - b.stageIndex);
  return { all: summarize(durations(completing)), stages };
}

/* ---------------------------------------------------------------- the 48-hour rule and drafts */

export interface Compliance extends Rate {
  /** Deliverables going live in the period whose missing sign-off an admin overrode. */
  overrides: number;
  /** Deliverables going live in the period that were blocked at their deadline. */
  blocks: number;
}

/**
 * Of deliverables whose publish time falls in the rows' period (publish_outcome facts count on
 * the publish day) and that were scheduled or published, the share whose sign-off counted. Each
 * deliverable once, by its latest scheduled/published fact; overrides and blocks are counted beside
 * it, each deliverable once.
 */
export function compliance48h(facts: readonly Fact[]): Compliance {
  const outcomes = factsOf(facts, "publish_outcome");
  const latest = new Map<string, Fact<"publish_outcome">>();
  for (const f of outcomes) {
    if (f.data.event !== "scheduled" && f.data.event !== "published") continue;
    const seen = latest.get(f.data.deliverableId);
    if (!seen || f.finishedAt >= seen.finishedAt) latest.set(f.data.deliverableId, f);
  }
  const handedOff = [...latest.values()];
  const distinct = (event: string) => new Set(outcomes.filter((f) => f.data.event === event).map((f) => f.data.deliverableId)).size;
  return {
    ...rateOf(handedOff.filter((f) => f.data.signOffCounted).length, handedOff.length),
    overrides: distinct("overridden"),
    blocks: distinct("blocked"),
  };
}

export function onTimeDrafts(facts: readonly Fact[]): Rate {
  const firsts = factsOf(facts, "draft_submitted").filter((f) => f.data.version === 1 && f.data.onTime !== null);
  return rateOf(firsts.filter((f) => f.data.onTime).length, firsts.length);
}

/** Late versions, out of every version submitted. */
export function lateSubmissions(facts: readonly Fact[]): Rate {
  const submitted = factsOf(facts, "draft_submitted");
  return rateOf(submitted.filter((f) => f.data.late).length, submitted.length);
}

/* ---------------------------------------------------------------- conflicts */

/** One row of conflict_log: an episode of one conflict key holding, from first seen to resolved. */
export interface ConflictEntry {
  conflictKey: string;
  rule: string;
  severity: string;
  brandId: string | null;
  agencyIds: string[];
  channel: string | null;
  goesLiveAt: Date | null;
  firstSeenAt: Date;
  resolvedAt: Date | null;
  /** Acknowledged on the conflicts page (today's state, not the state at `at`). */
  acknowledged: boolean;
}

const holdsAt = (e: ConflictEntry, at: Date) => e.firstSeenAt <= at && (e.resolvedAt === null || e.resolvedAt > at);

export interface OpenConflicts {
  total: number;
  acknowledged: number;
  age: Summary;
  byRule: { rule: string; count: number; acknowledged: number; age: Summary }[];
}

/** Conflicts holding at `at`, by rule, with their age in seconds since first seen. */
export function openConflicts(entries: readonly ConflictEntry[], at: Date): OpenConflicts {
  const open = entries.filter((e) => holdsAt(e, at));
  const ageOf = (list: readonly ConflictEntry[]) => summarize(list.map((e) => Math.round((at.getTime() - e.firstSeenAt.getTime()) / 1000)));
  const byRule = [...groupBy(open, (e) => e.rule).entries()]
    .map(([rule, list]) => ({ rule, count: list.length, acknowledged: list.filter((e) => e.acknowledged).length, age: ageOf(list) }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  return { total: open.length, acknowledged: open.filter((e) => e.acknowledged).length, age: ageOf(open), byRule };
}

/** One conflict key that went live: when (its latest episode's item), and whether it had stopped holding by then. */
export interface LiveConflict {
  goesLiveAt: Date;
  resolved: boolean;
}

/**
 * Each conflict key with a going-live moment, judged once: neither depends on the period asked
 * about, so a report judges its entries once and filters per period, week, brand and agency.
 */
export function liveConflicts(entries: readonly ConflictEntry[]): LiveConflict[] {
  const byKey = groupBy(
    entries.filter((e) => e.goesLiveAt !== null),
    (e) => e.conflictKey,
  );
  return [...byKey.values()].map((episodes) => {
    const goesLiveAt = episodes.reduce((a, b) => (b.firstSeenAt > a.firstSeenAt ? b : a)).goesLiveAt!;
    return { goesLiveAt, resolved: !episodes.some((e) => holdsAt(e, goesLiveAt)) };
  });
}

/**
 * Of conflict keys whose first item went live in [start, end) (and by `now`), the share no longer
 * holding at that moment. A key that held, stopped and came back counts once, by its latest episode.
 * `live` is liveConflicts(entries), for a caller that judges the same entries for several windows.
 */
export function resolvedBeforeLive(
  entries: readonly ConflictEntry[],
  window: { start: Date; end: Date; now: Date },
  live: readonly LiveConflict[] = liveConflicts(entries),
): Rate {
  let resolved = 0;
  let count = 0;
  for (const c of live) {
    if (c.goesLiveAt < window.start || c.goesLiveAt >= window.end || c.goesLiveAt > window.now) continue;
    count++;
    if (c.resolved) resolved++;
  }
  return rateOf(resolved, count);
}

import type { Fact } from "./fact-kinds";
import {
  accessPerLink,
  accessPerPlatform,
  approvalCycle,
  briefAcknowledgment,
  compliance48h,
  firstPassRate,
  lateSubmissions,
  liveConflicts,
  METRIC_KEYS,
  METRICS,
  onTimeDrafts,
  openConflicts,
  resolvedBeforeLive,
  revisionRounds,
  timeInStage,
  type Compliance,
  type ConflictEntry,
  type LiveConflict,
  type MetricKey,
  type OpenConflicts,
  type StageFigure,
} from "./metrics";
import type { Rate, Summary } from "./stats";

/**
 * Every metric of metrics.ts computed over one set of rows (a period, a week, one brand's or one
 * agency's share of them), and the one headline number each metric is reported by, with the change
 * against another set. Pure.
 */

export interface Figures {
  accessPerLink: Summary;
  accessPerPlatform: { all: Summary; platforms: { platform: string; summary: Summary }[] };
  briefAcknowledgment: Summary;
  approvalCycle: Summary;
  timeInStage: { all: Summary; stages: StageFigure[] };
  revisionRounds: Summary & { mean: number | null };
  firstPassRate: Rate;
  compliance48h: Compliance;
  onTimeDrafts: Rate;
  lateSubmissions: Rate;
  openConflicts: OpenConflicts;
  resolvedBeforeLive: Rate;
}

/** The instants conflicts are judged at: the period as [start, end) and the present, which may fall inside it. */
export interface ConflictWindow {
  start: Date;
  end: Date;
  now: Date;
}

/** The figures computed from handoff facts alone: they do not move with the clock. */
export type FactFigures = Omit<Figures, "openConflicts" | "resolvedBeforeLive">;
/** The figures computed from the conflict log, judged at the window's instants. */
export type ConflictFigures = Pick<Figures, "openConflicts" | "resolvedBeforeLive">;

/** `facts` are the rows of the period already. */
export function factFigures(facts: readonly Fact[]): FactFigures {
  return {
    accessPerLink: accessPerLink(facts),
    accessPerPlatform: accessPerPlatform(facts),
    briefAcknowledgment: briefAcknowledgment(facts),
    approvalCycle: approvalCycle(facts),
    timeInStage: timeInStage(facts),
    revisionRounds: revisionRounds(facts),
    firstPassRate: firstPassRate(facts),
    compliance48h: compliance48h(facts),
    onTimeDrafts: onTimeDrafts(facts),
    lateSubmissions: lateSubmissions(facts),
  };
}

/** Conflict entries judged against the window (`live`: liveConflicts(conflicts), when the caller has it already). */
export function conflictFigures(
  conflicts: readonly ConflictEntry[],
  window: ConflictWindow,
  live: readonly LiveConflict[] = liveConflicts(conflicts),
): ConflictFigures {
  // Open conflicts are counted at the end of the period, or now while the period is still running.
  const at = new Date(Math.min(window.end.getTime(), window.now.getTime()));
  return { openConflicts: openConflicts(conflicts, at), resolvedBeforeLive: resolvedBeforeLive(conflicts, window, live) };
}

/** Every figure of one set of rows: the facts of the period, and conflict entries judged against the window. */
export function computeFigures(facts: readonly Fact[], conflicts: readonly ConflictEntry[], window: ConflictWindow): Figures {
  return { ...factFigures(facts), ...conflictFigures(conflicts, window) };
}

/** A metric's headline number and how many rows it stands on (n = 0: nothing to show). */
export interface HeadlineValue {
  value: number | null;
  n: number;
}

const median = (s: Summary): HeadlineValue => ({ value: s.median, n: s.count });
const rate = (r: Rate): HeadlineValue => ({ value: r.rate, n: r.of });

export function headlineValues(f: Figures): Record<MetricKey, HeadlineValue> {
  return {
    access_per_link: median(f.accessPerLink),
    access_per_platform: median(f.accessPerPlatform.all),
    brief_acknowledgment: median(f.briefAcknowledgment),
    approval_cycle: median(f.approvalCycle),
    time_in_stage: median(f.timeInStage.all),
    revision_rounds: { value: f.revisionRounds.mean, n: f.revisionRounds.count },
    first_pass_rate: rate(f.firstPassRate),
    compliance_48h: rate(f.compliance48h),
    on_time_drafts: rate(f.onTimeDrafts),
    // A count is a count even over nothing: 0 late, 0 open.
    late_submissions: { value: f.lateSubmissions.count, n: f.lateSubmissions.of },
    open_conflicts: { value: f.openConflicts.total, n: f.openConflicts.total },
    resolved_before_live: rate(f.resolvedBeforeLive),
  };
}

export interface Headline extends HeadlineValue {
  key: MetricKey;
  previous: HeadlineValue;
  /** value − previous, in the metric's unit; null when either is missing. */
  change: number | null;
  /** Whether the change is an improvement by the metric's `better` direction. */
  trend: "better" | "worse" | "same" | null;
}

export function compareHeadlines(current: Record<MetricKey, HeadlineValue>, previous: Record<MetricKey, HeadlineValue>): Headline[] {
  return METRIC_KEYS.map((key) => {
    const now = current[key];
    const before = previous[key];
    const change = now.value === null || before.value === null ? null : now.value - before.value;
    const improved = change === null ? null : METRICS[key].better === "lower" ? change < 0 : change > 0;
    const trend = change === null ? null : change === 0 ? "same" : improved ? "better" : "worse";
    return { key, ...now, previous: before, change, trend };
  });
}

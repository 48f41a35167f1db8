import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import type { Channel } from "~/modules/channels/channels";
import { factsOf, type Fact } from "./fact-kinds";
import {
  compareHeadlines,
  computeFigures,
  headlineValues,
  type ConflictWindow,
  type Figures,
  type Headline,
  type HeadlineValue,
} from "./figures";
import type { ConflictEntry, MetricKey } from "./metrics";
import { inPeriod, periodBounds, periodDays, previousPeriod, weeksOf, type Period } from "./periods";
import { summarize, type Summary } from "./stats";

/**
 * The insights report (issue 16): what the insights page and the monthly accountability email
 * render. Built by `buildReport` from rows the query module already scoped and filtered; pure and
 * JSON-safe (instants as ISO strings), so a loader can return it as is.
 */

export interface InsightsFilter {
  period: Period;
  brandId: string | null;
  agencyId: string | null;
  channel: Channel | null;
}

export interface WeekFigures {
  /** "2026-W14" */
  week: string;
  /** The days of the week inside the period. */
  from: string;
  to: string;
  values: Record<MetricKey, HeadlineValue>;
}

export interface BreakdownRow {
  id: string;
  name: string;
  values: Record<MetricKey, HeadlineValue>;
}

export interface ApproverRow {
  id: string;
  name: string;
  decisions: number;
  approvals: number;
  changesRequested: number;
  /** From the stage starting to wait on the version to this person's decision. */
  decisionTime: Summary;
  /** Brand sign-offs this person gave, each one (a second sign-off after a new version included). */
  signOffs: number;
}

export interface InsightsReport {
  generatedAt: string;
  /** The workspace's zone: days and ISO weeks are counted in it. */
  timeZone: string;
  filter: InsightsFilter;
  period: Period & { days: number; start: string; end: string };
  previousPeriod: Period;
  headlines: Headline[];
  figures: Figures;
  weeks: WeekFigures[];
  breakdowns: { brand: BreakdownRow[]; agency: BreakdownRow[]; creator: BreakdownRow[]; approver: ApproverRow[] };
}

/** Display names of the ids the rows carry; only ids the viewer may see are ever looked up. */
export interface ReportNames {
  brands: ReadonlyMap<string, string>;
  agencies: ReadonlyMap<string, string>;
  creators: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

export interface ReportInput {
  filter: InsightsFilter;
  timeZone: string;
  now: Date;
  /** Facts of the period AND of the previous period (the query loads both at once). */
  facts: readonly Fact[];
  /** Conflict-log entries that may matter to either period. */
  conflicts: readonly ConflictEntry[];
  names: ReportNames;
}

const UNKNOWN = "Unknown";

function windowOf(period: Period, timeZone: string, now: Date): ConflictWindow {
  return { ...periodBounds(period, timeZone), now };
}

/** Rows of one slice: facts whose column matches, and the conflicts attributed to it. */
function breakdown(
  facts: readonly Fact[],
  keyOf: (f: Fact) => string | null,
  conflictsOf: (id: string) => readonly ConflictEntry[],
  names: ReadonlyMap<string, string>,
  window: ConflictWindow,
): BreakdownRow[] {
  // groupBy leaves out the rows without one (a fact of no creator, say).
  return [...groupBy(facts, keyOf).entries()]
    .map(([id, list]) => ({
      id,
      name: names.get(id) ?? UNKNOWN,
      values: headlineValues(computeFigures(list, conflictsOf(id), window)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

function approvers(facts: readonly Fact[], names: ReadonlyMap<string, string>): ApproverRow[] {
  const signOffs = groupBy(factsOf(facts, "signed_off"), (f) => f.personId);
  return [...groupBy(factsOf(facts, "stage_decided"), (f) => f.personId).entries()]
    .map(([id, list]) => ({
      id,
      name: names.get(id) ?? UNKNOWN,
      decisions: list.length,
      approvals: list.filter((f) => f.data.decision === "approve").length,
      changesRequested: list.filter((f) => f.data.decision === "request_changes").length,
      decisionTime: summarize(list.map((f) => f.durationSeconds)),
      signOffs: signOffs.get(id)?.length ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export function buildReport(input: ReportInput): InsightsReport {
  const { filter, timeZone, now, names } = input;
  const period = filter.period;
  const before = previousPeriod(period);
  const current = input.facts.filter((f) => inPeriod(f.localDate, period));
  const previous = input.facts.filter((f) => inPeriod(f.localDate, before));
  const window = windowOf(period, timeZone, now);
  const figures = computeFigures(current, input.conflicts, window);
  const headlines = compareHeadlines(
    headlineValues(figures),
    headlineValues(computeFigures(previous, input.conflicts, windowOf(before, timeZone, now))),
  );

  const weeks = weeksOf(period).map((span) => ({
    ...span,
    values: headlineValues(
      computeFigures(
        current.filter((f) => inPeriod(f.localDate, span)),
        input.conflicts,
        windowOf(span, timeZone, now),
      ),
    ),
  }));

  const byBrand = groupBy(input.conflicts, (c) => c.brandId);
  const byAgency = new Map<string, ConflictEntry[]>();
  for (const c of input.conflicts) for (const a of c.agencyIds) (byAgency.get(a) ?? byAgency.set(a, []).get(a)!).push(c);

  return {
    generatedAt: now.toISOString(),
    timeZone,
    filter,
    period: { ...period, days: periodDays(period), start: window.start.toISOString(), end: window.end.toISOString() },
    previousPeriod: before,
    headlines,
    figures,
    weeks,
    breakdowns: {
      brand: breakdown(
        current,
        (f) => f.brandId,
        (id) => byBrand.get(id) ?? [],
        names.brands,
        window,
      ),
      agency: breakdown(
        current,
        (f) => f.agencyId,
        (id) => byAgency.get(id) ?? [],
        names.agencies,
        window,
      ),
      creator: breakdown(
        current,
        (f) => f.creatorId,
        () => [],
        names.creators,
        window,
      ),
      approver: approvers(current, names.people),
    },
  };
}

/** The first and last day the query must load: the previous period's start to the period's end. */
export function loadedDays(period: Period): Period {
  return { from: previousPeriod(period).from, to: period.to };
}

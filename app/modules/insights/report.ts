import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import type { Channel } from "~/modules/channels/channels";
import { factsOf, type Fact } from "./fact-kinds";
import {
  compareHeadlines,
  conflictFigures,
  factFigures,
  headlineValues,
  type ConflictFigures,
  type ConflictWindow,
  type FactFigures,
  type Figures,
  type Headline,
  type HeadlineValue,
} from "./figures";
import { liveConflicts, type ConflictEntry, type MetricKey } from "./metrics";
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

/*
 * The report is built in two parts that are cached apart (queries.server.ts, decision 055): the
 * fact part moves only when a handoff finishes, the conflict part also with the clock. Together
 * they are exactly buildReport's figures.
 */

/** One breakdown row before naming: the id of the brand, agency or creator and its fact figures. */
export interface FactSlice {
  id: string;
  figures: FactFigures;
}

export type UnnamedApprover = Omit<ApproverRow, "name">;

export interface FactPart {
  current: FactFigures;
  previous: FactFigures;
  /** The fact figures of each week of weeksOf(period), in order. */
  weeks: FactFigures[];
  brand: FactSlice[];
  agency: FactSlice[];
  creator: FactSlice[];
  approver: UnnamedApprover[];
}

export interface ConflictPart {
  current: ConflictFigures;
  previous: ConflictFigures;
  /** The conflict figures of each week of weeksOf(period), in order. */
  weeks: ConflictFigures[];
  /** Per brand and per agency that any entry names; the others have `none`. */
  brand: ReadonlyMap<string, ConflictFigures>;
  agency: ReadonlyMap<string, ConflictFigures>;
  /** The figures of no conflict at all in the period (creators are attributed none). */
  none: ConflictFigures;
}

/** Slices of the facts by one column; rows without one (a fact of no creator, say) are left out. */
function slices(facts: readonly Fact[], keyOf: (f: Fact) => string | null): FactSlice[] {
  return [...groupBy(facts, keyOf).entries()].map(([id, list]) => ({ id, figures: factFigures(list) }));
}

function approvers(facts: readonly Fact[]): UnnamedApprover[] {
  const signOffs = groupBy(factsOf(facts, "signed_off"), (f) => f.personId);
  return [...groupBy(factsOf(facts, "stage_decided"), (f) => f.personId).entries()].map(([id, list]) => ({
    id,
    decisions: list.length,
    approvals: list.filter((f) => f.data.decision === "approve").length,
    changesRequested: list.filter((f) => f.data.decision === "request_changes").length,
    decisionTime: summarize(list.map((f) => f.durationSeconds)),
    signOffs: signOffs.get(id)?.length ?? 0,
  }));
}

/** `facts`: the period's AND the previous period's (the query loads both at once). */
export function factPartOf(facts: readonly Fact[], period: Period): FactPart {
  const current = facts.filter((f) => inPeriod(f.localDate, period));
  const before = previousPeriod(period);
  return {
    current: factFigures(current),
    previous: factFigures(facts.filter((f) => inPeriod(f.localDate, before))),
    weeks: weeksOf(period).map((span) => factFigures(current.filter((f) => inPeriod(f.localDate, span)))),
    brand: slices(current, (f) => f.brandId),
    agency: slices(current, (f) => f.agencyId),
    creator: slices(current, (f) => f.creatorId),
    approver: approvers(current),
  };
}

export function conflictPartOf(conflicts: readonly ConflictEntry[], period: Period, timeZone: string, now: Date): ConflictPart {
  const window = windowOf(period, timeZone, now);
  const byBrand = groupBy(conflicts, (c) => c.brandId);
  const byAgency = new Map<string, ConflictEntry[]>();
  for (const c of conflicts) for (const a of c.agencyIds) (byAgency.get(a) ?? byAgency.set(a, []).get(a)!).push(c);
  const each = (groups: ReadonlyMap<string, readonly ConflictEntry[]>) =>
    new Map([...groups.entries()].map(([id, list]) => [id, conflictFigures(list, window)] as const));
  // Judged once for the whole period, the previous one and every week.
  const live = liveConflicts(conflicts);
  return {
    current: conflictFigures(conflicts, window, live),
    previous: conflictFigures(conflicts, windowOf(previousPeriod(period), timeZone, now), live),
    weeks: weeksOf(period).map((span) => conflictFigures(conflicts, windowOf(span, timeZone, now), live)),
    brand: each(byBrand),
    agency: each(byAgency),
    none: conflictFigures([], window),
  };
}

/** The ids a fact part mentions, for the name lookup (only ids the viewer may see are there). */
export function idsNamed(part: FactPart): { brands: string[]; agencies: string[]; creators: string[]; people: string[] } {
  return {
    brands: part.brand.map((r) => r.id),
    agencies: part.agency.map((r) => r.id),
    creators: part.creator.map((r) => r.id),
    people: part.approver.map((r) => r.id),
  };
}

const byName = <T extends { id: string; name: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function assembleReport(
  facts: FactPart,
  conflicts: ConflictPart,
  input: { filter: InsightsFilter; timeZone: string; now: Date; names: ReportNames },
): InsightsReport {
  const { filter, timeZone, now, names } = input;
  const period = filter.period;
  const window = windowOf(period, timeZone, now);
  const rows = (list: readonly FactSlice[], named: ReadonlyMap<string, string>, conflictsOf: (id: string) => ConflictFigures) =>
    list
      .map((r) => ({ id: r.id, name: named.get(r.id) ?? UNKNOWN, values: headlineValues({ ...r.figures, ...conflictsOf(r.id) }) }))
      .sort(byName);
  return {
    generatedAt: now.toISOString(),
    timeZone,
    filter,
    period: { ...period, days: periodDays(period), start: window.start.toISOString(), end: window.end.toISOString() },
    previousPeriod: previousPeriod(period),
    headlines: compareHeadlines(
      headlineValues({ ...facts.current, ...conflicts.current }),
      headlineValues({ ...facts.previous, ...conflicts.previous }),
    ),
    figures: { ...facts.current, ...conflicts.current },
    weeks: weeksOf(period).map((span, i) => ({ ...span, values: headlineValues({ ...facts.weeks[i], ...conflicts.weeks[i] }) })),
    breakdowns: {
      brand: rows(facts.brand, names.brands, (id) => conflicts.brand.get(id) ?? conflicts.none),
      agency: rows(facts.agency, names.agencies, (id) => conflicts.agency.get(id) ?? conflicts.none),
      creator: rows(facts.creator, names.creators, () => conflicts.none),
      approver: facts.approver.map((r) => ({ ...r, name: names.people.get(r.id) ?? UNKNOWN })).sort(byName),
    },
  };
}

export function buildReport(input: ReportInput): InsightsReport {
  const { filter, timeZone, now } = input;
  return assembleReport(factPartOf(input.facts, filter.period), conflictPartOf(input.conflicts, filter.period, timeZone, now), input);
}

/** The first and last day the query must load: the previous period's start to the period's end. */
export function loadedDays(period: Period): Period {
  return { from: previousPeriod(period).from, to: period.to };
}

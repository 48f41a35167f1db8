import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import { formatCount } from "~/utils/numbers";
import { formatDuration, formatIsoDate } from "~/utils/time";
import type { Fact } from "./fact-kinds";
import { computeFigures } from "./figures";
import type { Compliance, ConflictEntry } from "./metrics";
import { inPeriod, periodBounds, type Period } from "./periods";
import { monthPeriod, previousMonthOf, type Month } from "./monthly-report-schedule";
import type { Rate, Summary } from "./stats";

/**
 * The monthly accountability report of one brand (issue 16, part 6): last month's figures per
 * agency, as the brand's leads may see them, and the words of the email. Pure: the rows come from
 * monthly-report.server.ts (one read for every brand due), the metrics from metrics.ts through
 * figures.ts, so the email and the insights page never disagree on a definition.
 */

/** The five figures the report gives for a brand, and for each agency working for it. */
export interface ReportFigures {
  /** Time to verified access, per onboarding link (metrics.ts accessPerLink). */
  access: Summary;
  /** Approval cycle time, first submission to brand sign-off. */
  cycle: Summary;
  /** 48-hour compliance, with overrides and blocks beside it. */
  compliance: Compliance;
  /** Versions flagged late at submission, out of every version submitted. */
  lateDrafts: Rate;
  /** Conflicts holding at the end of the month (or now, while it runs). */
  openConflicts: number;
  /** Conflicts whose first item went live in the month that had stopped holding by then. */
  resolvedBeforeLive: Rate;
}

export interface AgencyFigures {
  id: string;
  name: string;
  figures: ReportFigures;
  /** The agency's figures for the brand the month before. */
  previous: ReportFigures;
}

export interface MonthlyReport {
  brand: { id: string; name: string };
  /** The month reported, "2026-07". */
  month: Month;
  period: Period;
  /** The brand's figures across every agency. */
  total: ReportFigures;
  /** The same for the month before, for the change. */
  previous: ReportFigures;
  /** Each agency with a handoff or a conflict for the brand in the month, by name. */
  agencies: AgencyFigures[];
}

export interface MonthlyReportInput {
  brand: { id: string; name: string };
  month: Month;
  /** The workspace's zone: facts count on their local day there, as on the insights page. */
  timeZone: string;
  now: Date;
  /** The brand's facts of the month and of the month before (more are ignored). */
  facts: readonly Fact[];
  /** The brand's conflict-log entries, as its leads may see them. */
  conflicts: readonly ConflictEntry[];
  agencyNames: ReadonlyMap<string, string>;
}

function figuresOf(
  facts: readonly Fact[],
  conflicts: readonly ConflictEntry[],
  period: Period,
  timeZone: string,
  now: Date,
): ReportFigures {
  const f = computeFigures(
    facts.filter((fact) => inPeriod(fact.localDate, period)),
    conflicts,
    { ...periodBounds(period, timeZone), now },
  );
  return {
    access: f.accessPerLink,
    cycle: f.approvalCycle,
    compliance: f.compliance48h,
    lateDrafts: f.lateSubmissions,
    openConflicts: f.openConflicts.total,
    resolvedBeforeLive: f.resolvedBeforeLive,
  };
}

/** Whether an agency did anything for the brand that month: otherwise it is left out of the email. */
const active = (f: ReportFigures) =>
  f.access.count + f.cycle.count + f.compliance.of + f.compliance.overrides + f.compliance.blocks + f.lateDrafts.of + f.openConflicts > 0 ||
  f.resolvedBeforeLive.of > 0;

export function buildMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  const { brand, month, timeZone, now, conflicts } = input;
  const facts = input.facts.filter((f) => f.brandId === brand.id);
  const period = monthPeriod(month);
  const before = monthPeriod(previousMonthOf(month));
  const byAgency = groupBy(facts, (f) => f.agencyId);
  const agencyIds = new Set([...byAgency.keys(), ...conflicts.flatMap((c) => c.agencyIds)]);
  const agencies = [...agencyIds]
    .map((id) => {
      const own = byAgency.get(id) ?? [];
      const involved = conflicts.filter((c) => c.agencyIds.includes(id));
      return {
        id,
        name: input.agencyNames.get(id) ?? "Unknown agency",
        figures: figuresOf(own, involved, period, timeZone, now),
        previous: figuresOf(own, involved, before, timeZone, now),
      };
    })
    .filter((a) => active(a.figures))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    brand,
    month,
    period,
    total: figuresOf(facts, conflicts, period, timeZone, now),
    previous: figuresOf(facts, conflicts, before, timeZone, now),
    agencies,
  };
}

/* ---------------------------------------------------------------- the words of the email */

/** One line of the email: "Approval cycle time · 2 d 4 h · median of 12 · was 3 d 1 h". */
export interface ReportLine {
  label: string;
  value: string;
  detail: string;
}

const NONE = "No data";
const duration = (seconds: number) => formatDuration(seconds * 1000, { days: "d", units: 2 });
const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const ofN = (r: Rate) => `${formatCount(r.count)} of ${formatCount(r.of)}`;

function medianLine(label: string, s: Summary, before: Summary, what: { one: string; many: string }): ReportLine {
  if (s.median === null) return { label, value: NONE, detail: `No ${what.many} this month` };
  const was = before.median === null ? "" : ` · was ${duration(before.median)}`;
  // One measurement has no median to speak of: it is the figure.
  const of = s.count === 1 ? `1 ${what.one}` : `Median of ${formatCount(s.count)} ${what.many}, 90th percentile ${duration(s.p90!)}`;
  return { label, value: duration(s.median), detail: `${of}${was}` };
}

function complianceLine(c: Compliance, before: Compliance): ReportLine {
  const beside = [c.overrides ? `${formatCount(c.overrides)} overridden` : "", c.blocks ? `${formatCount(c.blocks)} blocked` : ""].filter(
    Boolean,
  );
  const extra = beside.length ? ` · ${beside.join(", ")}` : "";
  if (c.rate === null) return { label: "48-hour compliance", value: NONE, detail: `Nothing scheduled or published this month${extra}` };
  const was = before.rate === null ? "" : ` · was ${percent(before.rate)}`;
  return { label: "48-hour compliance", value: percent(c.rate), detail: `${ofN(c)} signed off in time${extra}${was}` };
}

function lateLine(r: Rate, before: Rate): ReportLine {
  if (r.of === 0) return { label: "Late drafts", value: NONE, detail: "No drafts submitted this month" };
  const was = before.of === 0 ? "" : ` · was ${formatCount(before.count)}`;
  return { label: "Late drafts", value: formatCount(r.count), detail: `${ofN(r)} versions came in too late for review${was}` };
}

function conflictLine(f: ReportFigures, before: ReportFigures): ReportLine {
  const resolved = f.resolvedBeforeLive.rate === null ? "" : ` · ${percent(f.resolvedBeforeLive.rate)} resolved before going live`;
  return {
    label: "Conflicts",
    value: `${formatCount(f.openConflicts)} open`,
    detail: `At the end of the month${resolved} · was ${formatCount(before.openConflicts)} open`,
  };
}

/** The lines of one figure set; `before` is the month before (the same slice), for "was". */
export function reportLines(f: ReportFigures, before: ReportFigures): ReportLine[] {
  return [
    medianLine("Time to verified access", f.access, before.access, { one: "onboarding link", many: "onboarding links" }),
    medianLine("Approval cycle time", f.cycle, before.cycle, { one: "sign-off", many: "sign-offs" }),
    complianceLine(f.compliance, before.compliance),
    lateLine(f.lateDrafts, before.lateDrafts),
    conflictLine(f, before),
  ];
}

/** "July 2026" */
export const monthLabel = (month: Month): string => formatIsoDate(`${month}-01`, "LLLL yyyy");

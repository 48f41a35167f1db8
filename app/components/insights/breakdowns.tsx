import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Card, cx, EmptyState } from "~/components/ui";
import type { MetricDefinition } from "~/modules/insights/metrics";
import { formatDuration, SECOND_MS } from "~/utils/time";
import { formatValue } from "./format";

export interface BreakdownColumn {
  key: string;
  label: string;
  /** The metric's full name (the header's tooltip and its screen-reader text). */
  title: string;
  unit: MetricDefinition["unit"];
}

export interface BreakdownRowView {
  id: string;
  name: string;
  values: Record<string, { value: number | null; n: number }>;
}

export interface ApproverView {
  id: string;
  name: string;
  decisions: number;
  approvals: number;
  changesRequested: number;
  decisionTime: { count: number; median: number | null; p90: number | null };
  signOffs: number;
}

export interface SummaryRow {
  key: string;
  name: string;
  count: number;
  median: number | null;
  p90: number | null;
  extra?: string;
}

/** A download link for one table's CSV (a resource route, so the browser saves it). */
export function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      to={href}
      reloadDocument
      className="whitespace-nowrap text-sm font-medium text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent print:hidden"
    >
      Download CSV<span className="sr-only"> of {label}</span>
    </Link>
  );
}

interface Column {
  key: string;
  header: ReactNode;
}

/** Row headers and figures of a table body, styled from the table (arbitrary variants). */
const BODY_CELLS = cx(
  "[&_tbody_th]:px-3 [&_tbody_th]:py-3 [&_tbody_th]:pl-4 [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_tbody_th]:text-ink sm:[&_tbody_th]:pl-6",
  "[&_td]:whitespace-nowrap [&_td]:px-3 [&_td]:py-3 [&_td]:text-right [&_td]:tabular-nums [&_td]:text-ink",
  "[&_td:last-child]:pr-4 sm:[&_td:last-child]:pr-6 print:[&_td]:whitespace-normal print:[&_td]:px-1.5",
);

/**
 * A card with one compact table: tight cells and headers that may wrap, so nine columns fit a
 * laptop; on a phone the table scrolls inside its own focusable region.
 */
function TableCard(props: {
  title: string;
  description: string;
  csv: string;
  nameHeader: string;
  columns: Column[];
  rows: { key: string; name: ReactNode; cells: ReactNode[] }[];
  /** The full table's row count when the page shows only some of them (page-model mostActive). */
  total?: number;
  /** What a row is, in the plural ("creators"), for the note under a table that shows only some. */
  noun?: string;
  empty: { title: string; description: string };
}) {
  const { title, description, csv, nameHeader, columns, rows, empty } = props;
  const hidden = props.total !== undefined && props.total > rows.length;
  const head = "px-3 py-2 align-bottom text-xs font-semibold uppercase tracking-wide text-ink-muted print:px-1.5 print:tracking-normal";
  return (
    <Card title={title} description={description} actions={<CsvLink href={csv} label={title} />} flush className="break-inside-avoid">
      {rows.length === 0 ? (
        <div className="p-4 sm:p-6">
          <EmptyState title={empty.title} description={empty.description} />
        </div>
      ) : (
        // The caption names the scrolling region for keyboard and screen-reader users.
        // On paper nothing scrolls: the table wraps its cells and prints whole.
        <div
          className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-accent print:overflow-visible"
          role="region"
          aria-label={title}
          tabIndex={0}
        >
          {/* The body cells' style is said once here, not on each of hundreds of cells (the page's weight). */}
          <table className={cx("min-w-full divide-y divide-slate-200 text-left text-sm print:text-xs", BODY_CELLS)}>
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={cx(head, "pl-4 text-left sm:pl-6")}>
                  {nameHeader}
                </th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={cx(head, "text-right last:pr-4 sm:last:pr-6")}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.name}</th>
                  {r.cells.map((cell, i) => (
                    <td key={columns[i].key}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden ? (
        <p className="border-t border-slate-200 px-4 py-3 text-sm text-ink-muted sm:px-6 print:hidden">
          The {rows.length} {props.noun ?? "rows"} with the most handoffs in the period, of {props.total}.{" "}
          <a href={csv} className="font-medium text-ink underline" download>
            Download all {props.total} as CSV
          </a>
          , or narrow the filter.
        </p>
      ) : null}
    </Card>
  );
}

const NOTHING = (
  <span className="text-ink-muted" title="Nothing measured">
    –
  </span>
);

const Cell = ({ unit, v }: { unit: BreakdownColumn["unit"]; v: { value: number | null; n: number } | undefined }) =>
  !v || v.n === 0 ? (
    NOTHING
  ) : (
    <>
      {formatValue(unit, v.value)}
      <span className="ml-1 text-xs text-ink-muted">({v.n})</span>
    </>
  );

const duration = (s: number | null) => (s === null ? NOTHING : formatDuration(s * SECOND_MS));

/** One breakdown (per brand, agency or creator): the same figures as the headlines, per row. */
export function BreakdownTable(props: {
  title: string;
  description: string;
  nameHeader: string;
  rows: BreakdownRowView[];
  columns: BreakdownColumn[];
  csv: string;
  total?: number;
  noun?: string;
}) {
  const { columns } = props;
  return (
    <TableCard
      {...props}
      columns={columns.map((c) => ({
        key: c.key,
        header: (
          <abbr title={c.title} className="no-underline">
            {c.label}
          </abbr>
        ),
      }))}
      rows={props.rows.map((r) => ({
        key: r.id,
        name: r.name,
        cells: columns.map((c) => <Cell key={c.key} unit={c.unit} v={r.values[c.key]} />),
      }))}
      empty={{ title: "Nothing measured", description: "No finished handoff in this period matches the filter." }}
    />
  );
}

/** Each approver's decisions, how long they took from the stage starting to wait, and brand sign-offs given. */
export function ApproverTable({ rows, csv, total }: { rows: ApproverView[]; csv: string; total?: number }) {
  const headers = ["Decisions", "Approved", "Changes asked", "Median time", "90th percentile", "Sign-offs"];
  return (
    <TableCard
      title="By approver"
      description="Decisions each person gave, and the time from the stage starting to wait to their decision."
      csv={csv}
      total={total}
      noun="approvers"
      nameHeader="Approver"
      columns={headers.map((h) => ({ key: h, header: h }))}
      rows={rows.map((a) => ({
        key: a.id,
        name: a.name,
        cells: [a.decisions, a.approvals, a.changesRequested, duration(a.decisionTime.median), duration(a.decisionTime.p90), a.signOffs],
      }))}
      empty={{ title: "No decisions", description: "Nobody approved or requested changes in this period." }}
    />
  );
}

/** A small table of medians and 90th percentiles (time in each stage, access per platform, conflicts by rule). */
export function SummaryTable(props: {
  title: string;
  description: string;
  nameHeader: string;
  rows: SummaryRow[];
  csv: string;
  countHeader?: string;
}) {
  const headers = [props.countHeader ?? "Measured", "Median", "90th percentile"];
  return (
    <TableCard
      {...props}
      columns={headers.map((h) => ({ key: h, header: h }))}
      rows={props.rows.map((r) => ({
        key: r.key,
        name: (
          <>
            {r.name}
            {r.extra ? <span className="block text-xs font-normal text-ink-muted">{r.extra}</span> : null}
          </>
        ),
        cells: [r.count, duration(r.median), duration(r.p90)],
      }))}
      empty={{ title: "Nothing measured", description: "Nothing in this period matches the filter." }}
    />
  );
}

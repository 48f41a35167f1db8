import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

/**
 * Every base table of every non-system schema, read from the database catalog (not from drizzle's
 * schema, so a table added by a migration alone is covered too), as "schema.table".
 */
export async function allTables(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
  return rowsOf(result).map((r) => String(r.name));
}

const quoted = (name: string) =>
  name
    .split(".")
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join(".");

/** Row count and a hash of every row's text, per table: any insert, update or delete changes it. */
export async function tableSnapshot(db: Database, opts: { except?: string[] } = {}): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const name of await allTables(db)) {
    if (opts.except?.some((e) => name === e || name.endsWith(`.${e}`))) continue;
    const result = await db.execute(
      sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM ${quoted(name)} x`),
    );
    const [row] = rowsOf(result);
    snapshot[name] = `${row.n} rows, ${row.h}`;
  }
  return snapshot;
}

/** The tables whose rows differ between two snapshots (added or dropped tables included). */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

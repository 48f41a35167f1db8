import { and, count, desc, eq, gte, ilike, like, lt, sql, type SQL } from "drizzle-orm";
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { auditEvents } from "@db/schema";
import { csvLine } from "~/utils/csv";
import { db } from "~/utils/db.server";
import { formatIn } from "~/utils/time";
import { text } from "~/utils/text-schema";

/** The families of audit actions (the part before the dot), as the filter offers them. */
export const AUDIT_ACTION_PREFIXES = {
  auth: "Sign-in and accounts",
  workspace: "Workspace settings",
  member: "Members and roles",
  brand: "Brands",
  agency: "Agencies",
  creator: "Creators",
  onboarding: "Onboarding links",
  access: "Platform access",
  brief: "Briefs",
  campaign: "Campaigns",
  draft: "Drafts and approvals",
  deliverable: "Deliverables",
  conflict: "Conflicts",
  webhook: "Webhooks",
  file: "Files",
} as const;

export type AuditActionPrefix = keyof typeof AUDIT_ACTION_PREFIXES;

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;
const MAX_PAGE = 10_000;
/** The CSV export is streamed in batches and stops here (a year of a busy workspace). */
export const AUDIT_CSV_MAX_ROWS = 100_000;

export interface AuditFilter {
  action?: AuditActionPrefix;
  actor?: string;
  object?: string;
  /** "YYYY-MM-DD", inclusive, in the viewer's time zone. */
  from?: string;
  /** "YYYY-MM-DD", inclusive, in the viewer's time zone. */
  to?: string;
}

export interface ParsedAuditQuery {
  filter: AuditFilter;
  page: number;
  size: number;
  /** Human messages for filter values that were ignored (the page shows them). */
  ignored: string[];
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => DateTime.fromISO(v, { zone: "utc" }).isValid);

const fields = {
  action: z.enum(Object.keys(AUDIT_ACTION_PREFIXES) as [AuditActionPrefix, ...AuditActionPrefix[]]),
  actor: text({ min: 1, max: 200 }),
  object: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/),
  from: isoDate,
  to: isoDate,
};

const MESSAGES: Record<keyof typeof fields, string> = {
  action: "The action type is not one Baton records, so it was ignored.",
  actor: "The actor filter must be plain text of at most 200 characters, so it was ignored.",
  object: "The object type may only hold lowercase letters, digits and underscores, so it was ignored.",
  from: "The “from” date is not a date like 2025-01-31, so it was ignored.",
  to: "The “to” date is not a date like 2025-01-31, so it was ignored.",
};

function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

/**
 * Reads the filter from the URL. A bad value is dropped with a message instead of failing the
 * page; page and page size are clamped.
 */
export function parseAuditQuery(params: URLSearchParams): ParsedAuditQuery {
  const filter: AuditFilter = {};
  const ignored: string[] = [];
  for (const key of Object.keys(fields) as Array<keyof typeof fields>) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) (filter as Record<string, string>)[key] = parsed.data;
    else ignored.push(MESSAGES[key]);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    ignored.push("The “to” date is before the “from” date, so it was ignored.");
    delete filter.to;
  }
  return {
    filter,
    page: intParam(params.get("page"), 1, 1, MAX_PAGE),
    size: intParam(params.get("size"), AUDIT_PAGE_SIZE, 1, AUDIT_MAX_PAGE_SIZE),
    ignored,
  };
}

/** The same filter as URL parameters (for pagination links and the CSV export). */
export function auditFilterParams(filter: AuditFilter): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) out.set(key, value);
  return out;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function zoneOr(tz: string): string {
  return IANAZone.isValidZone(tz) ? tz : "UTC";
}

function dayStart(isoDay: string, tz: string): Date {
  return DateTime.fromISO(isoDay, { zone: zoneOr(tz) })
    .startOf("day")
    .toJSDate();
}

function conditions(workspaceId: string, filter: AuditFilter, tz: string): SQL[] {
  const where: SQL[] = [eq(auditEvents.workspaceId, workspaceId)];
  if (filter.action) where.push(like(auditEvents.action, `${filter.action}.%`));
  if (filter.actor) where.push(ilike(auditEvents.actorLabel, `%${escapeLike(filter.actor)}%`));
  if (filter.object) where.push(eq(auditEvents.objectType, filter.object));
  if (filter.from) where.push(gte(auditEvents.createdAt, dayStart(filter.from, tz)));
  if (filter.to) {
    const next = DateTime.fromISO(filter.to, { zone: zoneOr(tz) })
      .startOf("day")
      .plus({ days: 1 })
      .toJSDate();
    where.push(lt(auditEvents.createdAt, next));
  }
  return where;
}

export type AuditRow = typeof auditEvents.$inferSelect;

/** One page of the workspace's audit events, newest first, and the total that match. */
export async function listAuditEvents(workspaceId: string, query: Pick<ParsedAuditQuery, "filter" | "page" | "size">, tz: string) {
  const where = and(...conditions(workspaceId, query.filter, tz));
  const [rows, [total]] = await Promise.all([
    db()
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    db().select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The object types this workspace's trail holds, for the filter's choices. */
export async function auditObjectTypes(workspaceId: string): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ t: auditEvents.objectType })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(auditEvents.objectType)
    .limit(100);
  return rows.map((r) => r.t);
}

/** Walks every matching event newest first in batches (keyset), for the streamed CSV export. */
export async function* auditEventBatches(
  workspaceId: string,
  filter: AuditFilter,
  tz: string,
  batchSize = 1000,
): AsyncGenerator<AuditRow[]> {
  const base = conditions(workspaceId, filter, tz);
  let cursor: { at: Date; id: number } | null = null;
  let sent = 0;
  while (sent < AUDIT_CSV_MAX_ROWS) {
    const where: SQL[] = cursor
      ? [...base, sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`]
      : base;
    const rows = await db()
      .select()
      .from(auditEvents)
      .where(and(...where))
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(Math.min(batchSize, AUDIT_CSV_MAX_ROWS - sent));
    if (rows.length === 0) return;
    yield rows;
    sent += rows.length;
    const last = rows[rows.length - 1];
    cursor = { at: last.createdAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}

export const AUDIT_CSV_HEADER = ["time_utc", "actor", "actor_user_id", "action", "object_type", "object_id", "data", "ip", "user_agent"];

export function auditCsvRow(row: AuditRow): string {
  return csvLine([
    row.createdAt.toISOString(),
    row.actorLabel,
    row.actorUserId,
    row.action,
    row.objectType,
    row.objectId,
    Object.keys(row.data ?? {}).length > 0 ? row.data : "",
    row.ip,
    row.userAgent,
  ]);
}

/** Formats instants for the viewer on the server, so the page and its hydration agree. */
export function formatInZone(date: Date, tz: string): { day: string; time: string } {
  return { day: formatIn(date, tz, "dd LLL yyyy"), time: formatIn(date, tz, "HH:mm:ss") };
}

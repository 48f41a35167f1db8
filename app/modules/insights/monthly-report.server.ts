import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { brands, memberships, reportSends, users, workspaces } from "@db/schema";
import { getEmailTemplate } from "@emails/index";
import { renderEmail } from "@emails/render";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { conflict, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { queueEmail, type EmailRequest } from "~/modules/email/send.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { brandScope } from "~/modules/workspaces/scope.server";
import { loadMonthlyReports, type ReportBrand } from "./monthly-report-data.server";
import { monthLabel, reportLines, type MonthlyReport } from "./monthly-report";
import { dueReport, monthOf, previousMonthOf, type Month } from "./monthly-report-schedule";
import { insightsReportPath } from "./monthly-report-links";

/**
 * Sending the monthly accountability report (issue 16, part 6): automatically to each brand lead
 * when the schedule says it is due (monthly-report-schedule.ts), once per brand, month and
 * recipient; and again, on a coordinator's request, as a separate audited action. Either way the
 * send is recorded in `report_sends` in the same transaction as the email is queued (the outbox),
 * so a send that rolls back emails no one and an email queued is always on record.
 */

type Workspace = typeof workspaces.$inferSelect;

export interface ReportRecipient {
  id: string;
  email: string;
  name: string;
}

/** The brand leads of each brand: who the report goes to. */
export async function brandLeadsOf(
  q: Queryable,
  workspaceId: string,
  brandIds: readonly string[],
): Promise<Map<string, ReportRecipient[]>> {
  const leads = new Map<string, ReportRecipient[]>();
  if (brandIds.length === 0) return leads;
  const rows = await q
    .select({ brandId: memberships.brandId, id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "brand_lead"), inArray(memberships.brandId, [...brandIds])))
    .orderBy(asc(users.name), asc(users.id));
  for (const { brandId, ...person } of rows) if (brandId) (leads.get(brandId) ?? leads.set(brandId, []).get(brandId)!).push(person);
  return leads;
}

/** The email one brand lead receives: the figures already written as words (emails get plain JSON). */
export function reportEmail(
  report: MonthlyReport,
  workspace: Workspace,
  to: Pick<ReportRecipient, "email" | "name"> | null,
): EmailRequest<"monthly-report"> {
  const base = env().APP_URL.replace(/\/$/, "");
  return {
    to: to?.email ?? "",
    template: "monthly-report",
    props: {
      // Only the workspace's name and colour: no logo (no image at all) in this email.
      workspace: { name: workspace.name, logoUrl: null, accentColor: workspace.accentColor },
      recipientName: to?.name ?? null,
      brandName: report.brand.name,
      monthLabel: monthLabel(report.month),
      summary: reportLines(report.total, report.previous),
      agencies: report.agencies.map((a) => ({ name: a.name, lines: reportLines(a.figures, a.previous) })),
      url: `${base}${insightsReportPath(workspace.slug, report.brand.id, report.period)}`,
      note: `Days are counted in the workspace's time zone (${workspace.timeZone}).`,
    },
  };
}

/* ---------------------------------------------------------------- the automatic send */

interface DueBrand extends ReportBrand {
  workspaceId: string;
  month: Month;
}

/** Brands whose report is due at `now` in their own zone: one read of the zones, one of the brands in the due ones. */
async function dueBrands(now: Date): Promise<DueBrand[]> {
  const zones = await db().selectDistinct({ timeZone: brands.timeZone }).from(brands);
  const due = new Map(zones.flatMap(({ timeZone }) => (dueReport(now, timeZone) ? [[timeZone, dueReport(now, timeZone)!.month]] : [])));
  if (due.size === 0) return [];
  const rows = await db()
    .select({ id: brands.id, name: brands.name, workspaceId: brands.workspaceId, timeZone: brands.timeZone })
    .from(brands)
    .where(inArray(brands.timeZone, [...due.keys()]));
  return rows.map((r) => ({ id: r.id, name: r.name, workspaceId: r.workspaceId, month: due.get(r.timeZone)! }));
}

/** (brand, recipient) pairs already sent automatically for `month`. */
async function autoSent(brandIds: string[], month: Month): Promise<Set<string>> {
  const rows = await db()
    .select({ brandId: reportSends.brandId, userId: reportSends.recipientUserId })
    .from(reportSends)
    .where(and(inArray(reportSends.brandId, brandIds), eq(reportSends.month, month), eq(reportSends.kind, "auto")));
  return new Set(rows.map((r) => `${r.brandId}:${r.userId}`));
}

/**
 * One workspace's due brands for one month: reports computed only for brands with a lead still
 * waiting for it, then one transaction that claims each (brand, month, recipient) in report_sends
 * (ON CONFLICT DO NOTHING on the partial unique index for 'auto') and queues an email for each
 * claim it won. A second run, or a second worker at the same moment, claims nothing and sends nothing.
 */
async function sendForWorkspace(workspace: Workspace, due: DueBrand[], month: Month, now: Date): Promise<number> {
  const leads = await brandLeadsOf(
    db(),
    workspace.id,
    due.map((b) => b.id),
  );
  const sent = await autoSent([...leads.keys()], month);
  const waiting = due.filter((b) => (leads.get(b.id) ?? []).some((p) => !sent.has(`${b.id}:${p.id}`)));
  if (waiting.length === 0) return 0;
  const reports = new Map((await loadMonthlyReports(workspace, waiting, month, now)).map((r) => [r.brand.id, r]));
  return db().transaction(async (tx) => {
    const claims = waiting.flatMap((b) =>
      (leads.get(b.id) ?? []).map((p) => ({
        workspaceId: workspace.id,
        brandId: b.id,
        month,
        recipientUserId: p.id,
        kind: "auto" as const,
      })),
    );
    const claimed = await tx.insert(reportSends).values(claims).onConflictDoNothing().returning({
      brandId: reportSends.brandId,
      userId: reportSends.recipientUserId,
    });
    for (const { brandId, userId } of claimed) {
      const person = leads.get(brandId)!.find((p) => p.id === userId)!;
      await queueEmail(tx, reportEmail(reports.get(brandId)!, workspace, person), {
        workspaceId: workspace.id,
        dedupeKey: `monthly-report:${brandId}:${month}:${userId}`,
      });
    }
    return claimed.length;
  });
}

/** The job's work at `now`: every brand due, workspace by workspace. Returns how many emails were queued. */
export async function sendDueMonthlyReports(now: Date): Promise<number> {
  const due = await dueBrands(now);
  if (due.length === 0) return 0;
  const spaces = await db()
    .select()
    .from(workspaces)
    .where(inArray(workspaces.id, [...new Set(due.map((b) => b.workspaceId))]));
  let queued = 0;
  for (const workspace of spaces) {
    const mine = due.filter((b) => b.workspaceId === workspace.id);
    for (const month of new Set(mine.map((b) => b.month)))
      queued += await sendForWorkspace(
        workspace,
        mine.filter((b) => b.month === month),
        month,
        now,
      );
  }
  return queued;
}

/* ---------------------------------------------------------------- preview and send again */

export interface ReportTarget {
  brandId: string;
  month: Month;
}

const brandColumns = { id: brands.id, name: brands.name, timeZone: brands.timeZone };

/** The brands whose report the member may preview (brandScope: workspace roles see every brand), by name. */
export async function reportBrands(ctx: MemberContext) {
  return db().select(brandColumns).from(brands).where(brandScope(ctx)).orderBy(asc(brands.name), asc(brands.id));
}

/** The brand, if the member may open it. */
async function visibleBrand(ctx: MemberContext, brandId: string) {
  const [row] = await db()
    .select(brandColumns)
    .from(brands)
    .where(and(brandScope(ctx), eq(brands.id, brandId)))
    .limit(1);
  return row ?? null;
}

/** A report is about a month that has begun, in the brand's zone (the current one reads "so far"). */
const notYet = (month: Month, timeZone: string, now: Date) =>
  month > monthOf(now, timeZone) ? invalid(undefined, { month: ["Choose a month that has begun: there is nothing to report yet."] }) : null;

/** The month a report would be about today, seen from the brand's zone: last month. */
export function defaultReportMonth(now: Date, timeZone: string): Month {
  return previousMonthOf(monthOf(now, timeZone));
}

export interface ReportSendRow {
  kind: "auto" | "again";
  to: string;
  by: string | null;
  at: Date;
}

async function sendsOf(q: Queryable, target: ReportTarget): Promise<ReportSendRow[]> {
  const rows = await q
    .select({
      kind: reportSends.kind,
      to: users.email,
      by: sql<string | null>`(select u.name from users u where u.id = ${reportSends.sentBy})`,
      at: reportSends.createdAt,
    })
    .from(reportSends)
    .innerJoin(users, eq(users.id, reportSends.recipientUserId))
    .where(and(eq(reportSends.brandId, target.brandId), eq(reportSends.month, target.month)))
    .orderBy(desc(reportSends.createdAt), asc(users.email));
  return rows;
}

export interface ReportPreview {
  brand: { id: string; name: string; timeZone: string };
  month: Month;
  subject: string;
  /** The email rendered, exactly as the mail client gets it. */
  html: string;
  text: string;
  /** The email as a brand lead receives it (addressed to no one in particular). */
  email: EmailRequest<"monthly-report">;
  recipients: ReportRecipient[];
  sends: ReportSendRow[];
}

/** What the coordinator sees before sending again: the email, who it goes to and when it went before. */
export async function previewMonthlyReport(ctx: MemberContext, target: ReportTarget, now = new Date()): Promise<Outcome<ReportPreview>> {
  const brand = await visibleBrand(ctx, target.brandId);
  if (!brand) return notFound("This brand does not exist in this workspace.");
  const early = notYet(target.month, brand.timeZone, now);
  if (early) return early;
  const [[report], leads, sends] = await Promise.all([
    loadMonthlyReports(ctx.workspace, [brand], target.month, now),
    brandLeadsOf(db(), ctx.workspace.id, [brand.id]),
    sendsOf(db(), target),
  ]);
  const email = reportEmail(report, ctx.workspace, null);
  const subject = getEmailTemplate("monthly-report").subject(email.props);
  const { html, text } = await renderEmail("monthly-report", email.props);
  return ok({ brand, month: target.month, subject, html, text, email, recipients: leads.get(brand.id) ?? [], sends });
}

/**
 * "Send again": the report of a brand and month to each of its brand leads now, recorded as
 * kind 'again' and audited. `seen` is how many sends the page showed: a double submit (or two
 * coordinators at once) finds one more and sends nothing the second time. The brand row is locked
 * for the check, so two requests cannot both pass it.
 */
export async function sendMonthlyReportAgain(
  ctx: MemberContext,
  input: ReportTarget & { seen: number },
  now = new Date(),
): Promise<Outcome<{ sent: number }>> {
  const brand = await visibleBrand(ctx, input.brandId);
  if (!brand) return notFound("This brand does not exist in this workspace.");
  const early = notYet(input.month, brand.timeZone, now);
  if (early) return early;
  const leads = (await brandLeadsOf(db(), ctx.workspace.id, [brand.id])).get(brand.id) ?? [];
  if (leads.length === 0) return conflict(`${brand.name} has no brand lead to send the report to. Invite one from Members first.`);
  const [report] = await loadMonthlyReports(ctx.workspace, [brand], input.month, now);
  return db().transaction(async (tx) => {
    await tx.execute(sql`select id from brands where id = ${brand.id} for update`);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(reportSends)
      .where(and(eq(reportSends.brandId, brand.id), eq(reportSends.month, input.month)));
    if (n !== input.seen) return conflict("This report was just sent. Reload the page to see it in the list before sending it again.");
    const rows = await tx
      .insert(reportSends)
      .values(
        leads.map((p) => ({
          workspaceId: ctx.workspace.id,
          brandId: brand.id,
          month: input.month,
          recipientUserId: p.id,
          kind: "again" as const,
          sentBy: ctx.user.id,
        })),
      )
      .returning({ id: reportSends.id, userId: reportSends.recipientUserId });
    for (const row of rows) {
      const person = leads.find((p) => p.id === row.userId)!;
      await queueEmail(tx, reportEmail(report, ctx.workspace, person), {
        workspaceId: ctx.workspace.id,
        dedupeKey: `monthly-report-again:${row.id}`,
      });
    }
    await audit(tx, ctx, {
      action: "brand.report_sent_again",
      objectType: "brand",
      objectId: brand.id,
      data: { brand: brand.name, month: input.month, recipients: leads.map((p) => p.email) },
    });
    return ok({ sent: rows.length });
  });
}

import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { approvalDecisions, brands, conflictAcknowledgments, conflictLog, draftVersions, users } from "@db/schema";
import { db } from "~/utils/db.server";
import { HOUR_MS } from "~/utils/time";
import { fingerprintCache } from "~/utils/fingerprint-cache.server";
import { groupBy } from "~/modules/calendar/conflicts/sort-and-group";
import { minuteOf } from "~/modules/calendar/snapshot";
import { calendarFingerprint } from "~/modules/calendar/snapshot-cache.server";
import { heldDeliverables } from "~/modules/approvals/queue.server";
import { pendingAcknowledgments } from "~/modules/briefs/waiting.server";
import { CONFLICT_HOLDER_ROLES, resolvesConflicts } from "~/modules/calendar/waiting.server";
import { calendarPath, conflictsPath } from "~/modules/calendar/links";
import { CONFLICT_RULES } from "~/modules/calendar/conflicts/detect";
import { stepsAwaitingClient, stepsAwaitingVerification } from "~/modules/onboarding/link-queries.server";
import { accountableFor, agencyLinkPath } from "~/modules/onboarding/shared.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { ROLE_LABELS } from "~/modules/workspaces/permissions";
import { conflictLogScope, ownCreatorId } from "~/modules/workspaces/scope.server";
import { insightsFingerprint } from "./report-cache.server";
import { EXPECTED, groupByHolder, isStuck, stageWaitingSince, type StuckGroup, type StuckHolder, type StuckItem } from "./stuck";

/**
 * Loads "stuck now" for a member: the handoffs in their scope that each capability says are held,
 * kept when they wait longer than expected (stuck.ts), grouped by holder. A few queries per kind,
 * none per row.
 */

type Held = Awaited<ReturnType<typeof heldDeliverables>>[number];

/** When the current stage of each deliverable in review began waiting: its submission, or the decision that handed it on. */
async function stageStarts(items: readonly Held[]): Promise<Map<string, Date>> {
  const inReview = items.filter((i) => i.status === "in_review" && i.stageIndex !== null);
  if (inReview.length === 0) return new Map();
  const ids = inReview.map((i) => i.id);
  const [versions, decisions] = await Promise.all([
    db()
      .select({ deliverableId: draftVersions.deliverableId, version: draftVersions.version, submittedAt: draftVersions.submittedAt })
      .from(draftVersions)
      .where(inArray(draftVersions.deliverableId, ids)),
    db()
      .select({
        deliverableId: approvalDecisions.deliverableId,
        version: approvalDecisions.version,
        stageIndex: approvalDecisions.stageIndex,
        at: approvalDecisions.createdAt,
      })
      .from(approvalDecisions)
      .where(inArray(approvalDecisions.deliverableId, ids)),
  ]);
  // By deliverable and version, so each item looks up its own rows (500 items, no scan per item).
  const at = (deliverableId: string, version: number) => `${deliverableId}:${version}`;
  const submittedAt = new Map(versions.map((v) => [at(v.deliverableId, v.version), v.submittedAt] as const));
  const decided = groupBy(decisions, (d) => at(d.deliverableId, d.version));
  const starts = new Map<string, Date>();
  for (const item of inReview) {
    const submitted = submittedAt.get(at(item.id, item.version));
    if (!submitted) continue;
    const earlier = (decided.get(at(item.id, item.version)) ?? []).filter((d) => d.stageIndex < item.stageIndex!).map((d) => d.at);
    starts.set(item.id, stageWaitingSince(submitted, earlier));
  }
  return starts;
}

const people = (ids: readonly string[], why: string): StuckHolder[] =>
  ids.length ? ids.map((userId) => ({ kind: "person" as const, userId })) : [{ kind: "nobody", why }];

async function approvalItems(ctx: MemberContext, now: Date): Promise<StuckItem[]> {
  const held = await heldDeliverables(ctx);
  const starts = await stageStarts(held);
  const items: StuckItem[] = [];
  for (const d of held) {
    const where = [d.campaignName, d.brandName, d.channelLabel].join(" · ");
    const common = { id: `deliverable:${d.id}`, url: d.url, dueAt: d.deadline };
    if (d.blocked) {
      // Past its sign-off deadline: stuck by definition, with whoever reschedules it (holder.ts' second holder).
      items.push({
        ...common,
        kind: "blocked",
        title: d.title,
        detail: `${where} · missed its sign-off deadline ${d.deadlineLabel}; reschedule it or have it overridden`,
        holders: people(d.unblockIds, "No coordinator on the campaign"),
        since: d.deadline,
        expectedMs: 0,
      });
      continue;
    }
    const since = starts.get(d.id);
    if (d.status !== "in_review" || !since) continue;
    const signoff = d.stageKind === "brand_signoff";
    const expectedMs = d.reviewHours ? d.reviewHours * HOUR_MS : EXPECTED.reviewFallbackMs;
    const due = new Date(d.deadline);
    if (!isStuck({ since, expectedMs, dueAt: due, atRiskMs: EXPECTED.signoffAtRiskMs }, now)) continue;
    items.push({
      ...common,
      kind: signoff ? "signoff" : "draft_review",
      title: `${d.title} (v${d.version})`,
      detail: `${where} · ${d.stageName ?? "Review"} · sign-off deadline ${d.deadlineLabel}`,
      holders: people(d.holderIds, "No approver left on the stage"),
      since: since.toISOString(),
      expectedMs,
    });
  }
  return items;
}

async function briefItems(ctx: MemberContext, now: Date): Promise<StuckItem[]> {
  // A creator's insights are its own: only the briefs waiting on the creator itself.
  const readerId = ownCreatorId(ctx) ? ctx.user.id : undefined;
  const rows = await pendingAcknowledgments(ctx, { readerId, limit: 500 });
  return rows
    .filter((r) => isStuck({ since: r.requestedAt, expectedMs: EXPECTED.briefAckMs }, now))
    .map((r) => ({
      id: `brief:${r.campaignId}:v${r.version}:${r.readerId}`,
      kind: "brief_ack" as const,
      title: `${r.name}: brief v${r.version}`,
      detail: "Asked to read and acknowledge the brief",
      url: `/w/${ctx.workspace.slug}/campaigns/${r.campaignId}/brief`,
      holders: [{ kind: "person" as const, userId: r.readerId }],
      since: r.requestedAt.toISOString(),
      expectedMs: EXPECTED.briefAckMs,
      dueAt: null,
    }));
}

type StepRow = Awaited<ReturnType<typeof stepsAwaitingVerification>>[number];

function byLink(rows: readonly StepRow[]) {
  const links = new Map<string, StepRow[]>();
  for (const r of rows) links.set(r.linkId, [...(links.get(r.linkId) ?? []), r]);
  return [...links.values()];
}

const platforms = (steps: readonly StepRow[]) => steps.map((s) => s.platformName).join(", ");

async function accessItems(ctx: MemberContext, now: Date): Promise<StuckItem[]> {
  // Links are the agency's work: whoever may open the onboarding pages (the home page's rule too).
  if (!ctx.can("onboarding.manage")) return [];
  const [toVerify, toGrant] = await Promise.all([stepsAwaitingVerification(ctx), stepsAwaitingClient(ctx)]);
  const items: StuckItem[] = [];
  for (const steps of byLink(toVerify)) {
    const since = steps.map((s) => s.confirmedAt ?? s.stepCreatedAt).reduce((a, b) => (a < b ? a : b));
    if (!isStuck({ since, expectedMs: EXPECTED.verifyMs }, now)) continue;
    const accountable = accountableFor(steps[0]);
    items.push({
      id: `verify:${steps[0].linkId}`,
      kind: "access_verify",
      title: `Verify ${steps.length === 1 ? "1 grant" : `${steps.length} grants`} from ${steps[0].clientName}`,
      detail: platforms(steps),
      url: agencyLinkPath(ctx.workspace.slug, steps[0].linkId),
      holders: accountable ? [{ kind: "person", userId: accountable }] : [{ kind: "nobody", why: "No account manager on the link" }],
      since: since.toISOString(),
      expectedMs: EXPECTED.verifyMs,
      dueAt: null,
    });
  }
  for (const steps of byLink(toGrant)) {
    // The stall clock of onboarding's own alert: the link's last progress, else its creation.
    const since = steps[0].lastProgressAt ?? steps[0].linkCreatedAt;
    if (!isStuck({ since, expectedMs: EXPECTED.grantMs }, now)) continue;
    items.push({
      id: `grant:${steps[0].linkId}`,
      kind: "access_grant",
      title: `${steps[0].clientName} has not granted ${steps.length === 1 ? "1 platform" : `${steps.length} platforms`}`,
      detail: platforms(steps),
      url: agencyLinkPath(ctx.workspace.slug, steps[0].linkId),
      holders: [{ kind: "client", name: steps[0].clientName }],
      since: since.toISOString(),
      expectedMs: EXPECTED.grantMs,
      dueAt: null,
    });
  }
  return items;
}

const RULE_TITLES = new Map(CONFLICT_RULES.map((r) => [r.code as string, r.title]));

async function conflictItems(ctx: MemberContext, now: Date): Promise<StuckItem[]> {
  const rows = await db()
    .select({
      key: conflictLog.conflictKey,
      rule: conflictLog.rule,
      severity: conflictLog.severity,
      brandId: conflictLog.brandId,
      brandName: brands.name,
      goesLiveAt: conflictLog.goesLiveAt,
      firstSeenAt: conflictLog.firstSeenAt,
    })
    .from(conflictLog)
    .leftJoin(brands, eq(brands.id, conflictLog.brandId))
    .leftJoin(
      conflictAcknowledgments,
      and(
        eq(conflictAcknowledgments.workspaceId, conflictLog.workspaceId),
        eq(conflictAcknowledgments.conflictKey, conflictLog.conflictKey),
      ),
    )
    .where(
      and(
        conflictLogScope(ctx),
        isNull(conflictLog.resolvedAt),
        // Acknowledged with a note: someone decided it may stand, so nobody is holding it.
        isNull(conflictAcknowledgments.id),
        lt(conflictLog.firstSeenAt, new Date(now.getTime() - EXPECTED.conflictMs)),
      ),
    )
    .limit(200);
  // The conflicts page is for those who resolve them; everyone else finds the conflict on the calendar.
  const page = resolvesConflicts(ctx) ? conflictsPath(ctx.workspace.slug) : calendarPath(ctx.workspace.slug);
  return rows.map((r) => ({
    id: `conflict:${r.key}`,
    kind: "conflict" as const,
    title: RULE_TITLES.get(r.rule) ?? r.rule,
    detail: [r.brandName, r.severity === "error" ? "error" : "warning"].filter(Boolean).join(" · "),
    url: r.brandId ? `${page}?brand=${r.brandId}` : page,
    holders: [{ kind: "team" as const, team: "conflicts" as const }],
    since: r.firstSeenAt.toISOString(),
    expectedMs: EXPECTED.conflictMs,
    dueAt: r.goesLiveAt?.toISOString() ?? null,
  }));
}

const CONFLICT_TEAM = `Conflicts: ${CONFLICT_HOLDER_ROLES.map((r) => ROLE_LABELS[r].toLowerCase()).join(", ")}`;

export interface StuckNow {
  groups: StuckGroup[];
  /** Distinct handoffs (one held by two people counts once). */
  total: number;
  expected: typeof EXPECTED;
}

/**
 * "Stuck now" for a member, cached (decision 055) per member and minute until what it reads
 * changes: the calendar's change log (deliverables, routes, versions, decisions, memberships,
 * briefs and their acknowledgments, onboarding steps) and the conflict log's.
 */
export async function loadStuck(ctx: MemberContext, now = new Date()): Promise<StuckNow> {
  const [calendar, insights] = await Promise.all([calendarFingerprint(ctx.workspace.id), insightsFingerprint()]);
  const key = [ctx.workspace.id, ctx.user.id, minuteOf(now)].join("|");
  return stuckLists.get(key, `${calendar}|${insights.conflicts}`, () => computeStuck(ctx, now));
}

const stuckLists = fingerprintCache("insights-stuck", 64);

async function computeStuck(ctx: MemberContext, now: Date): Promise<StuckNow> {
  const parts = await Promise.all([approvalItems(ctx, now), briefItems(ctx, now), accessItems(ctx, now), conflictItems(ctx, now)]);
  const items = parts.flat();
  const ids = [...new Set(items.flatMap((i) => i.holders.flatMap((h) => (h.kind === "person" ? [h.userId] : []))))];
  const names = new Map(
    ids.length
      ? (await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name])
      : [],
  );
  const nameOf = (h: StuckHolder) => {
    switch (h.kind) {
      case "person":
        return names.get(h.userId) ?? "A former member";
      case "team":
        return CONFLICT_TEAM;
      case "client":
        return `${h.name} (client)`;
      case "nobody":
        return `Nobody: ${h.why.charAt(0).toLowerCase()}${h.why.slice(1)}`;
    }
  };
  return { groups: groupByHolder(items, nameOf, now), total: items.length, expected: EXPECTED };
}

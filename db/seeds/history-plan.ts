import { DateTime } from "luxon";
import { newId } from "../schema/columns";
import type { approvalDecisions, auditEvents, conflictLog, deliverables, draftVersions } from "../schema";

/**
 * Six months of finished work, planned in memory (db/seeds/history.ts writes it with multi-row
 * inserts): per brand, agency and month a campaign whose drafts went through the route, with the
 * shapes real months have (late first drafts, revision rounds, sign-offs missing the 48-hour
 * deadline, blocks that were rescheduled or overridden) and the conflicts that came and went.
 * A seeded generator makes every run the same shape; instants are placed relative to `now`.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const WINDOW = 48 * HOUR;
/** The default route's review time: a version later than this before the deadline is flagged late. */
const REVIEW = 24 * HOUR;

/** mulberry32: a tiny seeded generator, so the demo's history has the same shape every time. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A duration between `a` and `b` hours, in ms. */
    hours: (a: number, b: number) => (a + next() * (b - a)) * HOUR,
    int: (n: number) => Math.floor(next() * n),
  };
}
export type Random = ReturnType<typeof seeded>;

export interface Person {
  id: string;
  email: string;
}

export interface Stream {
  brand: { id: string; name: string; timeZone: string };
  agency: { id: string; name: string };
  channel: "instagram" | "tiktok" | "facebook" | "youtube";
  creators: { id: string; name: string }[];
  /** Who reviews at the agency stage, who signs off for the brand. */
  reviewer: Person;
  lead: Person & { name: string };
  /** The creator with an account submits their own drafts; the others' are uploaded by `uploader`. */
  creatorUser: Person & { creatorId: string };
  uploader: Person;
  coordinator: Person;
  admin: Person;
  /** How slowly this agency's work moves: 1 is typical; every delay is multiplied by it. */
  pace: number;
  name: string;
  titles: string[];
  link: string;
}

type Deliverable = typeof deliverables.$inferInsert;
type Version = typeof draftVersions.$inferInsert;
type Decision = typeof approvalDecisions.$inferInsert;
type Audit = typeof auditEvents.$inferInsert;
type Logged = typeof conflictLog.$inferInsert;

export interface DeliverablePlan {
  deliverables: Deliverable[];
  versions: Version[];
  decisions: Decision[];
  audit: Audit[];
  conflicts: Logged[];
}

export interface CampaignSlot {
  id: string;
  stream: Stream;
  startsAt: DateTime;
  endsAt: DateTime;
  /** The day the brief asks first drafts by, in the brand's zone. */
  draftDue: DateTime;
  briefPublishedAt: Date;
  /** 1 for last month … 6 for six months ago: older months move slower, so the charts show a trend. */
  monthsAgo: number;
}

const clampNow = (ms: number, now: number) => Math.min(ms, now - HOUR);

/** The deliverables of one campaign, their versions, decisions, audit trail and conflict-log rows. */
export function planDeliverables(slot: CampaignSlot, workspaceId: string, now: Date, rnd: Random): DeliverablePlan {
  const plan: DeliverablePlan = { deliverables: [], versions: [], decisions: [], audit: [], conflicts: [] };
  const { stream: s } = slot;
  const pace = s.pace * (0.8 + 0.1 * slot.monthsAgo);
  const n = 4 + rnd.int(3);
  const gapDays = Math.floor(19 / (n - 1));
  const publishTimes = Array.from({ length: n }, (_, i) =>
    slot.startsAt
      .plus({ days: 7 + i * gapDays })
      .set({ hour: 17 })
      .toMillis(),
  );
  const dueEnd = slot.draftDue.plus({ days: 1 }).startOf("day").toMillis();
  const created = slot.briefPublishedAt.getTime() + HOUR;
  const audit = (objectId: string, action: string, actor: Person | null, at: number, data: Record<string, unknown>) =>
    plan.audit.push({
      workspaceId,
      actorUserId: actor?.id ?? null,
      actorLabel: actor?.email ?? "system (sign-off deadline)",
      action,
      objectType: "deliverable",
      objectId,
      data,
      createdAt: new Date(at),
    });
  const logConflict = (key: string, rule: string, severity: string, from: number, to: number, live: number) =>
    plan.conflicts.push({
      workspaceId,
      conflictKey: key,
      rule,
      severity,
      brandId: s.brand.id,
      agencyIds: [s.agency.id],
      channel: s.channel,
      goesLiveAt: new Date(live),
      firstSeenAt: new Date(from),
      resolvedAt: new Date(clampNow(to, now.getTime())),
    });

  const ids = publishTimes.map(() => newId());
  publishTimes.forEach((publishAt, i) => {
    const id = ids[i];
    const creator = s.creators[i % s.creators.length];
    const title = s.titles[(i + slot.monthsAgo) % s.titles.length];
    const submitter = creator.id === s.creatorUser.creatorId ? s.creatorUser : s.uploader;
    const deadline = publishAt - WINDOW;
    const onTime = rnd.next() < Math.min(0.95, Math.max(0.25, 1.1 - 0.4 * pace));
    let t = onTime ? dueEnd - rnd.hours(3, 48) : dueEnd + rnd.hours(4, 40) * pace;
    const u = rnd.next();
    const rounds = u < 0.06 * pace ? 2 : u < 0.28 * pace ? 1 : 0;

    // The route as it ran: agency review, then (on the last version) the brand's sign-off.
    const steps: { version: number; at: number; stage: 0 | 1; decision: "approve" | "request_changes" }[] = [];
    const submitted: number[] = [];
    for (let v = 1; v <= rounds + 1; v++) {
      submitted.push(t);
      const reviewed = t + rnd.hours(2, 22) * pace;
      if (v <= rounds) {
        steps.push({ version: v, at: reviewed, stage: 0, decision: "request_changes" });
        t = reviewed + rnd.hours(6, 36) * pace;
      } else {
        steps.push({ version: v, at: reviewed, stage: 0, decision: "approve" });
        steps.push({ version: v, at: reviewed + rnd.hours(3, 26) * pace, stage: 1, decision: "approve" });
      }
    }
    let signOff = steps[steps.length - 1].at;
    let livesAt = publishAt;
    let path: "in_time" | "rescheduled" | "overridden" = "in_time";
    let handled = signOff; // when the deadline stopped being at risk
    let override: number | null = null;
    if (signOff > deadline) {
      // Blocked at the deadline. A coordinator moves it a window ahead, or an admin overrides.
      const moveAt = deadline + rnd.hours(2, 16);
      const signAfter = Math.max(signOff, moveAt + rnd.hours(1, 6));
      const moved = DateTime.fromMillis(signAfter + WINDOW + 2 * HOUR, { zone: s.brand.timeZone })
        .plus({ days: 1 })
        .set({ hour: 11, minute: 0, second: 0, millisecond: 0 })
        .toMillis();
      const clear = publishTimes.every((other, j) => j === i || Math.abs(other - moved) > 30 * HOUR);
      if (rnd.next() < 0.55 && clear && moved < now.getTime() - 3 * DAY) {
        path = "rescheduled";
        steps[steps.length - 1].at = signOff = signAfter;
        audit(id, "deliverable.rescheduled", s.coordinator, moveAt, {
          title,
          from: new Date(publishAt).toISOString(),
          to: new Date(moved).toISOString(),
          unblocked: true,
          statusFrom: "in_review",
        });
        handled = moveAt;
        livesAt = moved;
      } else {
        path = "overridden";
        override = Math.max(deadline + rnd.hours(1, 10), submitted[0] + 2 * HOUR);
        handled = override;
      }
      // Where it stood when the deadline passed: the version then, and its last decision.
      const before = submitted.filter((at) => at <= deadline).length;
      const last = steps.filter((st) => st.version === before && st.at <= deadline).pop();
      audit(id, "deliverable.blocked", null, deadline, {
        title,
        deadline: new Date(deadline).toISOString(),
        publishAt: new Date(publishAt).toISOString(),
        status: before === 0 ? "draft" : last?.decision === "request_changes" ? "changes_requested" : "in_review",
        version: before,
      });
      logConflict(`SIGNOFF_RISK:${id}:overdue`, "SIGNOFF_RISK", "error", deadline, handled, publishAt);
    }
    if (handled > deadline - DAY)
      logConflict(`SIGNOFF_RISK:${id}:due-soon`, "SIGNOFF_RISK", "warning", deadline - DAY, Math.min(handled, deadline), publishAt);

    // An override stops the route where it stood: later versions and decisions never happened.
    const kept = override === null ? submitted : submitted.filter((at) => at < override!);
    const keptSteps = steps.filter((st) => st.version <= kept.length && (override === null || (st.at < override && st.stage === 0)));
    const version = kept.length;
    const versionIds = kept.map(() => newId());
    kept.forEach((at, k) => {
      // Late against the deadline standing at submission (a reschedule moved it on).
      const standing = path === "rescheduled" && at > handled ? livesAt - WINDOW : deadline;
      const late = at > standing - REVIEW;
      plan.versions.push({
        id: versionIds[k],
        workspaceId,
        deliverableId: id,
        version: k + 1,
        copy: `${title}: ${s.brand.name}, the way ${creator.name} uses it. #ad`,
        link: s.link,
        late,
        submittedBy: submitter.id,
        submittedAt: new Date(at),
      });
      audit(id, "draft.submitted", submitter, at, { title, version: k + 1, draftVersionId: versionIds[k], late });
    });
    for (const st of keptSteps) {
      const who = st.stage === 0 ? s.reviewer : s.lead;
      const comment =
        st.decision === "request_changes" ? "Lead with the product in the first three seconds and keep the disclosure visible." : null;
      plan.decisions.push({
        workspaceId,
        deliverableId: id,
        draftVersionId: versionIds[st.version - 1],
        version: st.version,
        stageIndex: st.stage,
        userId: who.id,
        decision: st.decision,
        comment,
        createdAt: new Date(st.at),
      });
      const action = st.decision === "request_changes" ? "draft.changes_requested" : st.stage === 1 ? "draft.signed_off" : "draft.approved";
      audit(id, action, who, st.at, {
        title,
        version: st.version,
        stage: st.stage === 1 ? "Brand sign-off" : "Agency review",
        stageIndex: st.stage,
        comment,
      });
    }
    if (override !== null)
      audit(id, "deliverable.override", s.admin, override, {
        title,
        reason: "The brand approved by phone; the sign-off in Baton came too late.",
        exception: true,
        statusFrom: "in_review",
        version,
        publishAt: new Date(publishAt).toISOString(),
      });
    const scheduled = (override ?? signOff) + rnd.hours(1, 6);
    const published = livesAt + rnd.hours(0.05, 0.3);
    const liveUrl = `https://www.${s.channel}.com/p/${id.slice(0, 12)}`;
    audit(id, "deliverable.created", s.coordinator, created, {
      title,
      campaignId: slot.id,
      channel: s.channel,
      publishAt: new Date(publishAt).toISOString(),
    });
    audit(id, "deliverable.scheduled", s.coordinator, scheduled, { title, version, publishAt: new Date(livesAt).toISOString() });
    audit(id, "deliverable.published", s.coordinator, published, { title, version, liveUrl });
    plan.deliverables.push({
      id,
      workspaceId,
      campaignId: slot.id,
      brandId: s.brand.id,
      creatorId: creator.id,
      channel: s.channel,
      title,
      publishAt: new Date(livesAt),
      status: "published",
      currentVersion: version,
      revisionRounds: version - 1,
      signedOffAt: override === null ? new Date(signOff) : null,
      signedOffVersion: override === null ? version : null,
      signedOffBy: override === null ? s.lead.id : null,
      overrideReason: override === null ? null : "The brand approved by phone; the sign-off in Baton came too late.",
      overriddenAt: override === null ? null : new Date(override),
      overriddenBy: override === null ? null : s.admin.id,
      liveUrl,
      createdAt: new Date(created),
      updatedAt: new Date(published),
    });
    // Now and then two posts were first planned too close together, and moved apart.
    if (i + 1 < n && rnd.next() < 0.18) {
      const [a, b] = [id, ids[i + 1]].sort();
      const seen = created + rnd.hours(2, 72);
      logConflict(`POST_COLLISION:${a}+${b}`, "POST_COLLISION", "warning", seen, seen + rnd.hours(3, 96) * pace, publishAt);
    }
  });
  return plan;
}

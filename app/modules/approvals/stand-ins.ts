import type { Role } from "@db/schema/roles";
import { delegationApplies, type AwayPeriod } from "~/modules/workspaces/away";
import { roleCan } from "~/modules/workspaces/permissions";
import type { RouteStage, StandIns } from "./route";

/**
 * Who acts for a stage besides its approvers (decision 052), pure:
 *
 * - **Delegates.** While an approver's away period applies (`delegationApplies`: from ≤ now < until,
 *   a delegate named), every request for them (the approval email, reminders, "waiting on me") goes
 *   to their delegate, who may decide in their seat. The delegation is judged at the moment of the
 *   request or the decision; a decision the delegate gave is recorded as theirs, with a mark saying
 *   whose seat it took, so it keeps counting after the approver is back. A delegate who is not
 *   allowed on the stage any more (a sign-off delegate who is no longer a brand lead of that brand,
 *   a review delegate who no longer reviews) or who submitted the draft is passed over: the request
 *   stays with the approver, and the stage escalates if nobody answers.
 * - **Backups.** A stage that escalated (escalation.ts) is handed to its backup, whose decision
 *   decides the whole stage.
 *
 * The marks live in `deliverables.reminders_sent` beside the reminder keys (a list of what the
 * jobs and decisions did to this deliverable): "escalated:v<version>:s<stage>" and
 * "for:v<version>:s<stage>:<delegateId>:<approverId>".
 */

export const escalatedMark = (version: number, stageIndex: number) => `escalated:v${version}:s${stageIndex}`;
export const decidedForMark = (version: number, stageIndex: number, delegateId: string, approverId: string) =>
  `for:v${version}:s${stageIndex}:${delegateId}:${approverId}`;

const ESCALATED = /^escalated:v(\d+):s(\d+)$/;
const DECIDED_FOR = /^for:v(\d+):s(\d+):([^:]+):([^:]+)$/;

/** The stand-ins of one version, from the deliverable's marks; other versions' marks and other keys are ignored. */
export function standInsOf(marks: readonly string[] | null | undefined, version: number): StandIns {
  const escalatedStages: number[] = [];
  const decidedFor: Record<string, string> = {};
  for (const mark of marks ?? []) {
    const escalated = ESCALATED.exec(mark);
    if (escalated && Number(escalated[1]) === version) escalatedStages.push(Number(escalated[2]));
    const forMark = DECIDED_FOR.exec(mark);
    if (forMark && Number(forMark[1]) === version) decidedFor[`${forMark[2]}:${forMark[3]}`] = forMark[4];
  }
  return { escalatedStages, decidedFor };
}

/** An approver's away period, with their delegate's membership (null when the delegate left the workspace). */
export interface ApproverAway extends AwayPeriod {
  userId: string;
  delegate: { userId: string; role: Role; brandId: string | null } | null;
}

/** Whether a delegate may act on a stage of this kind for a deliverable of `brandId`. */
export function delegateFits(kind: RouteStage["kind"], brandId: string, delegate: NonNullable<ApproverAway["delegate"]>): boolean {
  if (kind === "brand_signoff") return delegate.role === "brand_lead" && delegate.brandId === brandId;
  return roleCan(delegate.role, "drafts.review");
}

/**
 * Away approver → delegate, for the delegations that apply at `at` and fit the stage; never the
 * submitter (nobody approves their own submission, not even in someone else's seat).
 */
export function delegatesAt(
  input: { kind: RouteStage["kind"]; brandId: string; submitterId: string | null },
  aways: readonly ApproverAway[],
  at: Date,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const away of aways) {
    const d = away.delegate;
    if (!d || !delegationApplies(away, at) || d.userId !== away.delegateUserId) continue;
    if (d.userId === input.submitterId || d.userId === away.userId || !delegateFits(input.kind, input.brandId, d)) continue;
    map.set(away.userId, d.userId);
  }
  return map;
}

/** One person a waiting stage is with right now, and in whose seat. */
export interface Acting {
  userId: string;
  /** The away approver a delegate acts for. */
  forUserId?: string;
  /** The backup of an escalated stage. */
  backup?: boolean;
}

/**
 * Who the current stage is with right now: each pending approver, or their delegate while the
 * delegation applies; and the backup once the stage escalated. Each person once, in that order.
 */
export function actingNow(input: {
  stage: RouteStage;
  stageIndex: number;
  pendingApproverIds: readonly string[];
  standIns: StandIns;
  delegatesNow: ReadonlyMap<string, string>;
  submitterId: string | null;
}): Acting[] {
  const out: Acting[] = [];
  const add = (a: Acting) => {
    if (!out.some((o) => o.userId === a.userId)) out.push(a);
  };
  for (const id of input.pendingApproverIds) {
    const delegate = input.delegatesNow.get(id);
    add(delegate ? { userId: delegate, forUserId: id } : { userId: id });
  }
  const backup = input.stage.backupUserId;
  if (backup && backup !== input.submitterId && input.standIns.escalatedStages.includes(input.stageIndex))
    add({ userId: backup, backup: true });
  return out;
}

/**
 * A person as lists name them: "Lee Park (guest)" for a guest approver, "nadia@lumen.example
 * (invited)" for a brand lead invited who has not joined yet (neither has a membership; both decide
 * by link).
 */
export function personLabel(person: { name: string; guest?: boolean; invited?: boolean } | undefined, fallback = "someone"): string {
  if (!person) return fallback;
  return person.guest ? `${person.name} (guest)` : person.invited ? `${person.name} (invited)` : person.name;
}

/** "Ben (for Ana)", "Carl (backup)", "Lee (guest)": who holds a stage, in the words of every list. */
export function actingLabel(a: Acting, names: ReadonlyMap<string, { name: string; guest?: boolean; invited?: boolean }>): string {
  const who = personLabel(names.get(a.userId));
  if (a.forUserId) return `${who} (for ${personLabel(names.get(a.forUserId))})`;
  return a.backup ? `${who} (backup)` : who;
}

type Names = ReadonlyMap<string, { name: string; guest?: boolean; invited?: boolean }>;

/** Who gave a decision, in whose seat: "Ben Ode for Ana Ruiz", "Carl Lim (backup)", "Lee Park (guest)". */
export function deciderLabel(
  decision: { userId: string; stageIndex: number; version: number },
  stage: RouteStage | undefined,
  marks: readonly string[] | null | undefined,
  names: Names,
): string {
  const who = personLabel(names.get(decision.userId), "Former member");
  if (!stage || stage.approverUserIds.includes(decision.userId)) return who;
  const standIns = standInsOf(marks, decision.version);
  const forId = standIns.decidedFor[`${decision.stageIndex}:${decision.userId}`];
  if (forId) return `${who} for ${personLabel(names.get(forId), "a former member")}`;
  return stage.backupUserId === decision.userId ? `${who} (backup)` : who;
}

/**
 * What the route panel says about a stage's stand-ins: who is away and who decides in their place
 * ("Ana is away until 12 Dec; Ben decides in their place."), and the backup, before and after an
 * escalation. `lastDay` writes an away period's last day.
 */
export function stageNotes(input: {
  stage: RouteStage;
  stageIndex: number;
  /** The stage the draft waits at now. */
  current: boolean;
  standIns: StandIns;
  acting: readonly Acting[];
  aways: readonly ApproverAway[];
  names: Names;
  now: Date;
  lastDay: (awayUntil: Date) => string;
}): string[] {
  const notes: string[] = [];
  const name = (id: string) => personLabel(input.names.get(id));
  if (input.current) {
    for (const away of input.aways) {
      if (!input.stage.approverUserIds.includes(away.userId) || !away.awayFrom || !away.awayUntil) continue;
      const t = input.now.getTime();
      if (t < away.awayFrom.getTime() || t >= away.awayUntil.getTime()) continue;
      const stand = input.acting.find((a) => a.forUserId === away.userId);
      const until = `${name(away.userId)} is away until ${input.lastDay(away.awayUntil)}`;
      notes.push(stand ? `${until}; ${name(stand.userId)} decides in their place.` : `${until}.`);
    }
  }
  const backup = input.stage.backupUserId;
  if (backup) {
    notes.push(
      input.standIns.escalatedStages.includes(input.stageIndex)
        ? `Escalated to ${name(backup)} (backup) and the coordinator; ${name(backup)} may decide this stage.`
        : `Backup: ${name(backup)}, if the stage sits without a decision.`,
    );
  }
  return notes;
}

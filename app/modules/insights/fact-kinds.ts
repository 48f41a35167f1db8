/**
 * The kinds of handoff fact (decision 053): one row per finished handoff in `handoff_facts`,
 * written by `recordFact` in the transaction that finished it. Each kind says what its row
 * measures, which row it is keyed by (`subject_key`, unique per kind, so a retry or the backfill
 * never counts a handoff twice), what `started_at` → `finished_at` is, which day it counts on, and
 * what its `data` holds. Pure, no I/O: metrics.ts, the recorders and the backfill all read it.
 */

export const FACT_KINDS = [
  "access_verified",
  "link_verified",
  "brief_acknowledged",
  "stage_decided",
  "signed_off",
  "draft_submitted",
  "publish_outcome",
] as const;

export type FactKind = (typeof FACT_KINDS)[number];

/**
 * access_verified: the agency verified one platform step of an onboarding link.
 * Key `<stepId>@<verifiedAt ISO>` (a step verified again after a revoke and a new request is a new
 * handoff). started_at: the step was asked for (created); finished_at: verified. A grant rejected
 * on the way counts in full: the clock runs from asking, not from the corrected grant.
 * person: the verifier; channel: the channel that needs this platform (channels.ts), if any.
 */
export interface AccessVerifiedData {
  linkId: string;
  stepId: string;
  platform: string;
  /** The step was rejected at least once before this verification. */
  rejected: boolean;
}

/**
 * link_verified: every platform step of a link is settled (verified or not applicable) and at
 * least one is verified. Key `<linkId>` (the first time counts). started_at: the link was
 * created; finished_at: its last verification (onboarding/progress.ts `linkTimeToVerified`).
 */
export interface LinkVerifiedData {
  linkId: string;
  platforms: string[];
}

/**
 * brief_acknowledged: one person acknowledged one published brief version they were asked to
 * read. Key `<brief_acknowledgments.id>`. started_at: asked (requested_at); finished_at:
 * acknowledged. An acknowledgment carried over to a wording-only new version is not a handoff and
 * has no fact. person: the reader; creator: the reader's creator profile when a creator reads.
 */
export interface BriefAcknowledgedData {
  campaignId: string;
  version: number;
}

/**
 * stage_decided: one approver decided (approve / request changes) at one stage of one version.
 * Key `<draftVersionId>:<stageIndex>:<userId>` (the approval_decisions unique index). started_at:
 * the stage began waiting on this version (submission, or the decision that completed the stage
 * before); finished_at: the decision. `completesStage` marks the decision that moved the route on
 * (or stopped it with a request for changes): "time in stage" reads those. person: the approver.
 */
export interface StageDecidedData {
  deliverableId: string;
  version: number;
  stageIndex: number;
  stageName: string;
  stageKind: "review" | "brand_signoff";
  decision: "approve" | "request_changes";
  completesStage: boolean;
}

/**
 * signed_off: the brand sign-off completed the route on one version. Key
 * `<deliverableId>:v<version>`. started_at: the FIRST version was submitted; finished_at: the
 * sign-off (the approval cycle). `revisionRounds` = versions before the signed one;
 * `firstPass` = signed off on version 1. A new version after a sign-off (a version reset) signs off
 * again with its own row; the cycle metrics count each deliverable once, by its latest sign-off.
 * person: the brand lead who signed off.
 */
export interface SignedOffData {
  deliverableId: string;
  version: number;
  revisionRounds: number;
  firstPass: boolean;
}

/**
 * draft_submitted: a creator submitted a version. Key `<draftVersionId>`. started_at: the
 * deliverable was created (version 1) or the previous version was submitted; finished_at:
 * submitted. `dueDate` is the brief's draft due date (a day, read in the brand's time zone) and
 * `onTime` whether version 1 arrived by the end of that day (null: a later version, or no due
 * date). `late`: flagged at submission for leaving the route too little review time (§5).
 * person: the submitter.
 */
export interface DraftSubmittedData {
  deliverableId: string;
  version: number;
  dueDate: string | null;
  onTime: boolean | null;
  late: boolean;
}

export const PUBLISH_EVENTS = ["scheduled", "published", "overridden", "blocked"] as const;
export type PublishEvent = (typeof PUBLISH_EVENTS)[number];

/**
 * publish_outcome: what happened to a deliverable at the 48-hour rule. Keys
 * `<deliverableId>:scheduled:<publishAt ISO>`, `<deliverableId>:published`,
 * `<deliverableId>:overridden:<overriddenAt ISO>`, `<deliverableId>:blocked:<deadline ISO>`.
 * started_at: the sign-off deadline; finished_at: the event. Unlike the other kinds it COUNTS ON
 * THE PUBLISH DAY (local_date), because 48-hour compliance is over "deliverables whose publish time
 * falls in the period". `signOffCounted`: a sign-off on the current version at or before the
 * deadline (signoff-rule.ts `signOffCounts`) when the event happened.
 */
export interface PublishOutcomeData {
  deliverableId: string;
  event: PublishEvent;
  publishAt: string;
  deadline: string;
  version: number;
  signOffCounted: boolean;
  /** An admin override stood in for the sign-off. */
  overridden: boolean;
}

export interface FactData {
  access_verified: AccessVerifiedData;
  link_verified: LinkVerifiedData;
  brief_acknowledged: BriefAcknowledgedData;
  stage_decided: StageDecidedData;
  signed_off: SignedOffData;
  draft_submitted: DraftSubmittedData;
  publish_outcome: PublishOutcomeData;
}

/** The attribution every fact carries (columns of handoff_facts), for filters, scope and breakdowns. */
export interface FactAttribution {
  brandId: string | null;
  /** The campaign's lead agency (the link's agency for access). */
  agencyId: string | null;
  channel: string | null;
  creatorId: string | null;
  /** Whoever finished the handoff; null for the system. */
  personId: string | null;
}

/** A fact as recorded: what `recordFact` takes. */
export type FactInput<K extends FactKind = FactKind> = K extends FactKind
  ? FactAttribution & {
      workspaceId: string;
      kind: K;
      subjectKey: string;
      startedAt: Date;
      finishedAt: Date;
      data: FactData[K];
      /** The instant whose local day the fact counts on; finishedAt unless the kind says otherwise (publish_outcome). */
      countsAt?: Date;
    }
  : never;

/** A fact as read back for the metrics (queries.server.ts maps rows onto this). */
export type Fact<K extends FactKind = FactKind> = K extends FactKind
  ? FactAttribution & {
      kind: K;
      subjectKey: string;
      startedAt: Date;
      finishedAt: Date;
      durationSeconds: number;
      /** "YYYY-MM-DD" in the workspace's time zone. */
      localDate: string;
      data: FactData[K];
    }
  : never;

/** Narrows a list of facts to one kind. */
export function factsOf<K extends FactKind>(facts: readonly Fact[], kind: K): Fact<K>[] {
  return facts.filter((f): f is Fact<K> => f.kind === kind);
}

import { agencyT } from "~/modules/i18n/agency";
import { DomainError } from "~/utils/outcome";

/**
 * The access state of one platform step on an onboarding link (PRODUCT.md §3), as ONE table.
 * The server refuses what the table does not allow, the UI shows a button per allowed event, and
 * the tests walk the same table, so the three cannot disagree.
 */

export const accessStatuses = ["requested", "confirmed", "verified", "rejected", "not_applicable", "revoked", "lost"] as const;
export type AccessStatus = (typeof accessStatuses)[number];

export const accessEvents = ["confirm", "mark_not_applicable", "verify", "reject", "revoke", "reopen", "lose"] as const;
export type AccessEvent = (typeof accessEvents)[number];

/**
 * The client acts through the onboarding link (no account); the agency from inside the workspace;
 * "check" is Baton reading the platform with the agency's connected credentials (issue 19,
 * decision 065): it can only say what the platform answered, never decide for a person.
 */
export const accessActors = ["client", "agency", "check"] as const;
export type AccessActor = (typeof accessActors)[number];

/** The agency's name for each state; the words live in app/locales/en/agency.json (`accessStatus`), pages read them with t(). */
export const accessStatusLabels = Object.fromEntries(accessStatuses.map((s) => [s, agencyT(`accessStatus.${s}`)])) as Record<
  AccessStatus,
  string
>;

export interface AccessTransition {
  event: AccessEvent;
  from: readonly AccessStatus[];
  to: AccessStatus;
  actors: readonly AccessActor[];
  /** What the event must carry: the asset the client granted, or a reason a person can read. */
  requires?: "assetId" | "reason";
  /**
   * When the step is already in `to` and the event carries the same value, the event changes
   * nothing and is answered as done without a trace (no audit event, no job, no webhook).
   */
  repeatIfSame?: "assetId";
  /** Button text. */
  label: string;
}

export const accessTransitions: readonly AccessTransition[] = [
  // "I've granted access". Also from rejected (the agency reopened the step) and from confirmed,
  // so a client can correct the asset ID until the agency has verified it. From confirmed with
  // the asset already on record it is a repeat (a double click, two tabs): nothing happens. With
  // another asset it is a real change: the agency must verify the asset now claimed, and the audit
  // trail must say which one was claimed when.
  // From lost too: the client granted again through the single-step link the loss sent.
  {
    event: "confirm",
    from: ["requested", "rejected", "confirmed", "lost"],
    to: "confirmed",
    actors: ["client"],
    requires: "assetId",
    repeatIfSame: "assetId",
    label: "I've granted access",
  },
  // The client has no such account, or the agency drops the platform from the link (a lost grant too).
  {
    event: "mark_not_applicable",
    from: ["requested", "rejected", "confirmed", "lost"],
    to: "not_applicable",
    actors: ["client", "agency"],
    requires: "reason",
    label: "Not applicable",
  },
  // Only after the client says it is done: the agency checks the grant on its side.
  { event: "verify", from: ["confirmed"], to: "verified", actors: ["agency"], label: "Mark verified" },
  // The platform itself shows the grant: after the client confirmed, or again after it was lost
  // (a later check sees it back). Never from anything a person decided (rejected, revoked, ...).
  { event: "verify", from: ["confirmed", "lost"], to: "verified", actors: ["check"], label: "Verified by automatic check" },
  // The grant is missing or wrong; the step reopens for the client, who is emailed the reason.
  { event: "reject", from: ["confirmed"], to: "rejected", actors: ["agency"], requires: "reason", label: "Reject" },
  // Offboarding, or access the agency should no longer hold.
  { event: "revoke", from: ["confirmed", "verified"], to: "revoked", actors: ["agency"], label: "Mark revoked" },
  // Either side can undo "not applicable"; only the agency asks again for access it gave up.
  { event: "reopen", from: ["not_applicable"], to: "requested", actors: ["client", "agency"], label: "Reopen" },
  { event: "reopen", from: ["revoked"], to: "requested", actors: ["agency"], label: "Request again" },
  // A grant verified earlier is gone from the platform, or its role is weaker: only a check can
  // say so, with the platform's answer as the reason. The client is sent a link to grant it again.
  { event: "lose", from: ["verified"], to: "lost", actors: ["check"], requires: "reason", label: "Mark lost" },
];

/**
 * Whose move a step waits on, read from the table: the agency's where it can verify (the client
 * granted), else the client's where it can grant (asked, or rejected); nobody's once it is settled.
 * The home page's "access to verify" and insights' "stuck now" both read it.
 */
export function accessStepHolder(status: AccessStatus): AccessActor | null {
  const can = (event: AccessEvent, actor: AccessActor) =>
    accessTransitions.some((t) => t.event === event && t.from.includes(status) && t.actors.includes(actor));
  if (can("verify", "agency")) return "agency";
  if (can("confirm", "client")) return "client";
  return null;
}

/** Steps waiting on the agency to verify them, and steps waiting on the client to grant access. */
export const AGENCY_HELD_STATUSES: readonly AccessStatus[] = accessStatuses.filter((s) => accessStepHolder(s) === "agency");
export const CLIENT_HELD_STATUSES: readonly AccessStatus[] = accessStatuses.filter((s) => accessStepHolder(s) === "client");

/** Access the agency holds (the ledger lists it, offboarding ends it): exactly what revoke applies to. */
export const HELD_ACCESS_STATUSES: readonly AccessStatus[] = [
  ...new Set(accessTransitions.filter((t) => t.event === "revoke").flatMap((t) => t.from)),
];

export type AccessErrorCode = "transition_not_allowed" | "actor_not_allowed" | "asset_id_required" | "reason_required";

/**
 * A refused access change, as the one DomainError: a wrong state is a conflict, the rest invalid
 * input (the same mapping as steps.server.ts). `message` is a sentence a person can act on.
 */
export function accessStatusError(code: AccessErrorCode, message: string): DomainError {
  return new DomainError({ kind: code === "transition_not_allowed" ? "conflict" : "invalid", message, code });
}

export interface AccessEventInput {
  type: AccessEvent;
  actor: AccessActor;
  assetId?: string | null;
  reason?: string | null;
}

/** What each event is called in a refusal ("Verifying access isn't possible while...": agency.json accessEvent). */
const eventName = (event: AccessEvent) => agencyT(`accessEvent.${event}`);

const actorName = (actor: AccessActor) => agencyT(`accessActor.${actor}`);

function transitionsFrom(from: AccessStatus, event: AccessEvent): AccessTransition[] {
  return accessTransitions.filter((t) => t.event === event && t.from.includes(from));
}

function findTransition(from: AccessStatus, event: AccessEvent, actor: AccessActor): AccessTransition | undefined {
  return transitionsFrom(from, event).find((t) => t.actors.includes(actor));
}

export function canTransition(from: AccessStatus, event: AccessEvent, actor: AccessActor): boolean {
  return findTransition(from, event, actor) !== undefined;
}

/** The status after the event, or a DomainError saying why not (in a sentence). */
export function nextAccessStatus(from: AccessStatus, event: AccessEventInput): AccessStatus {
  const possible = transitionsFrom(from, event.type);
  const status = accessStatusLabels[from].toLowerCase();
  if (possible.length === 0) {
    throw accessStatusError("transition_not_allowed", agencyT("errors.transitionNotAllowed", { event: eventName(event.type), status }));
  }
  const transition = possible.find((t) => t.actors.includes(event.actor));
  if (!transition) {
    const who = possible[0].actors.map(actorName).join(agencyT("errors.or"));
    throw accessStatusError("actor_not_allowed", agencyT("errors.actorNotAllowed", { event: eventName(event.type), who }));
  }
  if (transition.requires === "assetId" && !event.assetId?.trim()) {
    throw accessStatusError("asset_id_required", agencyT("errors.assetIdRequired"));
  }
  if (transition.requires === "reason" && !event.reason?.trim()) {
    throw accessStatusError("reason_required", agencyT("errors.reasonRequired", { event: eventName(event.type) }));
  }
  return transition.to;
}

/**
 * Whether the event, allowed from the step's current state, would change nothing: the step is
 * already where the event leads, holding the same value (see `repeatIfSame`). Callers answer it
 * as done and write nothing, so repeating a confirmation is harmless however often it arrives.
 */
export function isRepeatedAccessEvent(current: { status: AccessStatus; assetId: string | null }, event: AccessEventInput): boolean {
  const transition = findTransition(current.status, event.type, event.actor);
  if (!transition || transition.to !== current.status || transition.repeatIfSame !== "assetId") return false;
  return current.assetId !== null && (event.assetId ?? "").trim() === current.assetId;
}

/** Events this actor may fire from `status`, in table order: which buttons to show. */
export function allowedAccessEvents(status: AccessStatus, actor: AccessActor): AccessEvent[] {
  const events = accessTransitions.filter((t) => t.from.includes(status) && t.actors.includes(actor)).map((t) => t.event);
  return [...new Set(events)];
}

export function isAccessStatus(value: unknown): value is AccessStatus {
  return typeof value === "string" && (accessStatuses as readonly string[]).includes(value);
}

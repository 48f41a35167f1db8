import canonicalize from "canonicalize";

/**
 * The evidence pack (issue 18, decision 057): what was approved, by whom, when, from where, through
 * which channel, as data that anyone can hash again. Pure: the server reads the sources
 * (sources.server.ts) and writes the ledger (ledger.server.ts); this module decides the shape.
 *
 * A deliverable's ledger is a chain of entries. A sealed entry is the whole pack at a sign-off or an
 * override; an event entry is one later event (scheduled, published, moved, overridden, a new
 * version). Every entry names the hash of the one before (`prev`), so an entry cannot be dropped or
 * reordered without breaking the chain; the audit trail records each hash when it is written.
 */

export const SEALED_FORMAT = "baton.evidence-pack/1";
export const EVENT_FORMAT = "baton.evidence-event/1";

/** Where a decision was given: the deliverable page (signed in), a decision link, a sign-off digest link, or a guest's link. */
export type DecisionChannel = "page" | "decision_link" | "digest_link" | "guest";

export interface PackMedia {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  /** Hex SHA-256 of the bytes, taken at upload; null for a file uploaded before Baton recorded it. */
  sha256: string | null;
}

export interface PackDecision {
  version: number;
  stage: string;
  decision: "approve" | "request_changes";
  by: { name: string; email: string };
  /** ISO 8601, UTC. */
  at: string;
  ip: string | null;
  channel: DecisionChannel;
  /** The away approver whose seat a delegate took (decision 052), by email. */
  onBehalfOf: string | null;
  comment: string | null;
}

export interface PackOverride {
  by: string;
  at: string;
  ip: string | null;
  reason: string;
}

export interface PackCheck {
  label: string;
  ok: boolean;
  problem: string | null;
}

export interface SealedPack {
  format: typeof SEALED_FORMAT;
  kind: "signoff" | "override";
  sealedAt: string;
  prev: string | null;
  workspace: { id: string; name: string };
  deliverable: {
    id: string;
    title: string;
    brand: string;
    campaign: string;
    channel: string;
    creator: string | null;
    publishAt: string;
    signOffDeadline: string;
  };
  /** Null only for an override of a deliverable that never had a version. */
  approvedVersion: {
    version: number;
    title: string | null;
    copy: string;
    link: string | null;
    submittedBy: string | null;
    submittedAt: string;
    media: PackMedia[];
  } | null;
  checks: PackCheck[];
  decisions: PackDecision[];
  overrides: PackOverride[];
}

export interface EventEntry {
  format: typeof EVENT_FORMAT;
  prev: string;
  /** The audit action it records, e.g. "deliverable.published". */
  event: string;
  at: string;
  by: string;
  ip: string | null;
  data: Record<string, JsonValue>;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The events that, once a pack is sealed, are appended to its ledger (the rest of the audit trail is not evidence of the approval). */
export const EVIDENCE_EVENTS = new Set([
  "deliverable.scheduled",
  "deliverable.unscheduled",
  "deliverable.published",
  "deliverable.rescheduled",
  "deliverable.override",
  "deliverable.blocked",
  "draft.submitted",
]);

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a value: sorted keys, no spaces, ECMAScript number
 * form. Strings are made well-formed first (a lone surrogate becomes U+FFFD), since JCS refuses
 * them and a pasted caption can carry one.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(wellFormed(value));
  if (text === undefined) throw new Error("Nothing to canonicalize.");
  return text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD");
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, wellFormed(v)]])));
  }
  return value;
}

/** Only JSON-safe values of an audit event's data go into an event entry (a Date as ISO text, undefined dropped). */
export function jsonData(data: Record<string, unknown> | undefined): Record<string, JsonValue> {
  return JSON.parse(canonicalJson(data ?? {})) as Record<string, JsonValue>;
}

/**
 * Decisions in the order they were given, then by stage: the pack reads the same whatever order the
 * database returned them in, so sealing twice from the same facts gives the same bytes.
 */
export function orderDecisions(decisions: PackDecision[]): PackDecision[] {
  return [...decisions].sort((a, b) => a.at.localeCompare(b.at) || a.version - b.version || a.stage.localeCompare(b.stage));
}

export interface LedgerEntryView {
  seq: number;
  kind: string;
  body: string;
  sha256: string;
  prevSha256: string | null;
}

export type ChainProblem = { seq: number; problem: "hash_mismatch" | "broken_link" | "not_recorded" };

/**
 * Checks a ledger: each entry's body hashes to its recorded hash, names the previous entry's hash,
 * and that hash is the one the audit trail recorded for it. `hashOf` is SHA-256 (hex) of UTF-8 text.
 */
export function verifyChain(
  entries: LedgerEntryView[],
  recorded: ReadonlyMap<number, string>,
  hashOf: (text: string) => string,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev: string | null = null;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const parsed = JSON.parse(entry.body) as { prev?: string | null };
    if (hashOf(entry.body) !== entry.sha256) problems.push({ seq: entry.seq, problem: "hash_mismatch" });
    else if ((parsed.prev ?? null) !== prev || entry.prevSha256 !== prev) problems.push({ seq: entry.seq, problem: "broken_link" });
    else if (recorded.get(entry.seq) !== entry.sha256) problems.push({ seq: entry.seq, problem: "not_recorded" });
    prev = entry.sha256;
  }
  return problems;
}

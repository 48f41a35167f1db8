import { desc, eq } from "drizzle-orm";
import { evidenceEntries } from "@db/schema";
import { audit, type AuditEvent } from "~/modules/audit/audit.server";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import { sha256 } from "~/utils/crypto.server";
import type { Queryable } from "~/utils/db.server";
import type { DeliverableRow } from "../command.server";
import { canonicalJson, EVENT_FORMAT, EVIDENCE_EVENTS, jsonData, type EventEntry, type SealedPack } from "./pack";
import { sealedPackOf, type PendingFact } from "./sources.server";

/**
 * Writes the evidence ledger (decision 057) in the transaction of the event it records. The entry's
 * canonical text and hash go in the ledger, and its place and hash go into the data of that very
 * audit event (`evidence: { seq, sha256, prev }`): one action, one audit event, and the trail says
 * which pack was the one at that moment. The unique (deliverable, seq) index makes two writers race
 * like any other command: one wins, the other answers the race message.
 */

/** What the audit event of the same moment records of its ledger entry. */
export interface EvidenceRecord {
  seq: number;
  sha256: string;
  prev: string | null;
}

async function lastEntry(tx: Queryable, deliverableId: string) {
  return tx.query.evidenceEntries.findFirst({
    where: eq(evidenceEntries.deliverableId, deliverableId),
    orderBy: desc(evidenceEntries.seq),
    columns: { seq: true, sha256: true },
  });
}

async function append(
  tx: Queryable,
  row: DeliverableRow,
  entry: { kind: "sealed" | "event"; body: SealedPack | EventEntry; seq: number; prev: string | null },
): Promise<EvidenceRecord> {
  const body = canonicalJson(entry.body);
  const hash = sha256(body);
  await tx.insert(evidenceEntries).values({
    workspaceId: row.workspaceId,
    deliverableId: row.id,
    seq: entry.seq,
    kind: entry.kind,
    body,
    sha256: hash,
    prevSha256: entry.prev,
  });
  return { seq: entry.seq, sha256: hash, prev: entry.prev };
}

/**
 * Seals the whole pack: at a sign-off (the row already carries it), or at an override of a
 * deliverable that has no pack yet. A later sign-off (of a new version) seals again, chained.
 * `pending` is the decision or override being recorded now, whose audit event is not written yet.
 */
export async function sealEvidence(
  tx: Queryable,
  ctx: ActorContext,
  row: DeliverableRow,
  seal: { kind: SealedPack["kind"]; at: Date; pending: PendingFact },
): Promise<EvidenceRecord> {
  const last = await lastEntry(tx, row.id);
  const prev = last?.sha256 ?? null;
  const pack = await sealedPackOf(tx, ctx, row, { kind: seal.kind, at: seal.at, prev, pending: seal.pending });
  return append(tx, row, { kind: "sealed", body: pack, seq: (last?.seq ?? -1) + 1, prev });
}

/**
 * Appends a deliverable event to its sealed pack when it is evidence (EVIDENCE_EVENTS); null when
 * there is no pack yet or the event is not evidence.
 */
export async function appendEvidence(
  tx: Queryable,
  ctx: ActorContext,
  row: DeliverableRow,
  event: AuditEvent,
  at: Date,
): Promise<EvidenceRecord | null> {
  if (!EVIDENCE_EVENTS.has(event.action)) return null;
  const last = await lastEntry(tx, row.id);
  if (!last) return null;
  const entry: EventEntry = {
    format: EVENT_FORMAT,
    prev: last.sha256,
    event: event.action,
    at: at.toISOString(),
    by: ctx.actor.label,
    ip: ctx.actor.ip,
    data: jsonData(event.data),
  };
  return append(tx, row, { kind: "event", body: entry, seq: last.seq + 1, prev: last.sha256 });
}

/** The event's audit data with its ledger record, when it has one. */
export function withEvidence(event: AuditEvent, record: EvidenceRecord | null): AuditEvent {
  return record ? { ...event, data: { ...event.data, evidence: record } } : event;
}

/** Audits a deliverable event, appended to its evidence pack first when it has one. Returns whether it was. */
export async function auditWithEvidence(
  tx: Queryable,
  ctx: ActorContext,
  row: DeliverableRow,
  event: AuditEvent,
  at = new Date(),
): Promise<boolean> {
  const record = await appendEvidence(tx, ctx, row, event, at);
  await audit(tx, ctx, withEvidence(event, record));
  return record !== null;
}

import { and, asc, eq, sql } from "drizzle-orm";
import { auditEvents, evidenceEntries } from "@db/schema";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { notFound, ok, type Outcome } from "~/utils/outcome";
import { findVisibleDeliverable } from "../scope.server";
import type { EvidenceRecord } from "./ledger.server";
import { verifyChain, type ChainProblem, type EventEntry, type SealedPack } from "./pack";

export interface EvidenceEntryView {
  seq: number;
  kind: "sealed" | "event";
  sha256: string;
  prev: string | null;
  /** When the audit trail recorded this hash (ISO); null if it has no such record. */
  recordedAt: string | null;
  body: SealedPack | EventEntry;
}

export interface Ledger {
  /** The newest sealed pack: what the page shows in full. */
  pack: SealedPack;
  entries: EvidenceEntryView[];
  problems: ChainProblem[];
}

export interface EvidenceView {
  deliverable: { id: string; title: string; status: string };
  /** Null until the brand signs off or an admin overrides a block: nothing is sealed before. */
  ledger: Ledger | null;
}

export const NOT_SEALED = "There is no evidence pack yet: one is sealed when the brand signs off, or when an admin overrides a block.";

/**
 * A deliverable's evidence, checked: every entry re-hashed and compared with the hash the audit
 * trail recorded when it was written. Out of scope or without `evidence.view` looks like missing
 * (decision 004).
 */
export async function evidenceOf(ctx: MemberContext, deliverableId: string): Promise<Outcome<EvidenceView>> {
  const row = await findVisibleDeliverable(ctx, deliverableId);
  if (!row || !ctx.can("evidence.view")) return notFound("That deliverable does not exist.");
  const [entries, records] = await Promise.all([
    db().select().from(evidenceEntries).where(eq(evidenceEntries.deliverableId, row.id)).orderBy(asc(evidenceEntries.seq)),
    db()
      .select({ evidence: sql<unknown>`${auditEvents.data}->'evidence'`, at: auditEvents.createdAt })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, "deliverable"), eq(auditEvents.objectId, row.id), sql`${auditEvents.data} ? 'evidence'`)),
  ]);
  const deliverable = { id: row.id, title: row.title, status: row.status };
  if (entries.length === 0) return ok({ deliverable, ledger: null });
  const recorded = new Map<number, { sha256: string; at: Date }>();
  for (const { evidence, at } of records) {
    const r = evidence as Partial<EvidenceRecord> | null;
    if (typeof r?.seq === "number" && typeof r.sha256 === "string") recorded.set(r.seq, { sha256: r.sha256, at });
  }
  const problems = verifyChain(entries, new Map([...recorded].map(([seq, r]) => [seq, r.sha256])), sha256);
  const views: EvidenceEntryView[] = entries.map((e) => ({
    seq: e.seq,
    kind: e.kind === "sealed" ? "sealed" : "event",
    sha256: e.sha256,
    prev: e.prevSha256,
    recordedAt: recorded.get(e.seq)?.at.toISOString() ?? null,
    body: JSON.parse(e.body) as SealedPack | EventEntry,
  }));
  const pack = [...views].reverse().find((v) => v.kind === "sealed")!.body as SealedPack;
  return ok({ deliverable, ledger: { pack, entries: views, problems } });
}

/** How anyone checks a download without Baton; the JSON carries it so the file explains itself. */
export const HOW_TO_VERIFY =
  "For each entry, serialize `body` with RFC 8785 (JSON Canonicalization Scheme) and take the SHA-256 of the UTF-8 bytes, " +
  "in hex: it equals `sha256`, which Baton's audit trail recorded at `recordedAt`. Each entry's `body.prev` is the previous entry's `sha256`.";

/** Whether the deliverable has a sealed pack the member may open: the deliverable page links to it then. */
export async function hasEvidence(ctx: MemberContext, deliverableId: string): Promise<boolean> {
  if (!ctx.can("evidence.view")) return false;
  const first = await db()
    .select({ seq: evidenceEntries.seq })
    .from(evidenceEntries)
    .where(and(eq(evidenceEntries.deliverableId, deliverableId), eq(evidenceEntries.seq, 0)))
    .limit(1);
  return first.length > 0;
}

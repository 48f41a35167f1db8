// Acknowledging a conflict: the coordinator looked at it and it is fine (with a note saying why).
// Stored by the conflict's key, audited; reopening removes the acknowledgment, also audited.

import { and, eq, inArray } from "drizzle-orm";
import { campaigns, conflictAcknowledgments, deliverables } from "@db/schema";
import { db } from "~/utils/db.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { loadSnapshot } from "./calendar.server";
import type { Conflict } from "./conflicts/types";
import { ensureConflictDigestScheduled } from "./digest.server";
import { idsIn } from "~/utils/ids";
import { DAY_MS } from "~/utils/time";

export type AckResult = { ok: true; conflict: Conflict } | { ok: false; status: 404 | 409; message: string };

/**
 * The conflict with this key as it holds right now for this member, or null. Only the window
 * around the objects named in the key is recomputed, so this stays cheap in a large workspace.
 */
export async function findCurrentConflict(ctx: MemberContext, key: string, now = new Date()): Promise<Conflict | null> {
  const ids = [...new Set(idsIn(key))];
  if (ids.length === 0) return null;
  const [ds, cs] = await Promise.all([
    db()
      .select({ at: deliverables.publishAt })
      .from(deliverables)
      .where(and(eq(deliverables.workspaceId, ctx.workspace.id), inArray(deliverables.id, ids))),
    db()
      .select({ startsAt: campaigns.startsAt, endsAt: campaigns.endsAt })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, ctx.workspace.id), inArray(campaigns.id, ids))),
  ]);
  const times = [...ds.map((d) => d.at.getTime()), ...cs.flatMap((c) => [c.startsAt.getTime(), c.endsAt.getTime()])];
  if (times.length === 0) return null;
  const from = new Date(Math.min(...times) - DAY_MS);
  const to = new Date(Math.max(...times) + DAY_MS);
  const snapshot = await loadSnapshot(ctx, { from, to }, { now, withAcknowledgments: false });
  return snapshot.conflicts.find((c) => c.key === key) ?? null;
}

export async function acknowledgeConflict(request: Request, ctx: MemberContext, key: string, note: string): Promise<AckResult> {
  const now = new Date();
  const conflict = await findCurrentConflict(ctx, key, now);
  if (!conflict) return { ok: false, status: 404, message: "That conflict no longer holds, so there is nothing to acknowledge." };
  return db().transaction(async (tx) => {
    const inserted = await tx
      .insert(conflictAcknowledgments)
      .values({ workspaceId: ctx.workspace.id, conflictKey: key, note, userId: ctx.user.id })
      .onConflictDoNothing()
      .returning({ id: conflictAcknowledgments.id });
    if (inserted.length === 0) return { ok: false as const, status: 409 as const, message: "Someone already acknowledged this conflict." };
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "conflict.acknowledged",
      objectType: "conflict",
      objectId: key,
      data: {
        code: conflict.code,
        severity: conflict.severity,
        brandId: conflict.brandId,
        objectIds: conflict.objectIds,
        note,
        message: conflict.message,
      },
      meta: requestMeta(request),
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, now);
    return { ok: true as const, conflict };
  });
}

/** Takes an acknowledgment back: the conflict is open again (if it still holds). */
export async function reopenConflict(request: Request, ctx: MemberContext, key: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const removed = await tx
      .delete(conflictAcknowledgments)
      .where(and(eq(conflictAcknowledgments.workspaceId, ctx.workspace.id), eq(conflictAcknowledgments.conflictKey, key)))
      .returning({ id: conflictAcknowledgments.id, note: conflictAcknowledgments.note });
    if (removed.length === 0) return false;
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "conflict.reopened",
      objectType: "conflict",
      objectId: key,
      data: { previousNote: removed[0].note },
      meta: requestMeta(request),
    });
    return true;
  });
}

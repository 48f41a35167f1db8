// Acknowledging a conflict: the coordinator looked at it and it is fine (with a note saying why).
// Stored by the conflict's key, audited; reopening removes the acknowledgment, also audited.

import { and, eq, inArray } from "drizzle-orm";
import { campaigns, conflictAcknowledgments, deliverables } from "@db/schema";
import { db } from "~/utils/db.server";
import { conflict as conflictProblem, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext, ScopedContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { loadSnapshot } from "./calendar.server";
import { conflictsWindow } from "./conflicts-page.server";
import { openConflicts } from "./snapshot";
import type { Conflict } from "./conflicts/types";
import { ensureConflictDigestScheduled } from "./digest.server";
import { idsIn } from "~/utils/ids";
import { DAY_MS } from "~/utils/time";

/**
 * The conflict with this key as it holds right now for this member, or null. Only the window
 * around the objects named in the key is recomputed, so this stays cheap in a large workspace.
 */
export async function findCurrentConflict(ctx: ScopedContext, key: string, now = new Date()): Promise<Conflict | null> {
  const ids = [...new Set(idsIn(key))];
  if (ids.length === 0) return null;
  const [ds, cs] = await Promise.all([
    db()
      .select({ at: deliverables.publishAt })
      .from(deliverables)
      .where(and(inWorkspace(ctx, deliverables.workspaceId), inArray(deliverables.id, ids))),
    db()
      .select({ startsAt: campaigns.startsAt, endsAt: campaigns.endsAt })
      .from(campaigns)
      .where(and(inWorkspace(ctx, campaigns.workspaceId), inArray(campaigns.id, ids))),
  ]);
  const times = [...ds.map((d) => d.at.getTime()), ...cs.flatMap((c) => [c.startsAt.getTime(), c.endsAt.getTime()])];
  if (times.length === 0) return null;
  const from = new Date(Math.min(...times) - DAY_MS);
  const to = new Date(Math.max(...times) + DAY_MS);
  const snapshot = await loadSnapshot(ctx, { from, to }, { now, withAcknowledgments: false });
  return snapshot.conflicts.find((c) => c.key === key) ?? null;
}

export async function acknowledgeConflict(
  ctx: MemberContext,
  { conflictKey: key, note }: { conflictKey: string; note: string },
): Promise<Outcome<Conflict>> {
  const now = new Date();
  const conflict = await findCurrentConflict(ctx, key, now);
  if (!conflict) return notFound("That conflict no longer holds, so there is nothing to acknowledge.");
  return db().transaction(async (tx): Promise<Outcome<Conflict>> => {
    const inserted = await tx
      .insert(conflictAcknowledgments)
      .values({ workspaceId: ctx.workspace.id, conflictKey: key, note, userId: ctx.user.id })
      .onConflictDoNothing()
      .returning({ id: conflictAcknowledgments.id });
    if (inserted.length === 0) return conflictProblem("Someone already acknowledged this conflict.");
    await audit(tx, ctx, {
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
    });
    await ensureConflictDigestScheduled(tx, ctx.workspace.id, now);
    return ok(conflict);
  });
}

/** Takes an acknowledgment back: the conflict is open again (if it still holds). */
export async function reopenConflict(ctx: MemberContext, { conflictKey: key }: { conflictKey: string }): Promise<Outcome> {
  return db().transaction(async (tx) => {
    const removed = await tx
      .delete(conflictAcknowledgments)
      .where(and(inWorkspace(ctx, conflictAcknowledgments.workspaceId), eq(conflictAcknowledgments.conflictKey, key)))
      .returning({ id: conflictAcknowledgments.id, note: conflictAcknowledgments.note });
    if (removed.length === 0) return notFound("That conflict is not acknowledged.");
    await audit(tx, ctx, { action: "conflict.reopened", objectType: "conflict", objectId: key, data: { previousNote: removed[0].note } });
    return ok();
  });
}

/**
 * "Acknowledge all N with one note": every open conflict of one rule and brand on the conflicts
 * page, in one transaction, one acknowledgment and one audit event per key (decision 062: each
 * conflict's history stays whole). `count` is the N the person saw: if the group changed since,
 * nothing is written and they are asked to look again, so nothing is acknowledged unseen.
 */
export async function acknowledgeGroup(
  ctx: MemberContext,
  input: { code: string; brandId: string; count: number; note: string },
  now = new Date(),
): Promise<Outcome<{ acknowledged: number }>> {
  const snapshot = await loadSnapshot(ctx, conflictsWindow(now), { now });
  const group = openConflicts(snapshot).filter((c) => c.code === input.code && c.brandId === input.brandId);
  if (group.length === 0) return notFound("That group has no open conflicts any more, so there is nothing to acknowledge.");
  if (group.length !== input.count)
    return conflictProblem(
      `The group changed since the page loaded: it now holds ${group.length} open conflicts, not ${input.count}. Look at them again, then acknowledge.`,
    );
  try {
    return await db().transaction(async (tx): Promise<Outcome<{ acknowledged: number }>> => {
      const inserted = await tx
        .insert(conflictAcknowledgments)
        .values(group.map((c) => ({ workspaceId: ctx.workspace.id, conflictKey: c.key, note: input.note, userId: ctx.user.id })))
        .onConflictDoNothing()
        .returning({ key: conflictAcknowledgments.conflictKey });
      // Someone acknowledged one of them meanwhile: all or nothing, so roll back.
      if (inserted.length !== group.length) throw new Raced();
      for (const c of group)
        await audit(tx, ctx, {
          action: "conflict.acknowledged",
          objectType: "conflict",
          objectId: c.key,
          data: {
            code: c.code,
            severity: c.severity,
            brandId: c.brandId,
            objectIds: c.objectIds,
            note: input.note,
            message: c.message,
            group: group.length,
          },
        });
      await ensureConflictDigestScheduled(tx, ctx.workspace.id, now);
      return ok({ acknowledged: group.length });
    });
  } catch (error) {
    if (error instanceof Raced) return conflictProblem("Someone acknowledged some of these just now. Look at the group again.");
    throw error;
  }
}

class Raced extends Error {}

// Saved views of the calendar (issue 21): a member's own, and those shared with the workspace.
// Only the owner renames or deletes one; a shared view is opened through each viewer's scope
// (./saved-views.ts), so sharing filters never shares what is behind them.

import { and, asc, eq, or } from "drizzle-orm";
import { savedViews, users } from "@db/schema";
import { db, isUniqueViolation } from "~/utils/db.server";
import { invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { scopedViewQuery, viewHref, viewQueryOf, type ViewerChoices } from "./saved-views";

export interface SavedViewLink {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  owner: string | null;
  href: string;
}

const taken = (name: string) => invalid(undefined, { name: [`You already have a view called "${name}". Choose another name.`] });

/** The member's views and the workspace's shared ones, each as a link through the member's own scope. */
export async function savedViewsFor(ctx: MemberContext, choices: ViewerChoices): Promise<SavedViewLink[]> {
  const rows = await db()
    .select({ view: savedViews, owner: users.name })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(inWorkspace(ctx, savedViews.workspaceId), or(eq(savedViews.ownerId, ctx.user.id), eq(savedViews.shared, true))))
    .orderBy(asc(savedViews.name))
    .limit(100);
  return rows.map(({ view, owner }) => ({
    id: view.id,
    name: view.name,
    shared: view.shared,
    mine: view.ownerId === ctx.user.id,
    owner: view.ownerId === ctx.user.id ? null : owner,
    href: viewHref(ctx.workspace.slug, scopedViewQuery(view.query, choices)),
  }));
}

export async function saveView(
  ctx: MemberContext,
  input: { name: string; query: string; shared: boolean },
): Promise<Outcome<{ id: string }>> {
  try {
    const id = await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(savedViews)
        .values({
          workspaceId: ctx.workspace.id,
          ownerId: ctx.user.id,
          name: input.name,
          query: viewQueryOf(input.query),
          shared: input.shared,
        })
        .returning({ id: savedViews.id });
      await audit(tx, ctx, {
        action: "calendar_view.saved",
        objectType: "saved_view",
        objectId: row.id,
        data: { name: input.name, shared: input.shared },
      });
      return row.id;
    });
    return ok({ id });
  } catch (error) {
    if (isUniqueViolation(error)) return taken(input.name);
    throw error;
  }
}

/** The owner's own view, or nothing: someone else's view is not found, as if it were not there. */
const ownView = (ctx: MemberContext, viewId: string) =>
  and(inWorkspace(ctx, savedViews.workspaceId), eq(savedViews.ownerId, ctx.user.id), eq(savedViews.id, viewId));

export async function renameView(ctx: MemberContext, input: { viewId: string; name: string; shared: boolean }): Promise<Outcome> {
  try {
    const changed = await db().transaction(async (tx) => {
      const [row] = await tx
        .update(savedViews)
        .set({ name: input.name, shared: input.shared, updatedAt: new Date() })
        .where(ownView(ctx, input.viewId))
        .returning({ id: savedViews.id });
      if (!row) return false;
      await audit(tx, ctx, {
        action: "calendar_view.renamed",
        objectType: "saved_view",
        objectId: row.id,
        data: { name: input.name, shared: input.shared },
      });
      return true;
    });
    return changed ? ok() : notFound("That saved view does not exist, or is not yours.");
  } catch (error) {
    if (isUniqueViolation(error)) return taken(input.name);
    throw error;
  }
}

export async function deleteView(ctx: MemberContext, viewId: string): Promise<Outcome<{ name: string }>> {
  const removed = await db().transaction(async (tx) => {
    const [row] = await tx.delete(savedViews).where(ownView(ctx, viewId)).returning({ id: savedViews.id, name: savedViews.name });
    if (!row) return null;
    await audit(tx, ctx, { action: "calendar_view.deleted", objectType: "saved_view", objectId: row.id, data: { name: row.name } });
    return row;
  });
  return removed ? ok({ name: removed.name }) : notFound("That saved view does not exist, or is not yours.");
}

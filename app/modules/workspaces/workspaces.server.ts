import { eq } from "drizzle-orm";
import { memberships, workspaces } from "@db/schema";
import { db, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext, UserContext } from "./authz.server";

export async function workspacesOf(userId: string) {
  return db()
    .select({ slug: workspaces.slug, name: workspaces.name, accentColor: workspaces.accentColor, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(workspaces.name);
}

export type CreatedWorkspace = { id: string; slug: string };

type WorkspaceInput = { name: string; slug: string; accentColor: string; logoUrl?: string; welcomeText: string };

/**
 * The creator becomes its owner; one transaction with its audit event. A repeated or concurrent
 * submit of the same form (idempotency key, kept per user) answers the first workspace.
 */
export async function createWorkspace(ctx: UserContext, input: WorkspaceInput, idempotencyKey: string): Promise<Outcome<CreatedWorkspace>> {
  return db().transaction(async (tx): Promise<Outcome<CreatedWorkspace>> => {
    const once = await createOnce(
      tx,
      { scope: ctx.user.id, key: idempotencyKey, kind: "workspace" },
      () => insertWorkspace(tx, ctx, input),
      (r) => (r.ok ? r.value.id : null),
    );
    if (once.first) return once.value;
    const [first] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, once.recordId)).limit(1);
    return first
      ? ok({ id: once.recordId, slug: first.slug })
      : invalid(undefined, { slug: ["That workspace no longer exists. Reload the page and try again."] });
  });
}

/** The workspace and its owner: for the first submit of the form only. */
async function insertWorkspace(tx: Transaction, ctx: UserContext, input: WorkspaceInput): Promise<Outcome<CreatedWorkspace>> {
  const rows = await tx
    .insert(workspaces)
    .values({
      name: input.name,
      slug: input.slug,
      accentColor: input.accentColor,
      logoUrl: input.logoUrl || null,
      welcomeText: input.welcomeText,
    })
    .onConflictDoNothing()
    .returning();
  const ws = rows[0];
  if (!ws) return invalid(undefined, { slug: ["That web address is taken. Try another."] });
  await tx.insert(memberships).values({ workspaceId: ws.id, userId: ctx.user.id, role: "owner" });
  // The creator acts in the new workspace from here on.
  await audit(
    tx,
    { ...ctx, workspace: ws },
    { action: "workspace.created", objectType: "workspace", objectId: ws.id, data: { name: ws.name, slug: ws.slug } },
  );
  return ok({ id: ws.id, slug: ws.slug });
}

export async function updateBranding(
  ctx: MemberContext,
  input: {
    name: string;
    accentColor: string;
    logoUrl?: string;
    welcomeText: string;
    signoffWindowHours: number;
    disclosureWords?: string[];
    timeZone?: string;
  },
) {
  await db().transaction(async (tx) => {
    await tx
      .update(workspaces)
      .set({
        name: input.name,
        accentColor: input.accentColor,
        logoUrl: input.logoUrl || null,
        welcomeText: input.welcomeText,
        signoffWindowHours: input.signoffWindowHours,
        // Absent: the form did not carry the field, so the words stay as they are.
        ...(input.disclosureWords ? { disclosureWords: input.disclosureWords } : {}),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      })
      .where(eq(workspaces.id, ctx.workspace.id));
    // A new time zone moves the days insights count in from now on: the trail keeps the one before.
    const zoneChange = input.timeZone && input.timeZone !== ctx.workspace.timeZone ? { timeZoneBefore: ctx.workspace.timeZone } : {};
    await audit(tx, ctx, {
      action: "workspace.settings_changed",
      objectType: "workspace",
      objectId: ctx.workspace.id,
      data: { ...input, ...zoneChange },
    });
  });
}

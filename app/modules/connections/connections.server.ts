import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { memberships, platformConnections, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import { notify } from "~/modules/notifications/notify.server";
import { ROLE_PERMISSIONS } from "~/modules/workspaces/permissions";
import type { Role } from "@db/schema/roles";
import type { Provider } from "./driver";
import { isConnectionStatus, nextConnectionStatus, type ConnectionEvent, type ConnectionStatus } from "./connection-status";

/**
 * The workspace's platform connections (issue 19): every change goes through the connection state
 * table, is compare-and-set on row_version, and is audited (and, for a refusal, the admins told) in
 * the same transaction. Credentials are sealed by ./credentials.server and never returned here.
 */

export type ConnectionRow = typeof platformConnections.$inferSelect;

export const PROVIDER_NAMES: Record<Provider, string> = { google: "Google", meta: "Meta" };

/** The workspace's live (not disconnected) connection to a provider, if any. */
export async function liveConnection(q: Queryable, workspaceId: string, provider: Provider): Promise<ConnectionRow | null> {
  const [row] = await q
    .select()
    .from(platformConnections)
    .where(
      and(
        eq(platformConnections.workspaceId, workspaceId),
        eq(platformConnections.provider, provider),
        isNull(platformConnections.disconnectedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export function statusOf(row: Pick<ConnectionRow, "status"> | null): ConnectionStatus | null {
  if (!row) return null;
  return isConnectionStatus(row.status) ? row.status : "reconnect_needed";
}

/** The members who manage connections: the ones told when one needs reconnecting. */
export async function connectionAdmins(q: Queryable, workspaceId: string): Promise<string[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes("connections.manage"));
  const rows = await q
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, roles)));
  return rows.map((r) => r.userId);
}

/**
 * Applies one event of the table to a connection row as read: compare-and-set on its row_version,
 * so two tabs or a check racing a reconnect cannot both win. Returns the new row, or null when the
 * row changed meanwhile (the caller decides whether that is a conflict).
 */
export async function transitionConnection(
  tx: Queryable,
  row: ConnectionRow,
  event: ConnectionEvent,
  patch: Partial<typeof platformConnections.$inferInsert>,
  actor: AuditActor,
  data: Record<string, unknown> = {},
): Promise<ConnectionRow | null> {
  const transition = nextConnectionStatus(statusOf(row), event);
  const [updated] = await tx
    .update(platformConnections)
    .set({ ...patch, status: transition.to, rowVersion: sql`${platformConnections.rowVersion} + 1` })
    .where(and(eq(platformConnections.id, row.id), eq(platformConnections.rowVersion, row.rowVersion)))
    .returning();
  if (!updated) return null;
  await recordAudit(tx, {
    workspaceId: row.workspaceId,
    actor,
    action: `connection.${event}`,
    objectType: "platform_connection",
    objectId: row.id,
    data: { provider: row.provider, from: row.status, to: transition.to, reason: transition.reason, ...data },
  });
  return updated;
}

const SYSTEM: AuditActor = { userId: null, label: "system (platform check)" };

/**
 * The provider refused the credential: the connection becomes "reconnect needed" with the reason,
 * and the admins are told, once per breakage (the compare-and-set lets exactly one check do it).
 */
export async function markReconnectNeeded(connectionId: string, providerMessage: string, now: Date = new Date()): Promise<void> {
  await db().transaction(async (tx) => {
    const [row] = await tx.select().from(platformConnections).where(eq(platformConnections.id, connectionId)).limit(1);
    if (!row || statusOf(row) !== "connected") return;
    const provider = row.provider as Provider;
    const reason = `${PROVIDER_NAMES[provider] ?? row.provider} refused Baton's stored access (${providerMessage}). An admin needs to connect it again.`;
    const alert = row.reconnectAlertedAt === null;
    const updated = await transitionConnection(
      tx,
      row,
      "credential_refused",
      { lastError: reason.slice(0, 500), ...(alert ? { reconnectAlertedAt: now } : {}) },
      SYSTEM,
      { providerMessage: providerMessage.slice(0, 200) },
    );
    if (!updated || !alert) return;
    const [workspace] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, row.workspaceId)).limit(1);
    for (const userId of await connectionAdmins(tx, row.workspaceId)) {
      await notify(tx, {
        workspaceId: row.workspaceId,
        userId,
        category: "onboarding",
        title: `Reconnect ${PROVIDER_NAMES[provider] ?? row.provider}: automatic access checks have stopped`,
        body: reason,
        url: workspace ? `/w/${workspace.slug}/settings/connections` : undefined,
      });
    }
  });
}

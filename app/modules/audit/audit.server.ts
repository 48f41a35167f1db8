import { auditEvents } from "@db/schema";
import type { Queryable } from "~/utils/db.server";
import type { ActorContext } from "~/modules/workspaces/authz.server";

export interface AuditActor {
  userId: string | null;
  /** A readable label (email, "client via onboarding link", "system") kept even if the user goes. */
  label: string;
}

export interface AuditInput {
  workspaceId: string | null;
  actor: AuditActor;
  action: string;
  objectType: string;
  objectId: string;
  data?: Record<string, unknown>;
  meta?: { ip: string | null; userAgent: string | null };
}

const SECRET_KEYS = /token|secret|password|hash/i;

/** Drops anything that looks like a secret: the audit trail is read by many, and kept forever. */
function scrub(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !SECRET_KEYS.test(k)));
}

/**
 * Appends one event; call it with the transaction of the decision it records.
 * @deprecated for new code: `audit(tx, ctx, event)` reads workspace, actor, IP and user agent from the context (decision 051).
 */
export async function recordAudit(tx: Queryable, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    workspaceId: input.workspaceId,
    actorUserId: input.actor.userId,
    actorLabel: input.actor.label,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    data: scrub(input.data ?? {}),
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
  });
}

export type AuditEvent = Pick<AuditInput, "action" | "objectType" | "objectId" | "data">;

/** Appends one event done by the context's actor in the context's workspace (decision 051). */
export async function audit(tx: Queryable, ctx: ActorContext, event: AuditEvent): Promise<void> {
  const { actor } = ctx;
  await recordAudit(tx, {
    ...event,
    workspaceId: ctx.workspace.id,
    actor: { userId: actor.userId, label: actor.label },
    meta: { ip: actor.ip, userAgent: actor.userAgent },
  });
}

import { and, asc, eq, inArray } from "drizzle-orm";
import { approvalDecisions, auditEvents, brands, campaigns, creators, draftVersions, files, users } from "@db/schema";
import { isChannel } from "~/modules/channels/channels";
import { decisionChannelOf } from "~/modules/workspaces/actor";
import type { ActorContext } from "~/modules/workspaces/authz.server";
import type { Queryable } from "~/utils/db.server";
import { DECISION_AUDIT_ACTIONS } from "../event-words";
import { briefRequirements } from "../brief-requirements.server";
import type { DeliverableRow } from "../command.server";
import { transferCheckList } from "../decision-links/check-list";
import { loadCampaignRoute } from "../routes.server";
import { windowHoursFor } from "../scope.server";
import { signOffDeadline } from "../signoff-rule";
import { orderDecisions, SEALED_FORMAT, type PackDecision, type PackOverride, type SealedPack } from "./pack";

/**
 * The decision or override being recorded in this very transaction: its audit event is written
 * after the seal (so that event can carry the seal's hash), so its door and IP come from here.
 */
export type PendingFact =
  | { decision: { userId: string; version: number; stageIndex: number; label: string; ip: string | null; onBehalfOf: string | null } }
  | { override: { label: string; ip: string | null; reason: string } };

/**
 * Reads everything a sealed pack holds, inside the transaction of the sign-off or override, in a
 * fixed number of queries whatever the number of decisions (no query per decision). Comments are
 * not evidence and are never read here, so no internal comment can reach a pack.
 */
export async function sealedPackOf(
  tx: Queryable,
  ctx: ActorContext,
  row: DeliverableRow,
  seal: { kind: SealedPack["kind"]; at: Date; prev: string | null; pending: PendingFact },
): Promise<SealedPack> {
  const campaign = (await tx.query.campaigns.findFirst({ where: eq(campaigns.id, row.campaignId) }))!;
  const brand = await tx.query.brands.findFirst({ where: eq(brands.id, row.brandId), columns: { name: true } });
  const creator = row.creatorId
    ? await tx.query.creators.findFirst({ where: eq(creators.id, row.creatorId), columns: { name: true } })
    : null;
  const approvedNumber = seal.kind === "signoff" ? (row.signedOffVersion ?? row.currentVersion) : row.currentVersion;
  const version = approvedNumber
    ? await tx.query.draftVersions.findFirst({
        where: and(eq(draftVersions.deliverableId, row.id), eq(draftVersions.version, approvedNumber)),
      })
    : undefined;
  const windowHours = await windowHoursFor(tx, ctx.workspace.signoffWindowHours, row.brandId);
  const { route } = await loadCampaignRoute(tx, campaign);
  const pending = seal.pending;
  const decisions = await decisionsOf(
    tx,
    row.id,
    (i) => route.stages[i]?.name ?? `Stage ${i + 1}`,
    "decision" in pending ? pending.decision : null,
  );
  const overrides = await overridesOf(tx, row.id);
  if ("override" in pending) {
    overrides.push({ by: pending.override.label, at: seal.at.toISOString(), ip: pending.override.ip, reason: pending.override.reason });
  }
  return {
    format: SEALED_FORMAT,
    kind: seal.kind,
    sealedAt: seal.at.toISOString(),
    prev: seal.prev,
    workspace: { id: ctx.workspace.id, name: ctx.workspace.name },
    deliverable: {
      id: row.id,
      title: row.title,
      brand: brand?.name ?? "",
      campaign: campaign.name,
      channel: row.channel,
      creator: creator?.name ?? null,
      publishAt: row.publishAt.toISOString(),
      signOffDeadline: signOffDeadline(row.publishAt, windowHours).toISOString(),
    },
    approvedVersion: version ? await versionOf(tx, version) : null,
    checks:
      version && isChannel(row.channel)
        ? transferCheckList({
            channel: row.channel,
            copy: version.copy,
            title: version.title,
            link: version.link,
            mediaCount: version.mediaFileIds.length,
            requirements: await briefRequirements(tx, row.campaignId),
          }).map(({ label, ok, problem }) => ({ label, ok, problem }))
        : [],
    decisions,
    overrides,
  };
}

async function versionOf(tx: Queryable, version: typeof draftVersions.$inferSelect): Promise<NonNullable<SealedPack["approvedVersion"]>> {
  const rows = version.mediaFileIds.length ? await tx.select().from(files).where(inArray(files.id, version.mediaFileIds)) : [];
  const submitter = version.submittedBy ? await tx.query.users.findFirst({ where: eq(users.id, version.submittedBy) }) : undefined;
  return {
    version: version.version,
    title: version.title,
    copy: version.copy,
    link: version.link,
    submittedBy: submitter ? `${submitter.name} <${submitter.email}>` : null,
    submittedAt: version.submittedAt.toISOString(),
    // In the order the creator attached them; a file removed since is listed by id with no hash.
    media: version.mediaFileIds.map((fileId) => {
      const f = rows.find((r) => r.id === fileId);
      return f
        ? { fileId, name: f.originalName, mimeType: f.mimeType, size: f.size, sha256: f.sha256 }
        : { fileId, name: "Removed file", mimeType: "", size: 0, sha256: null };
    }),
  };
}

/** Every decision on every version, with the IP and door its audit event recorded (one query each). */
async function decisionsOf(
  tx: Queryable,
  deliverableId: string,
  stageName: (index: number) => string,
  pending: Extract<PendingFact, { decision: unknown }>["decision"] | null,
): Promise<PackDecision[]> {
  const decided = await tx
    .select({ d: approvalDecisions, name: users.name, email: users.email })
    .from(approvalDecisions)
    .innerJoin(users, eq(users.id, approvalDecisions.userId))
    .where(eq(approvalDecisions.deliverableId, deliverableId));
  const events = await tx
    .select({ userId: auditEvents.actorUserId, label: auditEvents.actorLabel, ip: auditEvents.ip, data: auditEvents.data })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.objectType, "deliverable"),
        eq(auditEvents.objectId, deliverableId),
        inArray(auditEvents.action, [...DECISION_AUDIT_ACTIONS]),
      ),
    );
  // The decision being recorded now reads as its audit event will.
  if (pending) {
    events.push({
      userId: pending.userId,
      label: pending.label,
      ip: pending.ip,
      data: { version: pending.version, stageIndex: pending.stageIndex, onBehalfOf: pending.onBehalfOf },
    });
  }
  const delegators = await emailsOf(
    tx,
    events.map((e) => e.data.onBehalfOf),
  );
  return orderDecisions(
    decided.map(({ d, name, email }) => {
      const event = events.find((e) => e.userId === d.userId && e.data.version === d.version && e.data.stageIndex === d.stageIndex);
      const onBehalfOf = typeof event?.data.onBehalfOf === "string" ? (delegators.get(event.data.onBehalfOf) ?? null) : null;
      return {
        version: d.version,
        stage: stageName(d.stageIndex),
        decision: d.decision,
        by: { name, email },
        at: d.createdAt.toISOString(),
        ip: event?.ip ?? null,
        channel: event ? decisionChannelOf(event.label) : "page",
        onBehalfOf,
        comment: d.comment,
      };
    }),
  );
}

async function overridesOf(tx: Queryable, deliverableId: string): Promise<PackOverride[]> {
  const rows = await tx
    .select({ label: auditEvents.actorLabel, ip: auditEvents.ip, data: auditEvents.data, at: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.objectType, "deliverable"),
        eq(auditEvents.objectId, deliverableId),
        eq(auditEvents.action, "deliverable.override"),
      ),
    )
    .orderBy(asc(auditEvents.id));
  return rows.map((r) => ({
    by: r.label,
    at: r.at.toISOString(),
    ip: r.ip,
    reason: typeof r.data.reason === "string" ? r.data.reason : "",
  }));
}

async function emailsOf(tx: Queryable, ids: unknown[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.email]));
}

import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { accessSteps, brands, offboardingItems, onboardingLinks, users, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { conflict, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { ActorContext, MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace, linkScope, ownAgencyId } from "~/modules/workspaces/scope.server";
import { getPlatform, type GrantMethod } from "./catalog";
import { pinnedVersionsFor } from "./custom-platforms.server";
import { resolveStepPlatform, stepPlatformName } from "./step-platform";
import type { StoredIdentities } from "./identities";
import { applyStepEvent } from "./steps.server";
import { HELD_ACCESS_STATUSES } from "./access-status";
import { agencyT } from "~/modules/i18n/agency";

/**
 * The access ledger of a brand (every grant: platform, asset, role, confirmed, verified by, when)
 * and its offboarding checklist: what the client removes and what the agency removes, per grant.
 */

const HELD: string[] = [...HELD_ACCESS_STATUSES];

export async function findBrand(ctx: MemberContext, brandId: string) {
  return db().query.brands.findFirst({
    where: and(eq(brands.id, brandId), inWorkspace(ctx, brands.workspaceId)),
    columns: { id: true, name: true, color: true },
  });
}

export async function accessLedger(ctx: MemberContext, brandId: string) {
  const rows = await db()
    .select({
      step: accessSteps,
      link: { id: onboardingLinks.id, clientName: onboardingLinks.clientName, createdAt: onboardingLinks.createdAt },
    })
    .from(accessSteps)
    .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
    .where(
      and(linkScope(ctx), eq(onboardingLinks.brandId, brandId), isNull(onboardingLinks.replacedById), ne(accessSteps.status, "requested")),
    )
    .orderBy(asc(accessSteps.platformKey), asc(accessSteps.createdAt));
  const pinned = await pinnedVersionsFor(
    db(),
    rows.map((r) => r.step),
  );
  const stepNames = new Map(rows.map((r) => [r.step.id, stepPlatformName(r.step, pinned)]));
  const verifierIds = [...new Set(rows.map((r) => r.step.verifiedBy).filter((v): v is string => Boolean(v)))];
  const verifiers = verifierIds.length
    ? await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, verifierIds))
    : [];
  const items = await db()
    .select()
    .from(offboardingItems)
    .where(and(inWorkspace(ctx, offboardingItems.workspaceId), eq(offboardingItems.brandId, brandId)))
    .orderBy(asc(offboardingItems.platformKey), asc(offboardingItems.side), asc(offboardingItems.createdAt));
  const visibleSteps = new Set(rows.map((r) => r.step.id));
  const doerIds = [...new Set(items.map((i) => i.doneBy).filter((v): v is string => Boolean(v)))];
  const doers = doerIds.length ? await db().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, doerIds)) : [];
  return {
    grants: rows.map(({ step, link }) => ({
      id: step.id,
      linkId: link.id,
      platformKey: step.platformKey,
      platformName: stepPlatformName(step, pinned),
      assetId: step.assetId,
      role: step.role,
      status: step.status,
      confirmedAt: step.confirmedAt?.toISOString() ?? null,
      verifiedAt: step.verifiedAt?.toISOString() ?? null,
      verifiedBy: verifiers.find((v) => v.id === step.verifiedBy)?.name ?? null,
      // An automatic check verifies with no person (verifiedBy null): the page says so instead of "a former member".
      verifiedVia: step.verifiedVia,
      revokedAt: step.revokedAt?.toISOString() ?? null,
      notApplicableReason: step.notApplicableReason,
      rejectionReason: step.rejectionReason,
    })),
    // Held grants with no checklist item yet: what "Start offboarding" would add (none: no button).
    toOffboard: rows.filter(({ step }) => HELD.includes(step.status) && !items.some((i) => i.stepId === step.id)).length,
    // An agency member sees the checklist items of its own agency's grants only.
    checklist: items
      .filter((i) => !i.stepId || visibleSteps.has(i.stepId) || ownAgencyId(ctx) === null)
      .map((i) => ({
        id: i.id,
        stepId: i.stepId,
        platformKey: i.platformKey,
        platformName: stepNames.get(i.stepId ?? "") ?? getPlatform(i.platformKey)?.name ?? i.platformKey,
        side: i.side,
        description: i.description,
        doneAt: i.doneAt?.toISOString() ?? null,
        doneBy: doers.find((d) => d.id === i.doneBy)?.name ?? null,
        doneVia: i.doneVia,
      })),
  };
}

/** What each side removes, by how the access was given. */
export function revokeInstructions(
  method: GrantMethod | string,
  platformName: string,
  asset: string,
  agency: string,
): { client: string; agency: string } {
  // Stored as written (the checklist keeps the words it was made with), in the agency's language.
  const known = ["partner_id", "manager_link", "collaborator_code"] as const;
  const key = (known as readonly string[]).includes(method) ? method : "other";
  const vars = { platformName, asset, agency };
  return {
    client: agencyT(`offboarding.revokeSteps.${key as (typeof known)[number] | "other"}.client`, vars),
    agency: agencyT(`offboarding.revokeSteps.${key as (typeof known)[number] | "other"}.agency`, vars),
  };
}

/** Adds a client item and an agency item for every grant still held that has no checklist yet. */
export async function startOffboarding(ctx: MemberContext, brandId: string): Promise<Outcome<{ created: number }>> {
  return db().transaction(async (tx) => {
    const brand = await tx.query.brands.findFirst({ where: and(eq(brands.id, brandId), inWorkspace(ctx, brands.workspaceId)) });
    if (!brand) return notFound(agencyT("errors.brandNotFound"));
    const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, ctx.workspace.id)))[0];
    const held = await tx
      .select({ step: accessSteps })
      .from(accessSteps)
      .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
      .where(
        and(linkScope(ctx), eq(onboardingLinks.brandId, brandId), isNull(onboardingLinks.replacedById), inArray(accessSteps.status, HELD)),
      );
    const existing = held.length
      ? await tx
          .select({ stepId: offboardingItems.stepId })
          .from(offboardingItems)
          .where(
            inArray(
              offboardingItems.stepId,
              held.map((h) => h.step.id),
            ),
          )
      : [];
    const covered = new Set(existing.map((e) => e.stepId));
    const pinned = await pinnedVersionsFor(
      tx,
      held.map((h) => h.step),
    );
    let created = 0;
    for (const { step } of held) {
      if (covered.has(step.id)) continue;
      const entry = resolveStepPlatform(step, pinned);
      if (!entry) continue;
      const identity = entry.identity(workspace.accessIdentities as StoredIdentities);
      const texts = revokeInstructions(
        entry.grantMethod,
        entry.name,
        step.assetId ?? agencyT("offboarding.theAccount"),
        identity.ok ? identity.value : workspace.name,
      );
      await tx.insert(offboardingItems).values([
        {
          workspaceId: ctx.workspace.id,
          brandId,
          stepId: step.id,
          platformKey: step.platformKey,
          side: "client",
          description: texts.client,
        },
        {
          workspaceId: ctx.workspace.id,
          brandId,
          stepId: step.id,
          platformKey: step.platformKey,
          side: "agency",
          description: texts.agency,
        },
      ]);
      created += 2;
    }
    if (created === 0) return conflict(held.length ? agencyT("errors.checklistExists") : agencyT("errors.nothingToRevoke"));
    await audit(tx, ctx, { action: "offboarding.started", objectType: "brand", objectId: brandId, data: { items: created } });
    return ok({ created });
  });
}

/**
 * Ticks one checklist item (who and when). When both sides of a grant are done, the grant is
 * marked revoked through the state machine (audit and webhook `access.revoked` included).
 */
export async function completeOffboardingItem(
  ctx: MemberContext,
  brandId: string,
  itemId: string,
  now = new Date(),
): Promise<Outcome<{ revoked: boolean }>> {
  return db().transaction(async (tx) => {
    const item = (
      await tx
        .select()
        .from(offboardingItems)
        .where(and(eq(offboardingItems.id, itemId), eq(offboardingItems.brandId, brandId), inWorkspace(ctx, offboardingItems.workspaceId)))
    )[0];
    if (!item) return notFound(agencyT("errors.checklistItemNotFound"));
    if (item.stepId && ownAgencyId(ctx) !== null) {
      const visible = await tx
        .select({ id: accessSteps.id })
        .from(accessSteps)
        .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
        .where(and(eq(accessSteps.id, item.stepId), linkScope(ctx)));
      if (!visible[0]) return notFound(agencyT("errors.checklistItemNotFound"));
    }
    const rows = await tx
      .update(offboardingItems)
      .set({ doneAt: now, doneBy: ctx.user.id, doneVia: "person" })
      .where(and(eq(offboardingItems.id, item.id), isNull(offboardingItems.doneAt)))
      .returning();
    if (!rows[0]) return conflict(agencyT("errors.checklistItemDone"));
    await audit(tx, ctx, {
      action: "offboarding.item_done",
      objectType: "offboarding_item",
      objectId: item.id,
      data: { platform: item.platformKey, side: item.side },
    });
    const revoked = item.stepId ? await revokeWhenChecklistDone(tx, ctx, item.stepId, now) : false;
    return ok({ revoked });
  });
}

/**
 * Once every checklist item of a grant is done (by a person, or the client's side by a check that
 * saw the access gone), the grant is marked revoked through the state machine (audit and webhook
 * `access.revoked` included): the agency's checklist, so the agency's event. True if it was.
 */
export async function revokeWhenChecklistDone(tx: Queryable, ctx: ActorContext, stepId: string, now: Date): Promise<boolean> {
  const left = await tx
    .select({ id: offboardingItems.id })
    .from(offboardingItems)
    .where(and(eq(offboardingItems.stepId, stepId), isNull(offboardingItems.doneAt)));
  const step = (await tx.select().from(accessSteps).where(eq(accessSteps.id, stepId)).for("update"))[0];
  if (left.length > 0 || !step || !HELD.includes(step.status)) return false;
  const result = await applyStepEvent(tx, ctx, { step, event: "revoke", actor: "agency", now });
  return result.ok;
}

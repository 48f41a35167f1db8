import { and, eq, isNull } from "drizzle-orm";
import type { workspaces } from "@db/schema";
import { accessSteps, brands, onboardingLinks, stepForwards } from "@db/schema";
import { db, type Queryable, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { audit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { asLocale } from "~/modules/i18n/locales";
import { checkRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace, linkScope, ownAgencyId } from "~/modules/workspaces/scope.server";
import { isPlatformKey } from "./catalog";
import type { StoredIdentities } from "./identities";
import { validateRole } from "./presets";
import { activeCustomPlatforms, pinnedVersionsFor } from "./custom-platforms.server";
import { isCustomKey } from "./custom-platforms";
import { customPlatform, resolveStepPlatform, stepPlatformName, type StepRef } from "./step-platform";
import { readIntake } from "./link-model";
import { accountManagerOptions } from "./link-queries.server";
import { DEFAULT_AGREEMENT, type CreateLinkInput } from "./schemas";
import { brandingOf, emailDate, linkUrl, scheduleClientReminders, scheduleStallCheck, type LinkRow } from "./shared.server";
import { DAY_MS } from "~/utils/time";
import { conflict, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { agencyT } from "~/modules/i18n/agency";

/**
 * The life of an onboarding link on the agency's side: create, revoke, re-issue. Reads live in
 * link-queries.server, decisions on single steps in step-decisions.server.
 */

/** A new link (its URL exists only here and in the email), or the one a repeated submit of the same form made. */
export type CreatedLink = { linkId: string; url: string; emailed: boolean; existing?: false } | { existing: true; linkId: string };

/**
 * Creates the link, its platform steps and, for a new client, the brand; queues the email and the
 * reminders; all in one transaction. The token exists in plain text only in the answer and the email.
 * A repeated or concurrent submit of the same form (idempotency key) creates nothing more and
 * answers the first link (createOnce).
 */
export async function createLink(ctx: MemberContext, input: CreateLinkInput, now = new Date()): Promise<Outcome<CreatedLink>> {
  if (input.sendEmail) {
    const limited = await checkSendLimit(ctx);
    if (!limited.ok) return limited;
  }
  const identities = ctx.workspace.accessIdentities as StoredIdentities;
  const custom = input.platforms.some((p) => isCustomKey(p.platformKey)) ? await activeCustomPlatforms(ctx) : [];
  const grants: Grant[] = [];
  const errors: Record<string, string[]> = {};
  for (const p of input.platforms) {
    const checked = checkGrant(p, custom, identities);
    if (checked.ok) grants.push(checked.grant);
    else Object.assign(errors, checked.errors);
  }
  if (Object.keys(errors).length > 0) return invalid(agencyT("errors.platformsNotReady"), errors);
  if (input.accountManagerId && !(await accountManagerOptions(ctx)).some((o) => o.id === input.accountManagerId)) {
    const message = agencyT("errors.chooseAccountManager");
    return invalid(message, { accountManagerId: [message] });
  }

  return db().transaction(async (tx): Promise<Outcome<CreatedLink>> => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "onboarding_link" },
      () => insertLink(tx, ctx, input, grants, now),
      (r) => (r.ok ? r.value.linkId : null),
    );
    return once.first ? once.value : ok({ existing: true as const, linkId: once.recordId });
  });
}

type Grant = { platformKey: string; role: string; name: string; customPlatformVersionId: string | null };
type GrantCheck = { ok: true; grant: Grant } | { ok: false; errors: Record<string, string[]> };

/**
 * One asked-for platform: a catalog one by its role table, a custom one by its current version's
 * roles (that version is pinned on the step, decision 061); the workspace must have the identity.
 */
function checkGrant(
  p: { platformKey: string; role: string },
  custom: Awaited<ReturnType<typeof activeCustomPlatforms>>,
  identities: StoredIdentities,
): GrantCheck {
  const own = custom.find((c) => c.key === p.platformKey);
  if (!own && !isPlatformKey(p.platformKey)) {
    return { ok: false, errors: { [`platform_${p.platformKey}`]: [agencyT("errors.platformArchived")] } };
  }
  const platform = own ? customPlatform(own.key, own.version, own.definition) : resolveStepPlatform(p)!;
  const errors: Record<string, string[]> = {};
  let role = p.role.trim();
  if (own) {
    const match = own.definition.roles.find((r) => r.toLowerCase() === role.toLowerCase());
    if (match) role = match;
    else
      errors[`role_${p.platformKey}`] = [
        agencyT("errors.noSuchRole", { platform: platform.name, role, roles: own.definition.roles.join(", ") }),
      ];
  } else if (isPlatformKey(p.platformKey)) {
    const checked = validateRole(p.platformKey, p.role);
    if (checked.ok) role = checked.role;
    else errors[`role_${p.platformKey}`] = [checked.message];
  }
  const identity = platform.identity(identities);
  if (!identity.ok) errors[`platform_${p.platformKey}`] = [identity.message];
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, grant: { platformKey: p.platformKey, role, name: platform.name, customPlatformVersionId: own?.versionId ?? null } };
}

/**
 * Emails from Baton to a client, per member: a `too_many` outcome once past the limit (the route
 * edge answers 429 with Retry-After). Counted before anything is written, so a refused send writes nothing.
 */
function checkSendLimit(ctx: MemberContext): Promise<Outcome> {
  return checkRateLimit([`onboard-send:${ctx.workspace.id}:${ctx.user.id}`], LIMITS.emailSend);
}

/** The link, its steps and its side effects: for the first submit of the form only. */
async function insertLink(
  tx: Transaction,
  ctx: MemberContext,
  input: CreateLinkInput,
  grants: Grant[],
  now: Date,
): Promise<Outcome<CreatedLink>> {
  let brandId: string;
  let clientName: string;
  if (input.brandId === "new") {
    const [brand] = await tx.insert(brands).values({ workspaceId: ctx.workspace.id, name: input.newClientName }).returning();
    await audit(tx, ctx, {
      action: "brand.created",
      objectType: "brand",
      objectId: brand.id,
      data: { name: brand.name, from: "onboarding link" },
    });
    brandId = brand.id;
    clientName = brand.name;
  } else {
    const brand = await tx.query.brands.findFirst({ where: and(eq(brands.id, input.brandId), inWorkspace(ctx, brands.workspaceId)) });
    if (!brand) return notFound(agencyT("errors.chooseBrand"), { fields: { brandId: [agencyT("errors.chooseBrand")] } });
    brandId = brand.id;
    clientName = brand.name;
  }
  const accountManagerId = input.accountManagerId ?? ctx.user.id;
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const intake = {
    brandKit: input.brandKit,
    contacts: input.contacts,
    questionnaire: input.questionnaire,
    agreement: input.agreement,
    agreementText: input.agreementText || DEFAULT_AGREEMENT,
    message: input.message,
    recipientName: input.recipientName,
    agencyId: ownAgencyId(ctx),
    serviceType: input.serviceType ?? null,
  };
  const [link] = await tx
    .insert(onboardingLinks)
    .values({
      workspaceId: ctx.workspace.id,
      brandId,
      clientName,
      clientEmail: input.clientEmail ?? null,
      serviceType: input.serviceType ?? null,
      locale: input.locale,
      tokenHash: sha256(token),
      intake,
      answers: {},
      accountManagerId,
      createdBy: ctx.user.id,
      expiresAt,
      lastProgressAt: now,
      createdAt: now,
    })
    .returning();
  for (const [position, g] of grants.entries()) {
    await tx.insert(accessSteps).values({
      workspaceId: ctx.workspace.id,
      linkId: link.id,
      platformKey: g.platformKey,
      customPlatformVersionId: g.customPlatformVersionId,
      role: g.role,
      position,
      createdAt: now,
      updatedAt: now,
    });
  }
  const url = linkUrl(token);
  await audit(tx, ctx, {
    action: "onboarding.link_created",
    objectType: "onboarding_link",
    objectId: link.id,
    data: {
      clientName,
      platforms: grants.map((g) => `${g.platformKey}: ${g.role}`),
      expiresAt: expiresAt.toISOString(),
      emailed: input.sendEmail,
    },
  });
  if (input.sendEmail && input.clientEmail) await sendLinkEmail(tx, link, ctx.workspace, url, grants);
  await scheduleClientReminders(tx, link, url, now);
  await scheduleStallCheck(tx, link, now);
  return ok({ linkId: link.id, url, emailed: Boolean(input.sendEmail && input.clientEmail) });
}

async function sendLinkEmail(tx: Queryable, link: LinkRow, workspace: typeof workspaces.$inferSelect, url: string, steps: StepRef[]) {
  if (!link.clientEmail) return;
  // The platforms' names in the client's language (decision 060), each as the link was sent (decision 061).
  const locale = asLocale(link.locale);
  const pinned = await pinnedVersionsFor(tx, steps);
  const intake = readIntake(link.intake);
  await queueEmail(
    tx,
    {
      to: link.clientEmail,
      template: "onboarding-link",
      props: {
        workspace: brandingOf(workspace),
        clientName: link.clientName,
        recipientName: intake.recipientName || null,
        message: intake.message || null,
        url,
        expiresAt: emailDate(link.expiresAt, locale),
        platformNames: steps.map((step) => stepPlatformName(step, pinned, locale)),
        locale,
      },
    },
    { workspaceId: link.workspaceId },
  );
}

/** Ends the link (and every forwarded step of it) now; its page then names whom to contact. */
export async function revokeLink(ctx: MemberContext, linkId: string, now = new Date()): Promise<Outcome<string>> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .update(onboardingLinks)
      .set({ revokedAt: now })
      .where(and(eq(onboardingLinks.id, linkId), linkScope(ctx), isNull(onboardingLinks.revokedAt), isNull(onboardingLinks.replacedById)))
      .returning();
    const link = rows[0];
    if (!link) {
      const exists = await tx
        .select({ id: onboardingLinks.id })
        .from(onboardingLinks)
        .where(and(eq(onboardingLinks.id, linkId), linkScope(ctx)))
        .limit(1);
      return exists[0] ? conflict(agencyT("errors.linkAlreadyRevoked")) : notFound(agencyT("errors.linkNotFound"));
    }
    await tx
      .update(stepForwards)
      .set({ revokedAt: now })
      .where(and(eq(stepForwards.linkId, link.id), isNull(stepForwards.revokedAt)));
    await audit(tx, ctx, {
      action: "onboarding.link_revoked",
      objectType: "onboarding_link",
      objectId: link.id,
      data: { clientName: link.clientName },
    });
    return ok(agencyT("notices.linkRevoked"));
  });
}

export type Reissued = { linkId: string; url: string; emailed: boolean };

/**
 * A new token for the same onboarding: a new row takes over the steps, answers and history; the
 * old row stays as a tombstone so its token shows "replaced" with whom to contact, not "unknown".
 */
export async function reissueLink(
  ctx: MemberContext,
  linkId: string,
  input: { expiresInDays: number; sendEmail: boolean },
  now = new Date(),
): Promise<Outcome<Reissued>> {
  if (input.sendEmail) {
    const limited = await checkSendLimit(ctx);
    if (!limited.ok) return limited;
  }
  return db().transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(onboardingLinks)
      .where(and(eq(onboardingLinks.id, linkId), linkScope(ctx)))
      .for("update");
    const old = rows[0];
    if (!old) return notFound(agencyT("errors.linkNotFound"));
    if (old.replacedById) return conflict(agencyT("errors.linkAlreadyReissued"));
    if (input.sendEmail && !old.clientEmail) return invalid(agencyT("errors.noClientEmail"));
    const token = randomToken();
    const { id: _oldId, tokenHash: _oldHash, ...rest } = old;
    void _oldId;
    void _oldHash;
    const [fresh] = await tx
      .insert(onboardingLinks)
      .values({
        ...rest,
        intake: { ...old.intake, issuedAt: now.toISOString() },
        tokenHash: sha256(token),
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
        revokedAt: null,
        replacedById: null,
        remindersSent: 0,
        lastProgressAt: now,
      })
      .returning();
    await tx
      .update(onboardingLinks)
      .set({ replacedById: fresh.id, revokedAt: old.revokedAt ?? now })
      .where(eq(onboardingLinks.id, old.id));
    await tx.update(accessSteps).set({ linkId: fresh.id }).where(eq(accessSteps.linkId, old.id));
    await tx.update(stepForwards).set({ linkId: fresh.id }).where(eq(stepForwards.linkId, old.id));
    const url = linkUrl(token);
    await audit(tx, ctx, {
      action: "onboarding.link_reissued",
      objectType: "onboarding_link",
      objectId: fresh.id,
      data: { replaces: old.id, expiresAt: fresh.expiresAt.toISOString(), emailed: input.sendEmail },
    });
    if (input.sendEmail) {
      const steps = await tx
        .select({ platformKey: accessSteps.platformKey, customPlatformVersionId: accessSteps.customPlatformVersionId })
        .from(accessSteps)
        .where(eq(accessSteps.linkId, fresh.id));
      await sendLinkEmail(tx, fresh, ctx.workspace, url, steps);
    }
    // Reminders restart from the new link's issue: the old ones carry the old address and stop.
    await scheduleClientReminders(tx, { ...fresh, createdAt: now }, url, now);
    await scheduleStallCheck(tx, fresh, now);
    return ok({ linkId: fresh.id, url, emailed: input.sendEmail });
  });
}

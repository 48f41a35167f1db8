import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { workspaces } from "@db/schema";
import { accessSteps, brands, files, memberships, onboardingLinks, stepForwards, users } from "@db/schema";
import { db, type Queryable, type Transaction } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { notify } from "~/modules/notifications/notify.server";
import { enforceRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { roleCan } from "~/modules/workspaces/permissions";
import { getPlatform, type PlatformKey } from "./catalog";
import { identityForPlatform, type StoredIdentities } from "./identities";
import { validateRole } from "./presets";
import { isAccessStatus, type AccessEvent } from "./access-status";
import { linkState, progressOf, readAnswers, readIntake } from "./link-model";
import { formatTimeTaken, linkTimeToVerified, median, stepTimeToVerified } from "./progress";
import { DEFAULT_AGREEMENT, type CreateLinkInput } from "./schemas";
import {
  agencyLinkPath,
  brandingOf,
  emailDate,
  emailDateTime,
  linkScope,
  linkUrl,
  scheduleClientReminders,
  scheduleStallCheck,
  stepLinkUrl,
  teamOf,
  type LinkRow,
} from "./shared.server";
import { applyStepEvent, type StepRow } from "./steps.server";
import { DAY_MS } from "~/utils/time";

/** The agency's side of onboarding links: create, watch, verify, reject, revoke, re-issue. */

export type FieldFailure = { ok: false; status: 400 | 404 | 409; errors: Record<string, string[]>; message: string };

function failure(field: string, message: string, status: 400 | 404 | 409 = 400): FieldFailure {
  return { ok: false, status, errors: field ? { [field]: [message] } : {}, message };
}

/** A link the member may see (scope from the membership), or null: the route answers 404. */
export async function findLinkForMember(ctx: MemberContext, linkId: string): Promise<LinkRow | null> {
  const rows = await db()
    .select()
    .from(onboardingLinks)
    .where(and(eq(onboardingLinks.id, linkId), linkScope(ctx), isNull(onboardingLinks.replacedById)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * The link as it is now: a re-issued link's old id leads to the row that replaced it, so a page
 * opened before the re-issue (or a bookmark) still shows the onboarding instead of a 404.
 */
export async function findCurrentLinkForMember(ctx: MemberContext, linkId: string): Promise<LinkRow | null> {
  let id: string | null = linkId;
  for (let hops = 0; id && hops < 20; hops++) {
    const rows: LinkRow[] = await db()
      .select()
      .from(onboardingLinks)
      .where(and(eq(onboardingLinks.id, id), linkScope(ctx)))
      .limit(1);
    const row: LinkRow | undefined = rows[0];
    if (!row) return null;
    if (!row.replacedById) return row;
    id = row.replacedById;
  }
  return null;
}

/** People who may be the account manager: members whose role manages onboarding. */
export async function accountManagerOptions(ctx: MemberContext) {
  const rows = await db()
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, agencyId: memberships.agencyId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspace.id))
    .orderBy(asc(users.name));
  return rows.filter(
    (r) =>
      roleCan(r.role, "onboarding.manage") &&
      (ctx.scope.kind !== "agency" || r.role !== "agency_member" || r.agencyId === ctx.scope.agencyId),
  );
}

export async function brandOptions(ctx: MemberContext) {
  return db()
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(eq(brands.workspaceId, ctx.workspace.id))
    .orderBy(asc(brands.name));
}

export type CreateResult =
  | { ok: true; linkId: string; url: string; emailed: boolean; existing?: false }
  | { ok: true; existing: true; linkId: string }
  | FieldFailure;

/**
 * Creates the link, its platform steps and, for a new client, the brand; queues the email and the
 * reminders; all in one transaction. The token exists in plain text only in the answer and the email.
 * A repeated or concurrent submit of the same form (idempotency key) creates nothing more and
 * answers the first link (createOnce).
 */
export async function createLink(request: Request, ctx: MemberContext, input: CreateLinkInput, now = new Date()): Promise<CreateResult> {
  if (input.sendEmail) await enforceRateLimit([`onboard-send:${ctx.workspace.id}:${ctx.user.id}`], LIMITS.emailSend);
  const identities = ctx.workspace.accessIdentities as StoredIdentities;
  const grants: Array<{ platformKey: PlatformKey; role: string }> = [];
  const errors: Record<string, string[]> = {};
  for (const p of input.platforms) {
    const role = validateRole(p.platformKey, p.role);
    if (!role.ok) errors[`role_${p.platformKey}`] = [role.message];
    const identity = identityForPlatform(p.platformKey, identities);
    if (!identity.ok) errors[`platform_${p.platformKey}`] = [identity.message];
    if (role.ok && identity.ok) grants.push({ platformKey: p.platformKey, role: role.role });
  }
  if (Object.keys(errors).length > 0)
    return { ok: false, status: 400, errors, message: "Some platforms can't be asked for yet: see the messages next to them." };
  if (input.accountManagerId && !(await accountManagerOptions(ctx)).some((o) => o.id === input.accountManagerId)) {
    return failure("accountManagerId", "Choose an account manager from the list.");
  }

  return db().transaction(async (tx): Promise<CreateResult> => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "onboarding_link" },
      () => insertLink(tx, request, ctx, input, grants, now),
      (r) => (r.ok ? r.linkId : null),
    );
    return once.first ? once.value : { ok: true, existing: true, linkId: once.recordId };
  });
}

/** The link, its steps and its side effects: for the first submit of the form only. */
async function insertLink(
  tx: Transaction,
  request: Request,
  ctx: MemberContext,
  input: CreateLinkInput,
  grants: Array<{ platformKey: PlatformKey; role: string }>,
  now: Date,
): Promise<CreateResult> {
  let brandId: string;
  let clientName: string;
  if (input.brandId === "new") {
    const [brand] = await tx.insert(brands).values({ workspaceId: ctx.workspace.id, name: input.newClientName }).returning();
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "brand.created",
      objectType: "brand",
      objectId: brand.id,
      data: { name: brand.name, from: "onboarding link" },
      meta: requestMeta(request),
    });
    brandId = brand.id;
    clientName = brand.name;
  } else {
    const brand = await tx.query.brands.findFirst({ where: and(eq(brands.id, input.brandId), eq(brands.workspaceId, ctx.workspace.id)) });
    if (!brand) return failure("brandId", "Choose a brand from the list.", 404);
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
    agencyId: ctx.scope.kind === "agency" ? ctx.scope.agencyId : null,
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
      role: g.role,
      position,
      createdAt: now,
      updatedAt: now,
    });
  }
  const url = linkUrl(token);
  await recordAudit(tx, {
    workspaceId: ctx.workspace.id,
    actor: actorOf(ctx),
    action: "onboarding.link_created",
    objectType: "onboarding_link",
    objectId: link.id,
    data: {
      clientName,
      platforms: grants.map((g) => `${g.platformKey}: ${g.role}`),
      expiresAt: expiresAt.toISOString(),
      emailed: input.sendEmail,
    },
    meta: requestMeta(request),
  });
  if (input.sendEmail && input.clientEmail)
    await sendLinkEmail(
      tx,
      link,
      ctx.workspace,
      url,
      grants.map((g) => g.platformKey),
    );
  await scheduleClientReminders(tx, link, url, now);
  await scheduleStallCheck(tx, link, now);
  return { ok: true as const, linkId: link.id, url, emailed: Boolean(input.sendEmail && input.clientEmail) };
}

async function sendLinkEmail(tx: Queryable, link: LinkRow, workspace: typeof workspaces.$inferSelect, url: string, platformKeys: string[]) {
  if (!link.clientEmail) return;
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
        expiresAt: emailDate(link.expiresAt),
        platformNames: platformKeys.map((k) => getPlatform(k)?.name ?? k),
      },
    },
    { workspaceId: link.workspaceId },
  );
}

export interface LinkSummary {
  id: string;
  clientName: string;
  brandId: string | null;
  brandName: string | null;
  state: ReturnType<typeof linkState>;
  progress: ReturnType<typeof progressOf>;
  toVerify: number;
  createdAt: string;
  expiresAt: string;
  openedAt: string | null;
  timeToVerifiedMs: number | null;
}

/** Every link the member may see, newest first, with progress and time-to-verified; plus medians. */
export async function listLinks(ctx: MemberContext, now = new Date()) {
  const links = await db()
    .select({ link: onboardingLinks, brandName: brands.name })
    .from(onboardingLinks)
    .leftJoin(brands, eq(brands.id, onboardingLinks.brandId))
    .where(and(linkScope(ctx), isNull(onboardingLinks.replacedById)))
    .orderBy(desc(onboardingLinks.createdAt))
    .limit(500);
  const ids = links.map((l) => l.link.id);
  const steps = ids.length ? await db().select().from(accessSteps).where(inArray(accessSteps.linkId, ids)) : [];
  const byLink = new Map<string, StepRow[]>();
  for (const s of steps) byLink.set(s.linkId, [...(byLink.get(s.linkId) ?? []), s]);

  const summaries: LinkSummary[] = links.map(({ link, brandName }) => {
    const own = byLink.get(link.id) ?? [];
    return {
      id: link.id,
      clientName: link.clientName,
      brandId: link.brandId,
      brandName,
      state: linkState(link, now),
      progress: progressOf(link, own),
      toVerify: own.filter((s) => s.status === "confirmed").length,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      openedAt: link.openedAt?.toISOString() ?? null,
      timeToVerifiedMs: linkTimeToVerified({
        createdAt: link.createdAt,
        platformSteps: own.map((s) => ({ status: isAccessStatus(s.status) ? s.status : "requested", verifiedAt: s.verifiedAt })),
      }),
    };
  });
  return { links: summaries, metrics: metricsOf(summaries, steps) };
}

/** Time-to-verified-access: the median across links, and per platform across every verified step. */
export function metricsOf(summaries: Array<Pick<LinkSummary, "timeToVerifiedMs">>, steps: StepRow[]) {
  const perLink = summaries.map((s) => s.timeToVerifiedMs).filter((v): v is number => v !== null);
  const perPlatform = new Map<string, number[]>();
  for (const s of steps) {
    const ms = stepTimeToVerified(s);
    if (ms !== null && s.status === "verified") perPlatform.set(s.platformKey, [...(perPlatform.get(s.platformKey) ?? []), ms]);
  }
  return {
    medianLinkMs: median(perLink),
    verifiedLinks: perLink.length,
    platforms: [...perPlatform.entries()]
      .map(([key, values]) => ({
        platformKey: key,
        name: getPlatform(key)?.name ?? key,
        medianMs: median(values) ?? 0,
        count: values.length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Everything on the agency's page of one link. */
export async function linkDetail(ctx: MemberContext, link: LinkRow, now = new Date()) {
  const [steps, forwards, brand] = await Promise.all([
    db().select().from(accessSteps).where(eq(accessSteps.linkId, link.id)).orderBy(asc(accessSteps.position), asc(accessSteps.createdAt)),
    db().select().from(stepForwards).where(eq(stepForwards.linkId, link.id)).orderBy(asc(stepForwards.createdAt)),
    link.brandId
      ? db().query.brands.findFirst({ where: eq(brands.id, link.brandId), columns: { id: true, name: true } })
      : Promise.resolve(undefined),
  ]);
  const peopleIds = [
    ...new Set([link.accountManagerId, link.createdBy, ...steps.map((s) => s.verifiedBy)].filter((v): v is string => Boolean(v))),
  ];
  const people = peopleIds.length
    ? await db().select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, peopleIds))
    : [];
  const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  const answers = readAnswers(link.answers);
  const intake = readIntake(link.intake);
  const kitIds = answers.brandKit.files.map((f) => f.id);
  const kitFiles = kitIds.length
    ? await db()
        .select({ id: files.id })
        .from(files)
        .where(and(eq(files.workspaceId, ctx.workspace.id), inArray(files.id, kitIds)))
    : [];
  const present = new Set(kitFiles.map((f) => f.id));
  return {
    link,
    brand: brand ?? null,
    intake,
    answers: { ...answers, brandKit: { ...answers.brandKit, files: answers.brandKit.files.filter((f) => present.has(f.id)) } },
    steps: steps.map((s) => ({
      ...s,
      verifiedByName: nameOf(s.verifiedBy),
      timeToVerifiedMs: s.status === "verified" ? stepTimeToVerified(s) : null,
    })),
    forwards,
    accountManager: people.find((p) => p.id === link.accountManagerId) ?? null,
    createdByName: nameOf(link.createdBy),
    state: linkState(link, now),
    progress: progressOf(link, steps),
    timeToVerifiedMs: linkTimeToVerified({
      createdAt: link.createdAt,
      platformSteps: steps.map((s) => ({ status: isAccessStatus(s.status) ? s.status : "requested", verifiedAt: s.verifiedAt })),
    }),
  };
}

export type DecideResult = { ok: true; notice: string } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * The agency decides on one step: verify (one click; who and when recorded), reject with a reason
 * (the step reopens and whoever must fix it gets an email with a link to that step), mark revoked,
 * reopen, or drop it as not applicable.
 */
export async function decideStep(
  request: Request,
  ctx: MemberContext,
  input: {
    linkId: string;
    stepId: string;
    event: Extract<AccessEvent, "verify" | "reject" | "revoke" | "reopen" | "mark_not_applicable">;
    reason?: string;
    version?: number;
  },
  now = new Date(),
): Promise<DecideResult> {
  return db().transaction(async (tx) => {
    const linkRows = await tx
      .select()
      .from(onboardingLinks)
      .where(and(eq(onboardingLinks.id, input.linkId), linkScope(ctx), isNull(onboardingLinks.replacedById)))
      .for("update");
    const link = linkRows[0];
    if (!link) return { ok: false, status: 404, message: "That link was not found." };
    const stepRows = await tx
      .select()
      .from(accessSteps)
      .where(and(eq(accessSteps.id, input.stepId), eq(accessSteps.linkId, link.id)))
      .for("update");
    const step = stepRows[0];
    if (!step) return { ok: false, status: 404, message: "That step was not found." };
    const result = await applyStepEvent(tx, {
      step,
      event: input.event,
      actor: "agency",
      auditActor: actorOf(ctx),
      meta: requestMeta(request),
      reason: input.reason,
      expectedVersion: input.version,
      now,
    });
    if (!result.ok) return result;
    const platformName = getPlatform(step.platformKey)?.name ?? step.platformKey;

    if (input.event === "reject") {
      // The client has work again: the link is no longer finished.
      await tx.update(onboardingLinks).set({ completedAt: null, allVerifiedAt: null }).where(eq(onboardingLinks.id, link.id));
      const sentTo = await sendFixLink(tx, link, step, ctx, input.reason ?? "", now);
      return {
        ok: true,
        notice: sentTo
          ? `${platformName} rejected. ${sentTo} was emailed a link to fix it.`
          : `${platformName} rejected. This link has no client email: tell the client yourself.`,
      };
    }
    if (input.event === "revoke" || input.event === "reopen") {
      await tx
        .update(onboardingLinks)
        .set({ allVerifiedAt: null, ...(input.event === "reopen" ? { completedAt: null } : {}) })
        .where(eq(onboardingLinks.id, link.id));
    }
    if (input.event === "verify" || input.event === "mark_not_applicable") await maybeAllVerified(tx, link, ctx, now);
    const verb = { verify: "verified", revoke: "marked revoked", reopen: "reopened", mark_not_applicable: "marked not applicable" }[
      input.event
    ];
    return { ok: true, notice: `${platformName} ${verb}.` };
  });
}

/** When every platform step is settled and the client finished, the team hears it once. */
async function maybeAllVerified(tx: Queryable, link: LinkRow, ctx: MemberContext, now: Date) {
  const steps = await tx.select().from(accessSteps).where(eq(accessSteps.linkId, link.id));
  const fresh = (await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, link.id)))[0];
  const progress = progressOf(fresh, steps);
  if (!progress.complete || !progress.allVerified || steps.length === 0 || fresh.allVerifiedAt) return;
  await tx
    .update(onboardingLinks)
    .set({ allVerifiedAt: now })
    .where(and(eq(onboardingLinks.id, link.id), isNull(onboardingLinks.allVerifiedAt)));
  const path = agencyLinkPath(ctx.workspace.slug, link.id);
  const took = linkTimeToVerified({
    createdAt: fresh.createdAt,
    platformSteps: steps.map((s) => ({ status: isAccessStatus(s.status) ? s.status : "requested", verifiedAt: s.verifiedAt })),
  });
  for (const userId of teamOf(link)) {
    await notify(tx, {
      workspaceId: link.workspaceId,
      userId,
      category: "onboarding",
      title: `All access for ${link.clientName} is verified`,
      body: "Every platform step is verified or not applicable. The work can start.",
      url: path,
      email: {
        template: "access-all-verified",
        props: {
          workspace: brandingOf(ctx.workspace),
          clientName: link.clientName,
          url: `${env().APP_URL}${path}`,
          verifiedAt: emailDateTime(now),
          timeToVerified: took === null ? null : formatTimeTaken(took),
          platforms: steps
            .filter((s) => s.status === "verified")
            .map((s) => getPlatform(s.platformKey as PlatformKey)?.name ?? s.platformKey),
        },
      },
    });
  }
}

/**
 * A rejected grant has to be fixed by whoever did it: the colleague it was forwarded to, else the
 * client. Tokens are stored hashed, so the old link cannot be resent: a new link to this one step
 * goes out, with the agency's reason. Returns who was emailed, or null.
 */
async function sendFixLink(
  tx: Queryable,
  link: LinkRow,
  step: StepRow,
  ctx: MemberContext,
  reason: string,
  now: Date,
): Promise<string | null> {
  const lastForward = (
    await tx
      .select()
      .from(stepForwards)
      .where(and(eq(stepForwards.stepId, step.id), isNull(stepForwards.revokedAt)))
      .orderBy(desc(stepForwards.createdAt))
      .limit(1)
  )[0];
  const to = lastForward?.email ?? link.clientEmail;
  if (!to) return null;
  const token = randomToken();
  const expiresAt = new Date(Math.max(link.expiresAt.getTime(), now.getTime() + 14 * DAY_MS));
  await tx.insert(stepForwards).values({
    workspaceId: link.workspaceId,
    stepId: step.id,
    linkId: link.id,
    email: to,
    name: lastForward?.name ?? (readIntake(link.intake).recipientName || null),
    tokenHash: sha256(token),
    expiresAt,
    createdAt: now,
  });
  await queueEmail(
    tx,
    {
      to,
      template: "access-rejected",
      props: {
        workspace: brandingOf(ctx.workspace),
        clientName: link.clientName,
        recipientName: lastForward?.name ?? (readIntake(link.intake).recipientName || null),
        platformName: getPlatform(step.platformKey)?.name ?? step.platformKey,
        reason,
        url: stepLinkUrl(token),
      },
    },
    { workspaceId: link.workspaceId },
  );
  return to;
}

/** Ends the link (and every forwarded step of it) now; its page then names whom to contact. */
export async function revokeLink(request: Request, ctx: MemberContext, linkId: string, now = new Date()): Promise<DecideResult> {
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
      return exists[0]
        ? { ok: false, status: 409, message: "This link is already revoked." }
        : { ok: false, status: 404, message: "That link was not found." };
    }
    await tx
      .update(stepForwards)
      .set({ revokedAt: now })
      .where(and(eq(stepForwards.linkId, link.id), isNull(stepForwards.revokedAt)));
    await recordAudit(tx, {
      workspaceId: link.workspaceId,
      actor: actorOf(ctx),
      action: "onboarding.link_revoked",
      objectType: "onboarding_link",
      objectId: link.id,
      data: { clientName: link.clientName },
      meta: requestMeta(request),
    });
    return { ok: true, notice: "The link is revoked. Anyone opening it now sees whom to contact." };
  });
}

export type ReissueResult =
  { ok: true; linkId: string; url: string; emailed: boolean } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * A new token for the same onboarding: a new row takes over the steps, answers and history; the
 * old row stays as a tombstone so its token shows "replaced" with whom to contact, not "unknown".
 */
export async function reissueLink(
  request: Request,
  ctx: MemberContext,
  linkId: string,
  input: { expiresInDays: number; sendEmail: boolean },
  now = new Date(),
): Promise<ReissueResult> {
  if (input.sendEmail) await enforceRateLimit([`onboard-send:${ctx.workspace.id}:${ctx.user.id}`], LIMITS.emailSend);
  return db().transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(onboardingLinks)
      .where(and(eq(onboardingLinks.id, linkId), linkScope(ctx)))
      .for("update");
    const old = rows[0];
    if (!old) return { ok: false, status: 404, message: "That link was not found." };
    if (old.replacedById) return { ok: false, status: 409, message: "This link was already re-issued. Open the newest one." };
    if (input.sendEmail && !old.clientEmail)
      return { ok: false, status: 400, message: "This link has no client email to send it to. Copy the new link instead." };
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
    await recordAudit(tx, {
      workspaceId: old.workspaceId,
      actor: actorOf(ctx),
      action: "onboarding.link_reissued",
      objectType: "onboarding_link",
      objectId: fresh.id,
      data: { replaces: old.id, expiresAt: fresh.expiresAt.toISOString(), emailed: input.sendEmail },
      meta: requestMeta(request),
    });
    if (input.sendEmail) {
      const steps = await tx.select({ platformKey: accessSteps.platformKey }).from(accessSteps).where(eq(accessSteps.linkId, fresh.id));
      await sendLinkEmail(
        tx,
        fresh,
        ctx.workspace,
        url,
        steps.map((s) => s.platformKey),
      );
    }
    // Reminders restart from the new link's issue: the old ones carry the old address and stop.
    await scheduleClientReminders(tx, { ...fresh, createdAt: now }, url, now);
    await scheduleStallCheck(tx, fresh, now);
    return { ok: true, linkId: fresh.id, url, emailed: input.sendEmail };
  });
}

/** Steps confirmed by clients that wait for this member to verify: the home page's "waiting on you". */
export async function stepsAwaitingVerification(ctx: MemberContext) {
  return db()
    .select({
      linkId: onboardingLinks.id,
      clientName: onboardingLinks.clientName,
      platformKey: accessSteps.platformKey,
      confirmedAt: accessSteps.confirmedAt,
    })
    .from(accessSteps)
    .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
    .where(
      and(linkScope(ctx), eq(accessSteps.status, "confirmed"), isNull(onboardingLinks.replacedById), isNull(onboardingLinks.revokedAt)),
    )
    .orderBy(asc(accessSteps.confirmedAt))
    .limit(200);
}

import { and, asc, eq, inArray, isNull, gt, sql } from "drizzle-orm";
import { accessSteps, brands, invitations, memberships, onboardingLinks, stepForwards, users, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { requestMeta } from "~/utils/http.server";
import { env } from "~/utils/env.server";
import { recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { notify } from "~/modules/notifications/notify.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { enforceRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import { ROLE_LABELS } from "~/modules/workspaces/permissions";
import { fillSteps, getPlatform, validateAssetId, type AssetIdContext } from "./catalog";
import { identityForPlatform, type StoredIdentities } from "./identities";
import { isAccessStatus, type AccessStatus } from "./access-status";
import {
  intakeLabels,
  intakeSteps,
  isOpenForClient,
  progressOf,
  readAnswers,
  readIntake,
  type BrandKitFile,
  type LinkAnswers,
} from "./link-model";
import { formatTimeTaken } from "./progress";
import { finishWith, saveIntakeDraft, type FinishCheck, type IntakeSave } from "./intake-draft";
import { questionnaireSchema, type QuestionnaireQuestion } from "./questionnaire";
import { contactsSchema, intakeDraftFields } from "./schemas";
import {
  agencyLinkPath,
  brandingOf,
  emailDate,
  emailDateTime,
  scheduleForwardJobs,
  scheduleStallCheck,
  stepLinkUrl,
  teamOf,
  type LinkRow,
  type WorkspaceRow,
} from "./shared.server";
import { applyStepEvent, type StepRow } from "./steps.server";
import { DAY_MS } from "~/utils/time";

/**
 * The client's side of an onboarding link: everything reached with a token and no account.
 * Looking a token up changes nothing (mail scanners open links); every change is a POST, runs in
 * one transaction that locks the link row, and re-checks that the link is still usable.
 */

export type Contact = { workspaceName: string; name: string | null; email: string | null };
export type DeadState = "invalid" | "expired" | "revoked" | "replaced";

export type LinkLookup =
  | { state: "invalid" }
  | { state: "expired" | "revoked" | "replaced"; contact: Contact; workspace: WorkspaceRow }
  | { state: "valid"; link: LinkRow; workspace: WorkspaceRow };

export type ForwardRow = typeof stepForwards.$inferSelect;
export type ForwardLookup =
  | { state: "invalid" }
  | { state: "expired" | "revoked"; contact: Contact; workspace: WorkspaceRow }
  | { state: "valid"; forward: ForwardRow; link: LinkRow; step: StepRow; workspace: WorkspaceRow };

/** Tokens are base64url of 32 bytes; anything else is not looked up at all. */
export function plausibleToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(token);
}

export async function contactFor(tx: Queryable, link: LinkRow, workspace: WorkspaceRow): Promise<Contact> {
  const who = link.accountManagerId ?? link.createdBy;
  const user = who ? await tx.query.users.findFirst({ where: eq(users.id, who), columns: { name: true, email: true } }) : null;
  return { workspaceName: workspace.name, name: user?.name ?? null, email: user?.email ?? null };
}

function deadState(link: LinkRow, now: Date): "expired" | "revoked" | "replaced" | null {
  if (link.replacedById) return "replaced";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

export async function findLinkByToken(token: string | undefined, now = new Date()): Promise<LinkLookup> {
  if (!plausibleToken(token)) return { state: "invalid" };
  const link = await db().query.onboardingLinks.findFirst({ where: eq(onboardingLinks.tokenHash, sha256(token)) });
  if (!link) return { state: "invalid" };
  const workspace = await db().query.workspaces.findFirst({ where: eq(workspaces.id, link.workspaceId) });
  if (!workspace) return { state: "invalid" };
  const dead = deadState(link, now);
  if (dead) return { state: dead, contact: await contactFor(db(), link, workspace), workspace };
  return { state: "valid", link, workspace };
}

export async function findForwardByToken(token: string | undefined, now = new Date()): Promise<ForwardLookup> {
  if (!plausibleToken(token)) return { state: "invalid" };
  const forward = await db().query.stepForwards.findFirst({ where: eq(stepForwards.tokenHash, sha256(token)) });
  if (!forward) return { state: "invalid" };
  const [link, step, workspace] = await Promise.all([
    db().query.onboardingLinks.findFirst({ where: eq(onboardingLinks.id, forward.linkId) }),
    db().query.accessSteps.findFirst({ where: eq(accessSteps.id, forward.stepId) }),
    db().query.workspaces.findFirst({ where: eq(workspaces.id, forward.workspaceId) }),
  ]);
  if (!link || !step || !workspace || step.linkId !== link.id) return { state: "invalid" };
  // A forwarded step lives as long as its own token and its link: revoking the link ends both.
  const linkDead = link.revokedAt && !link.replacedById ? "revoked" : null;
  if (forward.revokedAt || linkDead) return { state: "revoked", contact: await contactFor(db(), link, workspace), workspace };
  if (forward.expiresAt.getTime() <= now.getTime())
    return { state: "expired", contact: await contactFor(db(), link, workspace), workspace };
  return { state: "valid", forward, link, step, workspace };
}

/** Per IP and per token: a flood from one place cannot starve everyone else. */
export async function limitTokenRoute(request: Request, token: string | undefined) {
  const ip = requestMeta(request).ip ?? "unknown";
  const keys = [`onboard:ip:${ip}`];
  if (plausibleToken(token)) keys.push(`onboard:token:${sha256(token).slice(0, 24)}`);
  await enforceRateLimit(keys, LIMITS.onboarding);
}

// --- what the page shows -----------------------------------------------------------------------

export interface ClientStepView {
  id: string;
  platformKey: string;
  name: string;
  status: AccessStatus;
  role: string;
  required: boolean;
  grantMethod: string;
  agencyId: string | null;
  agencyIdLabel: string | null;
  instructions: string[];
  notes: string[];
  lastChecked: string;
  asset: { label: string; help: string; placeholder: string; value: string; draft: string | null };
  rejectionReason: string | null;
  notApplicableReason: string | null;
  confirmedAt: string | null;
  verifiedAt: string | null;
  forwardedTo: Array<{ name: string | null; email: string; at: string }>;
}

function agencyIdsOf(identities: StoredIdentities): AssetIdContext {
  return {
    agencyIds: {
      metaBusinessPortfolioId: identities.metaBusinessPortfolioId,
      googleAdsManagerId: identities.googleAdsManagerId,
      tiktokBusinessCenterId: identities.tiktokBusinessCenterId,
      linkedinCompanyId: identities.linkedinCompanyId,
    },
  };
}

export function stepView(step: StepRow, workspace: WorkspaceRow, answers: LinkAnswers, forwards: ForwardRow[]): ClientStepView | null {
  const entry = getPlatform(step.platformKey);
  if (!entry) return null;
  const identity = identityForPlatform(entry.key, workspace.accessIdentities as StoredIdentities);
  const agencyId = identity.ok ? identity.value : null;
  return {
    id: step.id,
    platformKey: entry.key,
    name: entry.name,
    status: isAccessStatus(step.status) ? step.status : "requested",
    role: step.role,
    required: step.required,
    grantMethod: entry.grantMethod,
    agencyId,
    agencyIdLabel: identity.ok ? identity.label : null,
    instructions: fillSteps(entry, { agencyId: agencyId ?? "(ask us for our ID)", role: step.role }),
    notes: [...entry.notes],
    lastChecked: entry.lastChecked,
    asset: {
      label: entry.assetId.label,
      help: entry.assetId.help,
      placeholder: entry.assetId.placeholder,
      value: step.assetId ?? "",
      draft: answers.drafts[step.id] ?? null,
    },
    rejectionReason: step.status === "rejected" ? step.rejectionReason : null,
    notApplicableReason: step.status === "not_applicable" ? step.notApplicableReason : null,
    confirmedAt: step.confirmedAt?.toISOString() ?? null,
    verifiedAt: step.verifiedAt?.toISOString() ?? null,
    forwardedTo: forwards
      .filter(
        (f, i, all) =>
          f.stepId === step.id && !f.revokedAt && all.findIndex((g) => g.stepId === f.stepId && g.email === f.email && !g.revokedAt) === i,
      )
      .map((f) => ({ name: f.name, email: f.email, at: f.createdAt.toISOString() })),
  };
}

export async function stepsOf(tx: Queryable, linkId: string) {
  return tx.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(asc(accessSteps.position), asc(accessSteps.createdAt));
}

/** Everything the client page shows, built from this link only: nothing of any other link. */
export async function clientPage(link: LinkRow, workspace: WorkspaceRow) {
  const [steps, forwards] = await Promise.all([
    stepsOf(db(), link.id),
    db().select().from(stepForwards).where(eq(stepForwards.linkId, link.id)),
  ]);
  const intake = readIntake(link.intake);
  const answers = readAnswers(link.answers);
  const progress = progressOf(link, steps);
  const views = steps.map((s) => stepView(s, workspace, answers, forwards)).filter((v): v is ClientStepView => v !== null);
  const intakeState = intakeSteps(intake, answers, link.agreementAt);
  return {
    link: {
      clientName: link.clientName,
      recipientName: intake.recipientName,
      message: intake.message,
      expiresAt: link.expiresAt.toISOString(),
      completedAt: link.completedAt?.toISOString() ?? null,
    },
    workspace: { name: workspace.name, logoUrl: workspace.logoUrl, accentColor: workspace.accentColor, welcomeText: workspace.welcomeText },
    progress,
    steps: views,
    intake: {
      brandKit: intake.brandKit ? { files: answers.brandKit.files, note: answers.brandKit.note, done: answers.brandKit.done } : null,
      contacts: intake.contacts ? answers.contacts : null,
      questionnaire: intake.questionnaire ? answers.questionnaire : null,
      agreement: intake.agreement
        ? { text: intake.agreementText, signedName: link.agreementName, signedAt: link.agreementAt?.toISOString() ?? null }
        : null,
    },
    /** The first thing left to do, so a returning client lands where they left off. */
    resumeAt: views.find((v) => isOpenForClient(v.status))?.id ?? intakeState.find((s) => !s.done)?.key ?? null,
  };
}

// --- changes -----------------------------------------------------------------------------------

export type ClientResult = { ok: true; notice?: string } | { ok: false; status: 400 | 404 | 409 | 410; field?: string; message: string };

const GONE: ClientResult = { ok: false, status: 410, message: "This link can no longer be used. Reload the page to see whom to contact." };

/** Locks the link row for the rest of the transaction and re-checks it is still usable. */
async function lockLink(tx: Queryable, linkId: string, now: Date): Promise<LinkRow | null> {
  const rows = await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)).for("update");
  const link = rows[0];
  if (!link || deadState(link, now)) return null;
  return link;
}

function clientActor(link: LinkRow, via?: ForwardRow): AuditActor {
  return via
    ? { userId: null, label: `${via.email} via forwarded step link` }
    : { userId: null, label: `${link.clientName} via onboarding link` };
}

/** First POST from the page (the page sends one as soon as it runs): records the first opening once. */
export async function markOpened(request: Request, linkId: string, now = new Date()): Promise<ClientResult> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .update(onboardingLinks)
      .set({ openedAt: now })
      .where(and(eq(onboardingLinks.id, linkId), isNull(onboardingLinks.openedAt)))
      .returning();
    const link = rows[0];
    if (!link) return { ok: true };
    await recordAudit(tx, {
      workspaceId: link.workspaceId,
      actor: clientActor(link),
      action: "onboarding.opened",
      objectType: "onboarding_link",
      objectId: link.id,
      meta: requestMeta(request),
    });
    await emitWebhook(tx, link.workspaceId, "onboarding.opened", {
      linkId: link.id,
      brandId: link.brandId,
      clientName: link.clientName,
      at: now.toISOString(),
    });
    return { ok: true };
  });
}

async function writeAnswers(tx: Queryable, link: LinkRow, answers: LinkAnswers) {
  await tx
    .update(onboardingLinks)
    .set({ answers: answers as unknown as Record<string, unknown> })
    .where(eq(onboardingLinks.id, link.id));
  link.answers = answers as unknown as Record<string, unknown>;
}

/**
 * After the client finished something: record progress (which restarts the 48-hour stall clock)
 * and, when nothing is left for the client, complete the link exactly once.
 */
async function afterProgress(tx: Queryable, link: LinkRow, request: Request, now: Date) {
  await tx.update(onboardingLinks).set({ lastProgressAt: now }).where(eq(onboardingLinks.id, link.id));
  await scheduleStallCheck(tx, link, now);
  const steps = await stepsOf(tx, link.id);
  const fresh = (await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, link.id)))[0];
  const progress = progressOf(fresh, steps);
  if (!progress.complete || fresh.completedAt) return;
  const claimed = await tx
    .update(onboardingLinks)
    .set({ completedAt: now })
    .where(and(eq(onboardingLinks.id, link.id), isNull(onboardingLinks.completedAt)))
    .returning();
  if (!claimed[0]) return;
  const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
  const toVerify = steps.filter((s) => s.status === "confirmed").length;
  await recordAudit(tx, {
    workspaceId: link.workspaceId,
    actor: clientActor(link),
    action: "onboarding.completed",
    objectType: "onboarding_link",
    objectId: link.id,
    data: { awaitingVerification: toVerify },
    meta: requestMeta(request),
  });
  await emitWebhook(tx, link.workspaceId, "onboarding.completed", {
    linkId: link.id,
    brandId: link.brandId,
    clientName: link.clientName,
    awaitingVerification: toVerify,
    at: now.toISOString(),
  });
  const url = `${agencyLinkPath(workspace.slug, link.id)}`;
  for (const userId of teamOf(link)) {
    await notify(tx, {
      workspaceId: link.workspaceId,
      userId,
      category: "onboarding",
      title: `${link.clientName} finished onboarding`,
      body: toVerify > 0 ? `${toVerify} ${toVerify === 1 ? "grant waits" : "grants wait"} for verification.` : "Every step is done.",
      url,
      email: {
        template: "onboarding-completed",
        props: {
          workspace: brandingOf(workspace),
          clientName: link.clientName,
          url: `${env().APP_URL}${url}`,
          completedAt: emailDateTime(now),
          timeToComplete: formatTimeTaken(now.getTime() - link.createdAt.getTime()),
          awaitingVerification: toVerify,
        },
      },
    });
  }
  await inviteApprover(tx, fresh, workspace, request);
}

/**
 * The approver the client named becomes a brand-lead invitation for the link's brand, once: the
 * same invitation row and email the members page makes, sent in the name of the link's creator.
 */
async function inviteApprover(tx: Queryable, link: LinkRow, workspace: WorkspaceRow, request: Request) {
  const intake = readIntake(link.intake);
  const answers = readAnswers(link.answers);
  const email = answers.contacts.approverEmail.trim().toLowerCase();
  if (!intake.contacts || !email || !link.brandId || answers.approverInvitationId) return;
  const member = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, link.workspaceId), eq(users.email, email)))
    .limit(1);
  if (member[0]) return;
  const pending = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, link.workspaceId),
        eq(invitations.email, email),
        eq(invitations.brandId, link.brandId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  let invitationId = pending[0]?.id ?? null;
  if (!invitationId) {
    const brand = await tx.query.brands.findFirst({ where: eq(brands.id, link.brandId), columns: { name: true } });
    const inviter = link.createdBy
      ? await tx.query.users.findFirst({ where: eq(users.id, link.createdBy), columns: { name: true } })
      : null;
    const token = randomToken();
    const expiresAt = new Date(Date.now() + 14 * DAY_MS);
    const [inv] = await tx
      .insert(invitations)
      .values({
        workspaceId: link.workspaceId,
        email,
        role: "brand_lead",
        brandId: link.brandId,
        tokenHash: sha256(token),
        invitedBy: link.createdBy,
        expiresAt,
      })
      .returning();
    invitationId = inv.id;
    await recordAudit(tx, {
      workspaceId: link.workspaceId,
      actor: { userId: null, label: `${link.clientName} via onboarding link` },
      action: "member.invited",
      objectType: "invitation",
      objectId: inv.id,
      data: { email, role: "brand_lead", scope: brand?.name ?? null, from: "onboarding approver" },
      meta: requestMeta(request),
    });
    await queueEmail(
      tx,
      {
        to: email,
        template: "invitation",
        props: {
          workspace: brandingOf(workspace),
          recipientName: answers.contacts.approverName || null,
          inviterName: inviter?.name ?? workspace.name,
          roleLabel: ROLE_LABELS.brand_lead,
          scopeLabel: brand?.name ?? null,
          url: `${env().APP_URL}/invite/${token}`,
          expiresAt: emailDate(expiresAt),
        },
      },
      { workspaceId: link.workspaceId },
    );
    await emitWebhook(tx, link.workspaceId, "member.invited", { invitationId: inv.id, role: "brand_lead" });
  }
  await writeAnswers(tx, link, { ...answers, approverInvitationId: invitationId });
}

async function stepOfLink(tx: Queryable, link: LinkRow, stepId: string): Promise<StepRow | null> {
  const rows = await tx
    .select()
    .from(accessSteps)
    .where(and(eq(accessSteps.id, stepId), eq(accessSteps.linkId, link.id)))
    .for("update");
  return rows[0] ?? null;
}

const NOT_THIS_LINK: ClientResult = { ok: false, status: 404, message: "That step is not part of this link." };

/**
 * Locks the link and the step a client acts on. A forwarded link (`onlyStepId`) reaches its one
 * step and no other; an unusable link is GONE, a step outside the link NOT_THIS_LINK.
 */
async function lockClientStep(
  tx: Queryable,
  linkId: string,
  stepId: string,
  onlyStepId: string | undefined,
  now: Date,
): Promise<{ link: LinkRow; step: StepRow } | { error: ClientResult }> {
  const link = await lockLink(tx, linkId, now);
  if (!link) return { error: GONE };
  if (onlyStepId && onlyStepId !== stepId) return { error: NOT_THIS_LINK };
  const step = await stepOfLink(tx, link, stepId);
  return step ? { link, step } : { error: NOT_THIS_LINK };
}

function assetContext(workspace: WorkspaceRow): AssetIdContext {
  return agencyIdsOf(workspace.accessIdentities as StoredIdentities);
}

/** Autosave of an asset ID field: a valid ID is kept on the step, anything else as a draft with the reason. */
export async function saveAssetDraft(
  request: Request,
  scope: { linkId: string; onlyStepId?: string },
  input: { stepId: string; assetId: string },
  now = new Date(),
): Promise<ClientResult & { value?: string }> {
  void request;
  return db().transaction(async (tx) => {
    const found = await lockClientStep(tx, scope.linkId, input.stepId, scope.onlyStepId, now);
    if ("error" in found) return found.error;
    const { link, step } = found;
    const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
    const answers = readAnswers(link.answers);
    const raw = input.assetId;
    const checked = raw.trim() === "" ? null : validateAssetId(step.platformKey as never, raw, assetContext(workspace));
    const drafts = { ...answers.drafts };
    if (checked && !checked.ok) drafts[step.id] = raw.slice(0, 500);
    else delete drafts[step.id];
    await writeAnswers(tx, link, { ...answers, drafts });
    // Only an open step takes a new ID silently; a confirmed one changes through "I've granted access".
    if (checked?.ok && isOpenForClient(step.status as AccessStatus) && step.assetId !== checked.value) {
      await tx
        .update(accessSteps)
        .set({ assetId: checked.value, updatedAt: now, rowVersion: sql`${accessSteps.rowVersion} + 1` })
        .where(eq(accessSteps.id, step.id));
    }
    if (checked && !checked.ok) return { ok: false, status: 400, field: "assetId", message: checked.message };
    return { ok: true, value: checked?.ok ? checked.value : "" };
  });
}

/** "I've granted access": the asset ID must validate; the state machine decides the rest. */
export async function confirmStep(
  request: Request,
  scope: { linkId: string; via?: ForwardRow },
  input: { stepId: string; assetId: string },
  now = new Date(),
): Promise<ClientResult> {
  return db().transaction(async (tx) => {
    const found = await lockClientStep(tx, scope.linkId, input.stepId, scope.via?.stepId, now);
    if ("error" in found) return found.error;
    const { link, step } = found;
    const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
    const checked = validateAssetId(step.platformKey as never, input.assetId, assetContext(workspace));
    const answers = readAnswers(link.answers);
    if (!checked.ok) {
      await writeAnswers(tx, link, { ...answers, drafts: { ...answers.drafts, [step.id]: input.assetId.slice(0, 500) } });
      return { ok: false, status: 400, field: "assetId", message: checked.message };
    }
    const result = await applyStepEvent(tx, {
      step,
      event: "confirm",
      actor: "client",
      auditActor: clientActor(link, scope.via),
      meta: requestMeta(request),
      assetId: checked.value,
      now,
    });
    if (!result.ok) return { ok: false, status: result.status, message: result.message };
    if (step.id in answers.drafts) {
      const drafts = { ...answers.drafts };
      delete drafts[step.id];
      await writeAnswers(tx, link, { ...answers, drafts });
    }
    // A repeated confirmation of the same asset is no progress: no stall check, no completion.
    if (result.changed) await afterProgress(tx, link, request, now);
    return { ok: true, notice: `${getPlatform(step.platformKey)?.name ?? "Access"}: thank you, we'll verify it shortly.` };
  });
}

export async function markNotApplicable(
  request: Request,
  scope: { linkId: string; via?: ForwardRow },
  input: { stepId: string; reason: string },
  now = new Date(),
): Promise<ClientResult> {
  return db().transaction(async (tx) => {
    const found = await lockClientStep(tx, scope.linkId, input.stepId, scope.via?.stepId, now);
    if ("error" in found) return found.error;
    const { link, step } = found;
    const result = await applyStepEvent(tx, {
      step,
      event: "mark_not_applicable",
      actor: "client",
      auditActor: clientActor(link, scope.via),
      meta: requestMeta(request),
      reason: input.reason,
      now,
    });
    if (!result.ok) return { ok: false, status: result.status, field: "reason", message: result.message };
    await afterProgress(tx, link, request, now);
    return { ok: true, notice: "Marked as not applicable." };
  });
}

export async function reopenStep(
  request: Request,
  scope: { linkId: string; via?: ForwardRow },
  input: { stepId: string },
  now = new Date(),
): Promise<ClientResult> {
  return db().transaction(async (tx) => {
    const found = await lockClientStep(tx, scope.linkId, input.stepId, scope.via?.stepId, now);
    if ("error" in found) return found.error;
    const { link, step } = found;
    const result = await applyStepEvent(tx, {
      step,
      event: "reopen",
      actor: "client",
      auditActor: clientActor(link, scope.via),
      meta: requestMeta(request),
      now,
    });
    if (!result.ok) return { ok: false, status: result.status, message: result.message };
    await tx.update(onboardingLinks).set({ completedAt: null }).where(eq(onboardingLinks.id, link.id));
    return { ok: true };
  });
}

const MAX_FORWARDS_PER_STEP = 5;

/** Gives one colleague a link to this step alone: its own token, expiry and reminders. */
export async function forwardStep(
  request: Request,
  linkId: string,
  input: { stepId: string; name: string; email: string; message: string },
  now = new Date(),
): Promise<ClientResult> {
  await enforceRateLimit([`onboard-forward:${linkId}`], LIMITS.emailSend);
  return db().transaction(async (tx) => {
    const found = await lockClientStep(tx, linkId, input.stepId, undefined, now);
    if ("error" in found) return found.error;
    const { link, step } = found;
    if (!isOpenForClient(step.status as AccessStatus))
      return { ok: false, status: 409, message: "This step is already done, so there is nothing to forward." };
    const existing = await tx
      .select({ id: stepForwards.id })
      .from(stepForwards)
      .where(and(eq(stepForwards.stepId, step.id), isNull(stepForwards.revokedAt)));
    if (existing.length >= MAX_FORWARDS_PER_STEP)
      return {
        ok: false,
        status: 400,
        field: "email",
        message: `This step was already forwarded ${MAX_FORWARDS_PER_STEP} times. Ask one of those colleagues, or do it yourself.`,
      };
    const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
    const token = randomToken();
    const [forward] = await tx
      .insert(stepForwards)
      .values({
        workspaceId: link.workspaceId,
        stepId: step.id,
        linkId: link.id,
        email: input.email,
        name: input.name || null,
        tokenHash: sha256(token),
        expiresAt: link.expiresAt,
        createdAt: now,
      })
      .returning();
    const answers = readAnswers(link.answers);
    const fromName = answers.contacts.contactName || readIntake(link.intake).recipientName || link.clientName;
    const platformName = getPlatform(step.platformKey)?.name ?? step.platformKey;
    const url = stepLinkUrl(token);
    await queueEmail(
      tx,
      {
        to: input.email,
        template: "onboarding-step-forwarded",
        props: {
          workspace: brandingOf(workspace),
          fromName,
          recipientName: input.name || null,
          platformName,
          clientName: link.clientName,
          message: input.message || null,
          url,
          expiresAt: emailDate(forward.expiresAt),
        },
      },
      { workspaceId: link.workspaceId },
    );
    await scheduleForwardJobs(tx, forward, url);
    await recordAudit(tx, {
      workspaceId: link.workspaceId,
      actor: clientActor(link),
      action: "onboarding.step_forwarded",
      objectType: "access_step",
      objectId: step.id,
      data: { linkId: link.id, platform: step.platformKey, to: input.email },
      meta: requestMeta(request),
    });
    return { ok: true, notice: `We sent ${input.email} a link to the ${platformName} step.` };
  });
}

type Section = "contacts" | "questionnaire" | "brandKit";

const BRAND_KIT_MISSING = "Upload a file first, or write where we can find your brand assets.";
type QuestionKey = QuestionnaireQuestion["key"];

/**
 * Saves an intake section as typed (`complete` false: nothing is required yet) or finishes it
 * (`complete` true: what the step demands must hold). Either way what is valid so far is kept
 * (intake-draft.ts); refused fields come back as field errors, as the page shows them.
 */
export async function saveIntake(
  request: Request,
  linkId: string,
  section: Section,
  raw: Record<string, unknown>,
  complete: boolean,
  now = new Date(),
): Promise<ClientResult & { errors?: Record<string, string[]>; saved?: boolean }> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, linkId, now);
    if (!link) return GONE;
    const intake = readIntake(link.intake);
    const answers = readAnswers(link.answers);
    const enabled = section === "contacts" ? intake.contacts : section === "questionnaire" ? intake.questionnaire : intake.brandKit;
    if (!enabled) return { ok: false, status: 404, message: "This link does not ask for that." };

    let result: IntakeSave<Record<string, string>>;
    let next: LinkAnswers;
    if (section === "contacts") {
      const { done, ...saved } = answers.contacts;
      const contacts = saveIntakeDraft({
        fields: intakeDraftFields.contacts,
        finish: finishWith(contactsSchema),
        saved,
        wasDone: done,
        raw,
        complete,
      });
      next = { ...answers, contacts: { ...contacts.values, done: contacts.done } };
      result = contacts;
    } else if (section === "questionnaire") {
      const { done, ...saved } = answers.questionnaire;
      const questionnaire = saveIntakeDraft({
        fields: intakeDraftFields.questionnaire,
        finish: finishWith(questionnaireSchema),
        saved: saved as Record<QuestionKey, string>,
        wasDone: done,
        raw,
        complete,
      });
      next = { ...answers, questionnaire: { ...questionnaire.values, done: questionnaire.done } };
      result = questionnaire;
    } else {
      const hasFiles = answers.brandKit.files.length > 0;
      const finishKit = (v: { brandKitNote: string }): FinishCheck<{ brandKitNote: string }> =>
        hasFiles || v.brandKitNote !== "" ? { ok: true, values: v } : { ok: false, errors: { brandKitNote: [BRAND_KIT_MISSING] } };
      const kit = saveIntakeDraft({
        fields: intakeDraftFields.brandKit,
        finish: finishKit,
        saved: { brandKitNote: answers.brandKit.note },
        wasDone: answers.brandKit.done,
        raw,
        complete,
      });
      next = { ...answers, brandKit: { ...answers.brandKit, note: kit.values.brandKitNote, done: kit.done } };
      result = kit;
    }
    // What is valid so far is written even when another field is refused; nothing changed, nothing written.
    const changed = JSON.stringify(next) !== JSON.stringify(answers);
    if (changed) await writeAnswers(tx, link, next);
    if (!result.ok) {
      const message =
        section === "brandKit" && result.errors.brandKitNote?.includes(BRAND_KIT_MISSING)
          ? "Upload at least one file, or tell us in the note where we can find your brand assets."
          : !changed
            ? "Please correct the highlighted fields."
            : complete
              ? "What you typed is saved. Fill in the highlighted fields to finish this step."
              : "Saved, except the highlighted fields: they keep their last saved value until they are fixed.";
      return { ok: false, status: 400, message, errors: result.errors, saved: changed };
    }
    if (complete) {
      await recordAudit(tx, {
        workspaceId: link.workspaceId,
        actor: clientActor(link),
        action: "onboarding.intake_completed",
        objectType: "onboarding_link",
        objectId: link.id,
        data: { section },
        meta: requestMeta(request),
      });
      await afterProgress(tx, link, request, now);
    }
    const label =
      section === "contacts" ? intakeLabels.contacts : section === "questionnaire" ? intakeLabels.questionnaire : intakeLabels.brand_kit;
    return { ok: true, notice: complete ? `${label}: saved. Thank you.` : undefined };
  });
}

/** Files the token-authorised upload route stored: attached to this link's brand kit. */
export async function attachBrandKitFiles(
  request: Request,
  linkId: string,
  files: BrandKitFile[],
  now = new Date(),
): Promise<ClientResult> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, linkId, now);
    if (!link) return GONE;
    if (!readIntake(link.intake).brandKit) return { ok: false, status: 404, message: "This link does not ask for a brand kit." };
    const answers = readAnswers(link.answers);
    await writeAnswers(tx, link, {
      ...answers,
      brandKit: { ...answers.brandKit, files: [...answers.brandKit.files, ...files].slice(0, 50) },
    });
    await recordAudit(tx, {
      workspaceId: link.workspaceId,
      actor: clientActor(link),
      action: "onboarding.files_uploaded",
      objectType: "onboarding_link",
      objectId: link.id,
      data: { files: files.map((f) => f.name) },
      meta: requestMeta(request),
    });
    return { ok: true };
  });
}

export async function removeBrandKitFile(request: Request, linkId: string, fileId: string, now = new Date()): Promise<ClientResult> {
  void request;
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, linkId, now);
    if (!link) return GONE;
    const answers = readAnswers(link.answers);
    if (!answers.brandKit.files.some((f) => f.id === fileId))
      return { ok: false, status: 404, message: "That file is not part of this brand kit." };
    const files = answers.brandKit.files.filter((f) => f.id !== fileId);
    await writeAnswers(tx, link, {
      ...answers,
      brandKit: { ...answers.brandKit, files, done: answers.brandKit.done && (files.length > 0 || answers.brandKit.note !== "") },
    });
    return { ok: true, notice: "File removed." };
  });
}

/** The file ids a token may read: only those attached to its own link's brand kit. */
export function brandKitFileIds(link: LinkRow): string[] {
  return readAnswers(link.answers).brandKit.files.map((f) => f.id);
}

export async function signAgreement(
  request: Request,
  linkId: string,
  input: { agreementName: string },
  now = new Date(),
): Promise<ClientResult> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, linkId, now);
    if (!link) return GONE;
    if (!readIntake(link.intake).agreement) return { ok: false, status: 404, message: "This link has no agreement to sign." };
    const ip = requestMeta(request).ip;
    const rows = await tx
      .update(onboardingLinks)
      .set({ agreementName: input.agreementName, agreementAt: now, agreementIp: ip })
      .where(and(eq(onboardingLinks.id, link.id), isNull(onboardingLinks.agreementAt)))
      .returning();
    if (!rows[0]) return { ok: false, status: 409, message: "The agreement was already signed." };
    await recordAudit(tx, {
      workspaceId: link.workspaceId,
      actor: clientActor(link),
      action: "onboarding.agreement_signed",
      objectType: "onboarding_link",
      objectId: link.id,
      data: { name: input.agreementName, text: readIntake(link.intake).agreementText },
      meta: requestMeta(request),
    });
    await afterProgress(tx, link, request, now);
    return { ok: true, notice: "Agreement signed. Thank you." };
  });
}

/** Used by the reminder jobs: which client steps are still open on a link. */
export async function openClientSteps(tx: Queryable, link: LinkRow): Promise<string[]> {
  const steps = await stepsOf(tx, link.id);
  const intake = readIntake(link.intake);
  const answers = readAnswers(link.answers);
  const platformOpen = steps
    .filter((s) => isOpenForClient(s.status as AccessStatus))
    .map((s) => getPlatform(s.platformKey)?.name ?? s.platformKey);
  const intakeOpen = intakeSteps(intake, answers, link.agreementAt)
    .filter((s) => !s.done)
    .map((s) => intakeLabels[s.key]);
  return [...platformOpen, ...intakeOpen];
}

export async function forwardsOfLinks(linkIds: string[]) {
  if (linkIds.length === 0) return [];
  return db().select().from(stepForwards).where(inArray(stepForwards.linkId, linkIds));
}

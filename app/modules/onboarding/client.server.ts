import { asc, eq, inArray } from "drizzle-orm";
import { accessSteps, onboardingLinks, stepForwards, users, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { sha256 } from "~/utils/crypto.server";
import type { Outcome } from "~/utils/outcome";
import { checkRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import type { VisitorContext } from "~/modules/workspaces/authz.server";
import type { AssetIdContext } from "./catalog";
import type { StoredIdentities } from "./identities";
import { pinnedVersionsFor } from "./custom-platforms.server";
import { resolveStepPlatform, stepPlatformName, type PinnedVersions } from "./step-platform";
import { isAccessStatus, type AccessStatus } from "./access-status";
import { intakeSteps, isOpenForClient, progressOf, readAnswers, readIntake, type LinkAnswers } from "./link-model";
import { accountableFor, type LinkRow, type WorkspaceRow } from "./shared.server";
import type { StepRow } from "./steps.server";
import { agreementTextIn } from "./localized";
import { tFor } from "~/modules/i18n/resources";
import { DEFAULT_LOCALE, asLocale, type Locale } from "~/modules/i18n/locales";

/**
 * The client's side of an onboarding link: everything reached with a token and no account.
 * Looking a token up changes nothing (mail scanners open links); every change is a POST, runs in
 * one transaction that locks the link row, and re-checks that the link is still usable
 * (client-steps.server.ts, client-intake.server.ts, client-progress.server.ts).
 */

export type Contact = { workspaceName: string; name: string | null; email: string | null };
export type DeadState = "invalid" | "expired" | "revoked" | "replaced";

export type LinkLookup =
  | { state: "invalid" }
  | { state: "expired" | "revoked" | "replaced"; contact: Contact; workspace: WorkspaceRow; locale: Locale }
  | { state: "valid"; link: LinkRow; workspace: WorkspaceRow };

export type ForwardRow = typeof stepForwards.$inferSelect;
export type ForwardLookup =
  | { state: "invalid" }
  | { state: "expired" | "revoked"; contact: Contact; workspace: WorkspaceRow; locale: Locale }
  | { state: "valid"; forward: ForwardRow; link: LinkRow; step: StepRow; workspace: WorkspaceRow };

/** Tokens are base64url of 32 bytes; anything else is not looked up at all. */
export function plausibleToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(token);
}

export async function contactFor(tx: Queryable, link: LinkRow, workspace: WorkspaceRow): Promise<Contact> {
  const who = accountableFor(link);
  const user = who ? await tx.query.users.findFirst({ where: eq(users.id, who), columns: { name: true, email: true } }) : null;
  return { workspaceName: workspace.name, name: user?.name ?? null, email: user?.email ?? null };
}

export function deadState(link: LinkRow, now: Date): "expired" | "revoked" | "replaced" | null {
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
  // A closed link still speaks the client's language (decision 060).
  if (dead) return { state: dead, contact: await contactFor(db(), link, workspace), workspace, locale: asLocale(link.locale) };
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
  const locale = asLocale(link.locale);
  if (forward.revokedAt || linkDead) return { state: "revoked", contact: await contactFor(db(), link, workspace), workspace, locale };
  if (forward.expiresAt.getTime() <= now.getTime())
    return { state: "expired", contact: await contactFor(db(), link, workspace), workspace, locale };
  return { state: "valid", forward, link, step, workspace };
}

/** Per IP and per token: a flood from one place cannot starve everyone else. */
export async function limitTokenRoute(ctx: VisitorContext, token: string | undefined): Promise<Outcome> {
  const ip = ctx.actor.ip ?? "unknown";
  const keys = [`onboard:ip:${ip}`];
  if (plausibleToken(token)) keys.push(`onboard:token:${sha256(token).slice(0, 24)}`);
  return checkRateLimit(keys, LIMITS.onboarding);
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
  lastChecked: string | null;
  /** Set when the steps are not in the link's language (custom platforms, decision 061). */
  languageNotice: string | null;
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

export function stepView(
  step: StepRow,
  workspace: WorkspaceRow,
  answers: LinkAnswers,
  forwards: ForwardRow[],
  pinned: PinnedVersions = new Map(),
  locale: Locale = DEFAULT_LOCALE,
): ClientStepView | null {
  // One resolver (decision 061) for built-in and custom platforms, in the link's language (decision 060).
  const entry = resolveStepPlatform(step, pinned, locale);
  if (!entry) return null;
  const t = tFor(locale, "client");
  const identity = entry.identity(workspace.accessIdentities as StoredIdentities);
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
    // The label in the link's language for a catalog identity; a custom platform's own words otherwise.
    agencyIdLabel: identity.ok ? (identity.field ? t(`identity.${identity.field}`) : identity.label) : null,
    // The role in the quotation marks of the language the steps are written in.
    instructions: entry.instructions({
      agencyId: agencyId ?? t("step.askForId"),
      role: tFor(asLocale(entry.stepsLocale), "client")("quote", { text: step.role }),
    }),
    notes: [...entry.notes],
    lastChecked: entry.lastChecked,
    languageNotice: entry.languageNotice,
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

/** A forwarded step's view: the version it was sent with, in its link's language. */
export async function forwardedStepView(found: { step: StepRow; link: LinkRow; workspace: WorkspaceRow }): Promise<ClientStepView | null> {
  const pinned = await pinnedVersionsFor(db(), [found.step]);
  return stepView(found.step, found.workspace, readAnswers(found.link.answers), [], pinned, asLocale(found.link.locale));
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
  const pinned = await pinnedVersionsFor(db(), steps);
  const intake = readIntake(link.intake);
  const answers = readAnswers(link.answers);
  const progress = progressOf(link, steps);
  const locale = asLocale(link.locale);
  const views = steps.map((s) => stepView(s, workspace, answers, forwards, pinned, locale)).filter((v): v is ClientStepView => v !== null);
  const intakeState = intakeSteps(intake, answers, link.agreementAt);
  return {
    locale,
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
        ? {
            text: agreementTextIn(intake.agreementText, locale),
            signedName: link.agreementName,
            signedAt: link.agreementAt?.toISOString() ?? null,
          }
        : null,
    },
    /** The first thing left to do, so a returning client lands where they left off. */
    resumeAt: views.find((v) => isOpenForClient(v.status))?.id ?? intakeState.find((s) => !s.done)?.key ?? null,
  };
}

/** The agency's own IDs a client's asset ID is checked against (e.g. not the agency's own portfolio). */
export function assetContext(workspace: WorkspaceRow): AssetIdContext {
  return agencyIdsOf(workspace.accessIdentities as StoredIdentities);
}

/** The file ids a token may read: only those attached to its own link's brand kit. */
export function brandKitFileIds(link: LinkRow): string[] {
  return readAnswers(link.answers).brandKit.files.map((f) => f.id);
}

/** Used by the reminder jobs: which client steps are still open on a link, named in `locale` (the link's, for the client's email). */
export async function openClientSteps(tx: Queryable, link: LinkRow, locale: Locale = DEFAULT_LOCALE): Promise<string[]> {
  const steps = await stepsOf(tx, link.id);
  const intake = readIntake(link.intake);
  const answers = readAnswers(link.answers);
  const pinned = await pinnedVersionsFor(tx, steps);
  const platformOpen = steps.filter((s) => isOpenForClient(s.status as AccessStatus)).map((s) => stepPlatformName(s, pinned, locale));
  const t = tFor(locale, "client");
  const intakeOpen = intakeSteps(intake, answers, link.agreementAt)
    .filter((s) => !s.done)
    .map((s) => t(`intake.${INTAKE_KEY[s.key]}.title`));
  return [...platformOpen, ...intakeOpen];
}

/** An intake step's key on the link → its section in client:intake (the names the client's page shows). */
const INTAKE_KEY = { brand_kit: "brandKit", contacts: "contacts", questionnaire: "questionnaire", agreement: "agreement" } as const;

export async function forwardsOfLinks(linkIds: string[]) {
  if (linkIds.length === 0) return [];
  return db().select().from(stepForwards).where(inArray(stepForwards.linkId, linkIds));
}

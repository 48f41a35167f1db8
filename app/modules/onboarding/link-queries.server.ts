import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { accessSteps, auditEvents, brands, files, memberships, onboardingLinks, stepForwards, users } from "@db/schema";
import { db } from "~/utils/db.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { fileScope, inWorkspace, linkScope, ownAgencyId } from "~/modules/workspaces/scope.server";
import { roleCan } from "~/modules/workspaces/permissions";
import { getPlatform } from "./catalog";
import { pinnedVersionsFor } from "./custom-platforms.server";
import { resolveStepPlatform, stepPlatformName, type PinnedVersions } from "./step-platform";
import { AGENCY_HELD_STATUSES, CLIENT_HELD_STATUSES, isAccessStatus } from "./access-status";
import { linkState, progressOf, readAnswers, readIntake } from "./link-model";
import { linkTimeToVerified, median, stepTimeToVerified } from "./progress";
import { FIX_LINK_SENT, type LinkRow } from "./shared.server";
import type { StepRow } from "./steps.server";

/** What the agency reads about onboarding links: lists, one link's page, pickers, the "waiting on you" steps. */

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
    .where(inWorkspace(ctx, memberships.workspaceId))
    .orderBy(asc(users.name));
  return rows.filter(
    (r) =>
      roleCan(r.role, "onboarding.manage") && (ownAgencyId(ctx) === null || r.role !== "agency_member" || r.agencyId === ownAgencyId(ctx)),
  );
}

export async function brandOptions(ctx: MemberContext) {
  return db()
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(inWorkspace(ctx, brands.workspaceId))
    .orderBy(asc(brands.name));
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
  accountManagerId: string | null;
  accountManagerName: string | null;
}

/** Every link the member may see, newest first, with progress and time-to-verified; plus medians. */
export async function listLinks(ctx: MemberContext, now = new Date()) {
  const links = await db()
    .select({ link: onboardingLinks, brandName: brands.name, accountManagerName: users.name })
    .from(onboardingLinks)
    .leftJoin(brands, eq(brands.id, onboardingLinks.brandId))
    .leftJoin(users, eq(users.id, onboardingLinks.accountManagerId))
    .where(and(linkScope(ctx), isNull(onboardingLinks.replacedById)))
    .orderBy(desc(onboardingLinks.createdAt))
    .limit(500);
  const ids = links.map((l) => l.link.id);
  const steps = ids.length ? await db().select().from(accessSteps).where(inArray(accessSteps.linkId, ids)) : [];
  const byLink = new Map<string, StepRow[]>();
  for (const s of steps) byLink.set(s.linkId, [...(byLink.get(s.linkId) ?? []), s]);

  const summaries: LinkSummary[] = links.map(({ link, brandName, accountManagerName }) => {
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
      accountManagerId: link.accountManagerId,
      accountManagerName,
      timeToVerifiedMs: linkTimeToVerified({
        createdAt: link.createdAt,
        platformSteps: own.map((s) => ({ status: isAccessStatus(s.status) ? s.status : "requested", verifiedAt: s.verifiedAt })),
      }),
    };
  });
  // Each platform by the name its steps were sent with: a custom one by its pinned version (decision 061), not its key.
  const pinned = await pinnedVersionsFor(db(), steps);
  const names = new Map(steps.map((s) => [s.platformKey, stepPlatformName(s, pinned)]));
  return { links: summaries, metrics: metricsOf(summaries, steps, (key) => names.get(key) ?? key) };
}

/** Time-to-verified-access: the median across links, and per platform across every verified step. */
export function metricsOf(
  summaries: Array<Pick<LinkSummary, "timeToVerifiedMs">>,
  steps: StepRow[],
  nameOf: (platformKey: string) => string = (key) => getPlatform(key)?.name ?? key,
) {
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
        name: nameOf(key),
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
        .where(and(fileScope(ctx), inArray(files.id, kitIds)))
    : [];
  const present = new Set(kitFiles.map((f) => f.id));
  const fixLinkIds = await fixLinksAmong(
    ctx,
    forwards.map((f) => f.id),
  );
  const pinned = await pinnedVersionsFor(db(), steps);
  return {
    link,
    brand: brand ?? null,
    intake,
    answers: { ...answers, brandKit: { ...answers.brandKit, files: answers.brandKit.files.filter((f) => present.has(f.id)) } },
    steps: steps.map((s) => ({
      ...s,
      platform: platformLabel(s, pinned),
      verifiedByName: nameOf(s.verifiedBy),
      timeToVerifiedMs: s.status === "verified" ? stepTimeToVerified(s) : null,
    })),
    // Forwards the client made, and the fix links the agency's rejections sent (same table, not the client's doing).
    forwards: forwards.filter((f) => !fixLinkIds.has(f.id)),
    fixLinks: forwards.filter((f) => fixLinkIds.has(f.id)),
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

/** A step's platform as the agency reads it: a custom one with the version the link was sent with. */
function platformLabel(step: StepRow, pinned: PinnedVersions): string {
  const platform = resolveStepPlatform(step, pinned);
  if (!platform) return step.platformKey;
  return platform.custom ? `${platform.name} (custom, version ${platform.version})` : platform.name;
}

/** Which of these step-forward rows are fix links: each has its FIX_LINK_SENT audit event. */
async function fixLinksAmong(ctx: MemberContext, forwardIds: string[]): Promise<Set<string>> {
  if (forwardIds.length === 0) return new Set();
  const rows = await db()
    .select({ id: auditEvents.objectId })
    .from(auditEvents)
    .where(
      and(
        inWorkspace(ctx, auditEvents.workspaceId),
        eq(auditEvents.action, FIX_LINK_SENT),
        eq(auditEvents.objectType, "step_forward"),
        inArray(auditEvents.objectId, forwardIds),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Steps of live links waiting on someone (`accessStepHolder`), the agency's or the client's, oldest first. */
async function heldSteps(ctx: MemberContext, statuses: readonly string[]) {
  const rows = await db()
    .select({
      linkId: onboardingLinks.id,
      clientName: onboardingLinks.clientName,
      platformKey: accessSteps.platformKey,
      customPlatformVersionId: accessSteps.customPlatformVersionId,
      status: accessSteps.status,
      confirmedAt: accessSteps.confirmedAt,
      stepCreatedAt: accessSteps.createdAt,
      lastProgressAt: onboardingLinks.lastProgressAt,
      linkCreatedAt: onboardingLinks.createdAt,
      accountManagerId: onboardingLinks.accountManagerId,
      createdBy: onboardingLinks.createdBy,
    })
    .from(accessSteps)
    .innerJoin(onboardingLinks, eq(onboardingLinks.id, accessSteps.linkId))
    .where(
      and(
        linkScope(ctx),
        inArray(accessSteps.status, [...statuses]),
        isNull(onboardingLinks.replacedById),
        isNull(onboardingLinks.revokedAt),
      ),
    )
    .orderBy(asc(accessSteps.confirmedAt), asc(accessSteps.createdAt))
    .limit(200);
  const pinned = await pinnedVersionsFor(db(), rows);
  return rows.map((r) => ({ ...r, platformName: stepPlatformName(r, pinned) }));
}

/** Steps confirmed by clients that wait for this member to verify: the home page's "waiting on you". */
export const stepsAwaitingVerification = (ctx: MemberContext) => heldSteps(ctx, AGENCY_HELD_STATUSES);

/** Steps the client has not granted yet (asked, or rejected and asked again): insights' "stuck now". */
export const stepsAwaitingClient = (ctx: MemberContext) => heldSteps(ctx, CLIENT_HELD_STATUSES);

import vm from "node:vm";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { customPlatforms, customPlatformVersions } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { createOnce } from "~/utils/idempotency.server";
import { conflict, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { customKeyFor, definitionOf, readDefinition, type CustomDefinition, type DefinitionForm } from "./custom-platforms";
import type { PinnedVersions, StepRef } from "./step-platform";
import { agencyT } from "~/modules/i18n/agency";

/**
 * The workspace's custom platforms (decision 061): each save writes a new immutable version and
 * moves `current_version`; links pin the version they were sent with (links.server.ts).
 */

export type CustomPlatformRow = typeof customPlatforms.$inferSelect;

// --- the runtime guard on patterns -------------------------------------------------------------

const ADVERSARIAL_LENGTH = 5_000;
const TIME_BUDGET_MS = 200;

/** Values built to make a backtracking pattern work hardest: long runs of what it accepts, then a miss. */
function adversarialInputs(pattern: string, example: string): string[] {
  const chars = new Set([...example, ..."a0 -._/@", ...pattern.replace(/\\./g, "")].filter((c) => !"()[]{}|*+?^$".includes(c)));
  const runs = [...chars].map((c) => c.repeat(ADVERSARIAL_LENGTH));
  const repeatedExample = example.repeat(Math.ceil(ADVERSARIAL_LENGTH / Math.max(1, example.length))).slice(0, ADVERSARIAL_LENGTH);
  return [...runs, repeatedExample].flatMap((s) => [`${s}\u0000`, `${s}!`]);
}

/**
 * Runs the anchored pattern on adversarial 5,000-character values in a V8 context that is stopped
 * after TIME_BUDGET_MS (a plain RegExp cannot be interrupted): what the pattern heuristic missed
 * is refused here, before any client's value meets it.
 */
export function patternTooSlow(pattern: string, example: string): string | null {
  const context = vm.createContext({ pattern, inputs: adversarialInputs(pattern, example) });
  try {
    vm.runInContext("const re = new RegExp('^(?:' + pattern + ')$', 'u'); for (const s of inputs) re.test(s);", context, {
      timeout: TIME_BUDGET_MS,
    });
    return null;
  } catch {
    return agencyT("errors.patternTooSlow");
  }
}

// --- reads -------------------------------------------------------------------------------------

export async function listCustomPlatforms(ctx: MemberContext) {
  const rows = await db()
    .select()
    .from(customPlatforms)
    .where(inWorkspace(ctx, customPlatforms.workspaceId))
    .orderBy(asc(customPlatforms.archivedAt), asc(customPlatforms.name));
  return rows;
}

export async function getCustomPlatform(ctx: MemberContext, id: string) {
  const platform = await db().query.customPlatforms.findFirst({
    where: and(eq(customPlatforms.id, id), inWorkspace(ctx, customPlatforms.workspaceId)),
  });
  if (!platform) return null;
  const version = await db().query.customPlatformVersions.findFirst({
    where: and(eq(customPlatformVersions.platformId, id), eq(customPlatformVersions.version, platform.currentVersion)),
  });
  const definition = readDefinition(version?.definition);
  return definition ? { platform, definition } : null;
}

/** The platforms a new link can ask for: not archived, each with its current version. */
export async function activeCustomPlatforms(ctx: Pick<MemberContext, "workspace">, tx: Queryable = db()) {
  const rows = await tx
    .select({ platform: customPlatforms, version: customPlatformVersions })
    .from(customPlatforms)
    .innerJoin(
      customPlatformVersions,
      and(eq(customPlatformVersions.platformId, customPlatforms.id), eq(customPlatformVersions.version, customPlatforms.currentVersion)),
    )
    .where(and(inWorkspace(ctx, customPlatforms.workspaceId), isNull(customPlatforms.archivedAt)))
    .orderBy(asc(customPlatforms.name));
  return rows.flatMap(({ platform, version }) => {
    const definition = readDefinition(version.definition);
    return definition ? [{ key: platform.key, versionId: version.id, version: version.version, definition }] : [];
  });
}
export type ActiveCustomPlatform = Awaited<ReturnType<typeof activeCustomPlatforms>>[number];

/** The definitions `steps` were sent with, for resolveStepPlatform. */
export async function pinnedVersionsFor(tx: Queryable, steps: readonly StepRef[]): Promise<PinnedVersions> {
  const ids = [...new Set(steps.map((s) => s.customPlatformVersionId).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(customPlatformVersions).where(inArray(customPlatformVersions.id, ids));
  return new Map(
    rows.flatMap((r) => {
      const definition = readDefinition(r.definition);
      return definition ? [[r.id, { version: r.version, definition }] as const] : [];
    }),
  );
}

// --- changes -----------------------------------------------------------------------------------

function checkPattern(form: DefinitionForm): Outcome {
  const slow = patternTooSlow(form.idPattern, form.idExample);
  return slow ? invalid(slow, { idPattern: [slow] }) : ok();
}

export async function createCustomPlatform(
  ctx: MemberContext,
  input: { idempotencyKey: string; form: DefinitionForm },
): Promise<Outcome<{ id: string }>> {
  const checked = checkPattern(input.form);
  if (!checked.ok) return checked;
  const definition = definitionOf(input.form);
  return db().transaction(async (tx) => {
    const once = await createOnce(
      tx,
      { scope: ctx.workspace.id, key: input.idempotencyKey, kind: "custom_platform" },
      async () => {
        const taken = await tx
          .select({ key: customPlatforms.key })
          .from(customPlatforms)
          .where(eq(customPlatforms.workspaceId, ctx.workspace.id));
        const key = customKeyFor(definition.name, new Set(taken.map((t) => t.key)));
        const [platform] = await tx
          .insert(customPlatforms)
          .values({ workspaceId: ctx.workspace.id, key, name: definition.name, currentVersion: 1, createdBy: ctx.user.id })
          .returning();
        await insertVersion(tx, ctx, platform, 1, definition);
        await audit(tx, ctx, {
          action: "custom_platform.created",
          objectType: "custom_platform",
          objectId: platform.id,
          data: { key, name: definition.name, version: 1 },
        });
        return platform.id;
      },
      (id) => id,
    );
    return ok({ id: once.first ? once.value : once.recordId });
  });
}

async function insertVersion(
  tx: Queryable,
  ctx: MemberContext,
  platform: CustomPlatformRow,
  version: number,
  definition: CustomDefinition,
) {
  await tx.insert(customPlatformVersions).values({
    workspaceId: ctx.workspace.id,
    platformId: platform.id,
    version,
    definition: definition as unknown as Record<string, unknown>,
    createdBy: ctx.user.id,
  });
}

/** A save is a new version; `seenVersion` is the one the form was opened on (another admin may have saved since). */
export async function updateCustomPlatform(
  ctx: MemberContext,
  input: { id: string; seenVersion: number; form: DefinitionForm },
): Promise<Outcome<{ version: number }>> {
  const checked = checkPattern(input.form);
  if (!checked.ok) return checked;
  const definition = definitionOf(input.form);
  return db().transaction(async (tx) => {
    const [platform] = await tx
      .select()
      .from(customPlatforms)
      .where(and(eq(customPlatforms.id, input.id), inWorkspace(ctx, customPlatforms.workspaceId)))
      .for("update");
    if (!platform) return notFound(agencyT("errors.platformNotFound"));
    if (platform.currentVersion !== input.seenVersion) {
      return conflict(agencyT("errors.platformSavedMeanwhile", { version: platform.currentVersion }));
    }
    const version = platform.currentVersion + 1;
    await insertVersion(tx, ctx, platform, version, definition);
    await tx.update(customPlatforms).set({ currentVersion: version, name: definition.name }).where(eq(customPlatforms.id, platform.id));
    await audit(tx, ctx, {
      action: "custom_platform.changed",
      objectType: "custom_platform",
      objectId: platform.id,
      data: { key: platform.key, name: definition.name, version },
    });
    return ok({ version });
  });
}

/** Archived platforms leave the new-link form; links already sent keep their pinned version. */
export async function setCustomPlatformArchived(ctx: MemberContext, input: { id: string; archived: boolean }, now = new Date()) {
  return db().transaction(async (tx): Promise<Outcome<null>> => {
    const [platform] = await tx
      .update(customPlatforms)
      .set({ archivedAt: input.archived ? now : null })
      .where(and(eq(customPlatforms.id, input.id), inWorkspace(ctx, customPlatforms.workspaceId)))
      .returning();
    if (!platform) return notFound(agencyT("errors.platformNotFound"));
    await audit(tx, ctx, {
      action: input.archived ? "custom_platform.archived" : "custom_platform.restored",
      objectType: "custom_platform",
      objectId: platform.id,
      data: { key: platform.key },
    });
    return ok(null);
  });
}

/** Every version of a platform, newest first (the edit page lists them). */
export async function versionsOf(ctx: MemberContext, platformId: string) {
  return db()
    .select({ version: customPlatformVersions.version, createdAt: customPlatformVersions.createdAt })
    .from(customPlatformVersions)
    .where(and(eq(customPlatformVersions.platformId, platformId), inWorkspace(ctx, customPlatformVersions.workspaceId)))
    .orderBy(desc(customPlatformVersions.version));
}

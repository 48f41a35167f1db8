import { and, eq } from "drizzle-orm";
import { briefs, type campaigns } from "@db/schema";
import { db, type Queryable, type Transaction } from "~/utils/db.server";
import { DomainError, invalid, ok, type Outcome, fieldMessagesOf } from "~/utils/outcome";
import { briefPrefillForBrand } from "~/modules/onboarding/prefill.server";
import type { BriefPrefill } from "~/modules/onboarding/questionnaire";
import type { MemberContext, ScopedContext } from "~/modules/workspaces/authz.server";
import { inWorkspace } from "~/modules/workspaces/scope.server";
import { briefSchema, nestFormEntries, type FormEntries } from "./brief-schema";
import { briefCompleteness } from "./completeness";
import { readPath, type BriefDraft } from "./core-sections";
import { publishRulesOf } from "./publish-rules";
import { templateFields, type BriefTemplate } from "./template";
import { currentTemplate } from "./templates.server";

/** The working brief: created with its campaign (prefilled from onboarding), then autosaved as it is written. */

type Campaign = typeof campaigns.$inferSelect;
type Brief = typeof briefs.$inferSelect;

/**
 * The brand's questionnaire answers from onboarding, as brief fields (brand story, audience).
 * Empty when the client has not answered yet. Read before a write transaction opens: PGlite
 * serves one connection, so a read outside an open transaction would wait on it.
 */
export function questionnairePrefill(workspaceId: string, brandId: string): Promise<BriefPrefill> {
  return briefPrefillForBrand(workspaceId, brandId);
}

/** Prefill only fills what the brief leaves empty: it never overwrites what someone wrote. */
export function mergePrefill(draft: BriefDraft, prefill: BriefPrefill): BriefDraft {
  const out: BriefDraft = { ...draft };
  if (prefill.brandStory && !draft.brandStory?.trim()) out.brandStory = prefill.brandStory;
  if (prefill.audience && !draft.audience?.trim()) out.audience = prefill.audience;
  return out;
}

export async function createBriefFor(tx: Transaction, campaign: Pick<Campaign, "id" | "workspaceId" | "brandId">, prefill: BriefPrefill) {
  const template = await currentTemplate(campaign.workspaceId, tx);
  const [row] = await tx
    .insert(briefs)
    .values({
      workspaceId: campaign.workspaceId,
      campaignId: campaign.id,
      templateVersion: template.version,
      draft: mergePrefill({}, prefill),
    })
    .returning();
  return row;
}

/** The campaign's working brief, locked for this transaction's write; a campaign without one is not found. */
export async function lockBrief(tx: Transaction, ctx: ScopedContext, campaignId: string): Promise<Brief> {
  const [brief] = await tx
    .select()
    .from(briefs)
    .where(and(eq(briefs.campaignId, campaignId), inWorkspace(ctx, briefs.workspaceId)))
    .for("update")
    .limit(1);
  if (!brief) throw new DomainError({ kind: "not_found", message: "This campaign has no brief." });
  return brief;
}

/** The campaign's working brief, created on first use (campaigns always have one). */
export async function ensureBrief(campaign: Campaign, q: Queryable = db()): Promise<Brief> {
  const [row] = await q.select().from(briefs).where(eq(briefs.campaignId, campaign.id)).limit(1);
  if (row) return row;
  await db().transaction(async (tx) => {
    await tx
      .insert(briefs)
      .values({
        workspaceId: campaign.workspaceId,
        campaignId: campaign.id,
        templateVersion: (await currentTemplate(campaign.workspaceId, tx)).version,
        draft: {},
      })
      .onConflictDoNothing();
  });
  const [created] = await db().select().from(briefs).where(eq(briefs.campaignId, campaign.id)).limit(1);
  return created;
}

/* ------------------------------------------------------------------ autosave */

/** The form's text entries; a file posted where text belongs is a field error, not silently dropped. */
export function briefFormEntries(form: FormData): { entries: FormEntries; fileErrors: Record<string, string[]> } {
  const entries: FormEntries = {};
  const fileErrors: Record<string, string[]> = {};
  for (const [name, value] of form) {
    if (name === "intent") continue;
    if (typeof value !== "string") {
      fileErrors[name] = ["Type the text here; files can't be attached to this field."];
      continue;
    }
    const prior = entries[name];
    entries[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return { entries, fileErrors };
}

function fieldKeyOf(template: BriefTemplate, path: string): string | null {
  const normal = path.replace(/\[(\d+)\]/g, ".$1");
  const keys = templateFields(template).map((f) => f.key);
  return keys.find((k) => normal === k || normal.startsWith(`${k}.`)) ?? null;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node =
      typeof next === "object" && next !== null && !Array.isArray(next)
        ? (next as Record<string, unknown>)
        : ((node[part] = {}) as Record<string, unknown>);
  }
  node[parts[parts.length - 1]] = value;
}

export interface SaveDraftResult {
  saved: boolean;
  savedAt: string | null;
  /** Field messages for values that were not saved (the rest of the brief was). */
  errors: Record<string, string[]>;
  completeness: ReturnType<typeof briefCompleteness>;
}

/** The `code` of the refusal of a save that names no field of the brief: an empty post must never wipe a brief. */
const EMPTY_SAVE = "empty_save";

/**
 * Saves what the editor posted over the stored draft: fields the post does not name keep their
 * value (the editor always posts every field; a partial post never wipes the rest). A value that
 * does not validate (a half-typed date, a web address without https://) keeps its last saved
 * value and comes back as a field message, while every other field is saved: one typo never
 * holds the rest of the brief hostage. A post that names no field of the brief is refused (`EMPTY_SAVE`).
 */
export async function saveBriefDraft(
  ctx: MemberContext,
  campaign: Campaign,
  entries: FormEntries,
  fileErrors: Record<string, string[]> = {},
): Promise<Outcome<SaveDraftResult>> {
  const template = await currentTemplate(ctx.workspace.id);
  const posted = new Set(
    [...Object.keys(entries), ...Object.keys(fileErrors)].map((p) => fieldKeyOf(template, p)).filter((k): k is string => k !== null),
  );
  if (posted.size === 0) return invalid("Nothing to save: the form had no field of the brief.", undefined, { code: EMPTY_SAVE });
  const saved = await db().transaction(async (tx): Promise<SaveDraftResult> => {
    const brief = await lockBrief(tx, ctx, campaign.id);
    const stored = brief.draft as BriefDraft;
    const schema = briefSchema(template);
    const nested = nestFormEntries(entries);
    for (const { key } of templateFields(template)) if (!posted.has(key)) setPath(nested, key, readPath(stored, key));
    const errors: Record<string, string[]> = { ...fileErrors };
    let parsed = schema.safeParse(nested);
    if (!parsed.success) Object.assign(errors, fieldMessagesOf(parsed.error.issues));
    const bad = new Set(
      Object.keys(errors)
        .map((p) => fieldKeyOf(template, p))
        .filter((k): k is string => k !== null),
    );
    if (bad.size > 0) {
      for (const key of bad) setPath(nested, key, readPath(stored, key));
      parsed = schema.safeParse(nested);
    }
    const rules = publishRulesOf(ctx.workspace);
    const unchanged = () => ({
      saved: false,
      savedAt: brief.draftUpdatedAt?.toISOString() ?? null,
      errors,
      completeness: briefCompleteness(template, stored, rules),
    });
    // Everything posted was refused, or what is left still does not parse: nothing is written.
    if (!parsed.success || [...posted].every((k) => bad.has(k))) return unchanged();
    const draft = parsed.data as Record<string, unknown>;
    const now = new Date();
    await tx.update(briefs).set({ draft, draftUpdatedAt: now, templateVersion: template.version }).where(eq(briefs.id, brief.id));
    return { saved: true, savedAt: now.toISOString(), errors, completeness: briefCompleteness(template, draft as BriefDraft, rules) };
  });
  return ok(saved);
}

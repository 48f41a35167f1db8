import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  agencies,
  brands,
  briefAcknowledgments,
  briefComments,
  briefVersions,
  briefs,
  campaignAgencies,
  campaignCreators,
  campaigns,
  creators,
  memberships,
  users,
} from "@db/schema";
import { db, type Queryable, type Transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requestMeta } from "~/utils/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { notify } from "~/modules/notifications/notify.server";
import { briefPrefillForBrand } from "~/modules/onboarding/prefill.server";
import type { BriefPrefill } from "~/modules/onboarding/questionnaire";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { actorOf, type MemberContext } from "~/modules/workspaces/authz.server";
import { briefSchema, nestFormEntries, type FormEntries } from "./brief-schema";
import { diffBriefs, type FieldChange } from "./brief-diff";
import { nextCampaignStatus, type CampaignStatus } from "./campaign-status";
import { briefCompleteness, missingFieldsMessage } from "./completeness";
import { CORE_SECTIONS, readPath, type BriefDraft } from "./core-sections";
import { DomainError, issuesByPath } from "./errors";
import { DomainError as BaseDomainError } from "~/utils/outcome";
import { problemsByField, publishProblems, publishProblemsMessage, publishRulesOf } from "./publish-rules";
import { templateFields, type BriefTemplate } from "./template";
import { currentTemplate, isUniqueViolation, templateVersion } from "./templates.server";
import { HOUR_MS } from "~/utils/time";

type Campaign = typeof campaigns.$inferSelect;
type Brief = typeof briefs.$inferSelect;

export const ACK_REMINDER_HOURS = 48;

/** @deprecated Throw `DomainError` from `~/utils/outcome` (decision 051). A refused change: 400 rule broken, 404, 409 someone was faster. */
export class BriefActionError extends BaseDomainError {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    /** Messages to show next to fields, keyed by form field name ("timeline.draftDue"). */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super({ kind: ({ 400: "invalid", 404: "not_found", 409: "conflict" } as const)[status], message, fields: fieldErrors });
  }
}

/* ------------------------------------------------------------------ prefill and the working brief */

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

/** Thrown when a save names no field of the brief at all: an empty post must never wipe a brief. */
export class EmptyBriefSave extends Error {
  constructor() {
    super("Nothing to save: the form had no field of the brief.");
    this.name = "EmptyBriefSave";
  }
}

/**
 * Saves what the editor posted over the stored draft: fields the post does not name keep their
 * value (the editor always posts every field; a partial post never wipes the rest). A value that
 * does not validate (a half-typed date, a web address without https://) keeps its last saved
 * value and comes back as a field message, while every other field is saved: one typo never
 * holds the rest of the brief hostage.
 */
export async function saveBriefDraft(
  ctx: MemberContext,
  campaign: Campaign,
  entries: FormEntries,
  fileErrors: Record<string, string[]> = {},
): Promise<SaveDraftResult> {
  const template = await currentTemplate(ctx.workspace.id);
  const posted = new Set(
    [...Object.keys(entries), ...Object.keys(fileErrors)].map((p) => fieldKeyOf(template, p)).filter((k): k is string => k !== null),
  );
  if (posted.size === 0) throw new EmptyBriefSave();
  return db().transaction(async (tx) => {
    const [brief] = await tx.select().from(briefs).where(eq(briefs.campaignId, campaign.id)).for("update").limit(1);
    if (!brief) throw new BriefActionError(404, "This campaign has no brief.");
    const stored = brief.draft as BriefDraft;
    const schema = briefSchema(template);
    const nested = nestFormEntries(entries);
    for (const { key } of templateFields(template)) if (!posted.has(key)) setPath(nested, key, readPath(stored, key));
    const errors: Record<string, string[]> = { ...fileErrors };
    let parsed = schema.safeParse(nested);
    if (!parsed.success) Object.assign(errors, issuesByPath(parsed.error.issues));
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
}

/* ------------------------------------------------------------------ who is asked */

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  kind: "agency" | "creator";
  /** The agency or creator they stand for. */
  onBehalfOf: string;
}

/** Members of the campaign's agencies (lead and joined) and the people behind its creators. */
export async function briefRecipients(q: Queryable, campaign: Pick<Campaign, "id" | "workspaceId" | "leadAgencyId">): Promise<Recipient[]> {
  const joined = await q
    .select({ id: campaignAgencies.agencyId })
    .from(campaignAgencies)
    .where(eq(campaignAgencies.campaignId, campaign.id));
  const agencyIds = [campaign.leadAgencyId, ...joined.map((j) => j.id)];
  const assigned = await q
    .select({ id: creators.id, name: creators.name, userId: creators.userId })
    .from(campaignCreators)
    .innerJoin(creators, eq(creators.id, campaignCreators.creatorId))
    .where(eq(campaignCreators.campaignId, campaign.id));
  const agencyPeople = await q
    .select({ userId: users.id, name: users.name, email: users.email, on: agencies.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(
      and(
        eq(memberships.workspaceId, campaign.workspaceId),
        eq(memberships.role, "agency_member"),
        inArray(memberships.agencyId, agencyIds),
      ),
    );
  const creatorIds = assigned.map((c) => c.id);
  const creatorMembers =
    creatorIds.length === 0
      ? []
      : await q
          .select({ userId: users.id, name: users.name, email: users.email, on: creators.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .innerJoin(creators, eq(creators.id, memberships.creatorId))
          .where(
            and(
              eq(memberships.workspaceId, campaign.workspaceId),
              eq(memberships.role, "creator"),
              inArray(memberships.creatorId, creatorIds),
            ),
          );
  const linkedIds = assigned.flatMap((c) => (c.userId ? [c.userId] : []));
  const linked =
    linkedIds.length === 0
      ? []
      : await q
          .select({ userId: users.id, name: users.name, email: users.email })
          .from(users)
          .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, campaign.workspaceId)))
          .where(inArray(users.id, linkedIds));
  const out = new Map<string, Recipient>();
  for (const p of agencyPeople) out.set(p.userId, { userId: p.userId, name: p.name, email: p.email, kind: "agency", onBehalfOf: p.on });
  for (const p of creatorMembers)
    if (!out.has(p.userId)) out.set(p.userId, { userId: p.userId, name: p.name, email: p.email, kind: "creator", onBehalfOf: p.on });
  for (const p of linked) {
    if (out.has(p.userId)) continue;
    const creator = assigned.find((c) => c.userId === p.userId);
    out.set(p.userId, { userId: p.userId, name: p.name, email: p.email, kind: "creator", onBehalfOf: creator?.name ?? p.name });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/* ------------------------------------------------------------------ publishing */

const briefUrl = (slug: string, campaignId: string) => `/w/${slug}/campaigns/${campaignId}/brief`;

async function askToAcknowledge(
  tx: Transaction,
  ctx: MemberContext,
  campaign: Campaign,
  version: { id: string; version: number },
  recipients: readonly Recipient[],
  changedFields: string[],
  /** People just added to the campaign: for them it is a new brief, whatever its version. */
  newcomers = false,
) {
  const changed = version.version > 1 && !newcomers;
  const brand = await tx.query.brands.findFirst({ where: eq(brands.id, campaign.brandId), columns: { name: true } });
  for (const person of recipients) {
    await notify(tx, {
      workspaceId: ctx.workspace.id,
      userId: person.userId,
      category: "briefs",
      title: changed ? `The ${campaign.name} brief changed (v${version.version})` : `New brief to acknowledge: ${campaign.name}`,
      body:
        changed && changedFields.length > 0
          ? `Changed: ${changedFields.join(", ")}`
          : "Read it and acknowledge it so the handoff is complete.",
      url: briefUrl(ctx.workspace.slug, campaign.id),
      email: {
        template: "brief-acknowledgment-request",
        props: {
          workspace: { name: ctx.workspace.name, logoUrl: ctx.workspace.logoUrl, accentColor: ctx.workspace.accentColor },
          recipientName: person.name,
          campaignName: campaign.name,
          brandName: brand?.name ?? null,
          version: version.version,
          changedFields,
          newcomer: newcomers,
          senderName: ctx.user.name,
          url: `${env().APP_URL}${briefUrl(ctx.workspace.slug, campaign.id)}`,
        },
      },
    });
  }
}

export interface PublishResult {
  version: number;
  material: boolean;
  changes: FieldChange[];
  asked: number;
  status: CampaignStatus;
}

/**
 * Publishes the working brief as version N+1 in one transaction: the immutable version, the
 * campaign leaving planning, one acknowledgment request per agency member and creator, their
 * notifications and emails, the audit event, the webhook and the reminder. A change to a material
 * field asks everyone again; a wording fix elsewhere carries existing acknowledgments over.
 */
export async function publishBrief(request: Request, ctx: MemberContext, campaignId: string, now = new Date()): Promise<PublishResult> {
  try {
    return await db().transaction(async (tx) => {
      const [campaign] = await tx
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, ctx.workspace.id)))
        .for("update")
        .limit(1);
      if (!campaign) throw new BriefActionError(404, "Not found");
      const [brief] = await tx.select().from(briefs).where(eq(briefs.campaignId, campaign.id)).for("update").limit(1);
      if (!brief) throw new BriefActionError(404, "This campaign has no brief.");
      const template = await currentTemplate(ctx.workspace.id, tx);
      const completeness = briefCompleteness(template, brief.draft as BriefDraft);
      const status = campaign.status as CampaignStatus;
      let nextStatus = status;
      if (status === "planning") {
        nextStatus = nextCampaignStatus(status, "publish_brief", { briefComplete: completeness.complete, missing: completeness.missing });
      } else if (status === "completed" || status === "cancelled") {
        throw new DomainError("invalid_transition", `A ${status} campaign's brief can no longer be published.`);
      }
      if (!completeness.complete) throw new DomainError("brief_incomplete", missingFieldsMessage(completeness.missing));
      const parsed = briefSchema(template, { mode: "complete" }).safeParse(brief.draft);
      if (!parsed.success) {
        const labels = [
          ...new Set(
            Object.keys(issuesByPath(parsed.error.issues)).map(
              (p) => templateFields(template).find((f) => p === f.key || p.startsWith(`${f.key}.`))?.label ?? p,
            ),
          ),
        ];
        throw new DomainError("brief_incomplete", `Fix these fields before publishing: ${labels.join(", ")}.`);
      }
      // Checked here and not on autosave: a plan may be out of order while it is being written.
      const problems = publishProblems(parsed.data, publishRulesOf(ctx.workspace));
      if (problems.length > 0) throw new BriefActionError(400, publishProblemsMessage(problems), problemsByField(problems));
      const content = parsed.data as unknown as Record<string, unknown>;
      const [previous] = await tx
        .select()
        .from(briefVersions)
        .where(eq(briefVersions.briefId, brief.id))
        .orderBy(desc(briefVersions.version))
        .limit(1);
      const changes = previous ? diffBriefs(template, previous.content as BriefDraft, content as BriefDraft) : [];
      if (previous && changes.length === 0)
        throw new BriefActionError(400, `Nothing changed since v${previous.version}, so there is nothing new to publish.`);
      const material = !previous || changes.some((c) => c.material);
      const version = (previous?.version ?? 0) + 1;

      const [row] = await tx
        .insert(briefVersions)
        .values({
          workspaceId: ctx.workspace.id,
          briefId: brief.id,
          campaignId: campaign.id,
          version,
          templateVersion: template.version,
          content,
          changes: changes as unknown[],
          publishedBy: ctx.user.id,
          publishedAt: now,
        })
        .returning();
      await tx.update(briefs).set({ publishedVersion: version }).where(eq(briefs.id, brief.id));
      if (nextStatus !== status) {
        const moved = await tx
          .update(campaigns)
          .set({ status: nextStatus, rowVersion: sql`${campaigns.rowVersion} + 1`, updatedAt: now })
          .where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, status), eq(campaigns.rowVersion, campaign.rowVersion)))
          .returning({ id: campaigns.id });
        if (moved.length === 0) throw new BriefActionError(409, "The campaign changed while you were publishing. Reload and try again.");
        // No audit event of its own: one action, one event (brief.published below says the status moved).
      }

      const recipients = await briefRecipients(tx, campaign);
      const priorAcks = previous
        ? await tx.select().from(briefAcknowledgments).where(eq(briefAcknowledgments.briefVersionId, previous.id))
        : [];
      const toAsk: Recipient[] = [];
      for (const person of recipients) {
        const prior = priorAcks.find((a) => a.userId === person.userId);
        const carried = !material && prior?.acknowledgedAt ? prior.acknowledgedAt : null;
        await tx.insert(briefAcknowledgments).values({
          workspaceId: ctx.workspace.id,
          campaignId: campaign.id,
          briefVersionId: row.id,
          version,
          userId: person.userId,
          requestedAt: !material && prior ? prior.requestedAt : now,
          acknowledgedAt: carried,
        });
        // Already asked and still pending on the previous version: no second message for a wording fix.
        if (!carried && (material || !prior)) toAsk.push(person);
      }
      const changedFields = changes.map((c) => c.label);
      await askToAcknowledge(tx, ctx, campaign, row, toAsk, changedFields);
      await recordAudit(tx, {
        workspaceId: ctx.workspace.id,
        actor: actorOf(ctx),
        action: "brief.published",
        objectType: "brief",
        objectId: brief.id,
        data: {
          campaignId: campaign.id,
          version,
          material,
          changedFields,
          asked: toAsk.length,
          ...(nextStatus !== status ? { from: status, to: nextStatus } : {}),
        },
        meta: requestMeta(request),
      });
      await emitWebhook(tx, ctx.workspace.id, "brief.published", {
        campaignId: campaign.id,
        campaignName: campaign.name,
        version,
        material,
        changedFields,
        publishedAt: now.toISOString(),
        recipients: recipients.map((r) => ({ userId: r.userId, name: r.name })),
      });
      if (toAsk.length > 0) {
        await enqueue(tx, {
          kind: "brief-ack-reminder",
          workspaceId: ctx.workspace.id,
          payload: { briefVersionId: row.id },
          runAt: new Date(now.getTime() + ACK_REMINDER_HOURS * HOUR_MS),
          dedupeKey: `brief-ack-reminder:${row.id}`,
        });
      }
      return { version, material, changes, asked: toAsk.length, status: nextStatus };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new BriefActionError(409, "Someone published this brief at the same moment. Reload to see the new version.");
    throw error;
  }
}

/** New people on a campaign whose brief is out are asked for the current version (campaign edits). */
export async function askNewRecipients(tx: Transaction, ctx: MemberContext, campaign: Campaign, now = new Date()) {
  const [latest] = await tx
    .select()
    .from(briefVersions)
    .where(eq(briefVersions.campaignId, campaign.id))
    .orderBy(desc(briefVersions.version))
    .limit(1);
  if (!latest) return 0;
  const recipients = await briefRecipients(tx, campaign);
  const asked = await tx
    .select({ userId: briefAcknowledgments.userId })
    .from(briefAcknowledgments)
    .where(eq(briefAcknowledgments.briefVersionId, latest.id));
  const fresh = recipients.filter((r) => !asked.some((a) => a.userId === r.userId));
  for (const person of fresh) {
    await tx.insert(briefAcknowledgments).values({
      workspaceId: ctx.workspace.id,
      campaignId: campaign.id,
      briefVersionId: latest.id,
      version: latest.version,
      userId: person.userId,
      requestedAt: now,
    });
  }
  await askToAcknowledge(tx, ctx, campaign, latest, fresh, [], true);
  return fresh.length;
}

/* ------------------------------------------------------------------ acknowledging and comments */

export async function acknowledgeBrief(request: Request, ctx: MemberContext, campaign: Campaign, version: number, now = new Date()) {
  return db().transaction(async (tx) => {
    const [latest] = await tx
      .select()
      .from(briefVersions)
      .where(eq(briefVersions.campaignId, campaign.id))
      .orderBy(desc(briefVersions.version))
      .limit(1);
    if (!latest) throw new BriefActionError(404, "This brief has not been published yet.");
    if (latest.version !== version)
      throw new BriefActionError(409, `A newer version (v${latest.version}) was published. Read it, then acknowledge that one.`);
    const done = await tx
      .update(briefAcknowledgments)
      .set({ acknowledgedAt: now })
      .where(
        and(
          eq(briefAcknowledgments.briefVersionId, latest.id),
          eq(briefAcknowledgments.userId, ctx.user.id),
          isNull(briefAcknowledgments.acknowledgedAt),
        ),
      )
      .returning({ id: briefAcknowledgments.id, requestedAt: briefAcknowledgments.requestedAt });
    if (done.length === 0) {
      const [mine] = await tx
        .select()
        .from(briefAcknowledgments)
        .where(and(eq(briefAcknowledgments.briefVersionId, latest.id), eq(briefAcknowledgments.userId, ctx.user.id)))
        .limit(1);
      if (mine) throw new BriefActionError(409, `You already acknowledged v${latest.version}.`);
      throw new BriefActionError(404, "You were not asked to acknowledge this brief.");
    }
    const waitedHours = Math.round((now.getTime() - done[0].requestedAt.getTime()) / 360_000) / 10;
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: "brief.acknowledged",
      objectType: "brief",
      objectId: latest.briefId,
      data: { campaignId: campaign.id, version: latest.version, waitedHours },
      meta: requestMeta(request),
    });
    await emitWebhook(tx, ctx.workspace.id, "brief.acknowledged", {
      campaignId: campaign.id,
      campaignName: campaign.name,
      version: latest.version,
      userId: ctx.user.id,
      name: ctx.user.name,
      acknowledgedAt: now.toISOString(),
    });
    const sender = latest.publishedBy ?? campaign.coordinatorId;
    if (sender && sender !== ctx.user.id) {
      await notify(tx, {
        workspaceId: ctx.workspace.id,
        userId: sender,
        category: "briefs",
        title: `${ctx.user.name} acknowledged the ${campaign.name} brief (v${latest.version})`,
        url: `/w/${ctx.workspace.slug}/campaigns/${campaign.id}`,
      });
    }
    return { version: latest.version };
  });
}

/** Section keys a comment may name: every core section and every custom field of the version's template. */
export function commentSections(template: BriefTemplate): { key: string; label: string }[] {
  return [
    ...CORE_SECTIONS.map((s) => ({ key: s.key as string, label: s.label })),
    ...template.customFields.map((f) => ({ key: `custom.${f.key}`, label: f.label })),
  ];
}

export async function addBriefComment(
  request: Request,
  ctx: MemberContext,
  campaign: Campaign,
  input: { section: string; kind: "comment" | "question"; body: string },
) {
  return db().transaction(async (tx) => {
    const [latest] = await tx
      .select()
      .from(briefVersions)
      .where(eq(briefVersions.campaignId, campaign.id))
      .orderBy(desc(briefVersions.version))
      .limit(1);
    if (!latest) throw new BriefActionError(404, "This brief has not been published yet.");
    const template = await templateVersion(ctx.workspace.id, latest.templateVersion, tx);
    const section = commentSections(template).find((s) => s.key === input.section);
    if (!section) throw new BriefActionError(400, "Choose a section of the brief.");
    const [row] = await tx
      .insert(briefComments)
      .values({
        workspaceId: ctx.workspace.id,
        campaignId: campaign.id,
        briefVersionId: latest.id,
        sectionKey: section.key,
        userId: ctx.user.id,
        kind: input.kind,
        body: input.body,
      })
      .returning({ id: briefComments.id });
    await recordAudit(tx, {
      workspaceId: ctx.workspace.id,
      actor: actorOf(ctx),
      action: input.kind === "question" ? "brief.question_asked" : "brief.commented",
      objectType: "brief",
      objectId: latest.briefId,
      data: { campaignId: campaign.id, version: latest.version, section: section.key, commentId: row.id },
      meta: requestMeta(request),
    });
    const owners = [...new Set([latest.publishedBy, campaign.coordinatorId].filter((u): u is string => Boolean(u) && u !== ctx.user.id))];
    for (const userId of owners) {
      await notify(tx, {
        workspaceId: ctx.workspace.id,
        userId,
        category: "briefs",
        title: `${ctx.user.name} ${input.kind === "question" ? "asked a question" : "commented"} on ${section.label} (${campaign.name})`,
        body: input.body.slice(0, 300),
        url: `${briefUrl(ctx.workspace.slug, campaign.id)}#section-${section.key.replace(/\./g, "-")}`,
      });
    }
    return { section: section.label };
  });
}

/* ------------------------------------------------------------------ reading */

export interface AckRow {
  userId: string;
  name: string;
  email: string;
  version: number;
  requestedAt: string;
  acknowledgedAt: string | null;
}

export async function versionsOf(campaignId: string) {
  return db()
    .select({
      id: briefVersions.id,
      version: briefVersions.version,
      templateVersion: briefVersions.templateVersion,
      publishedAt: briefVersions.publishedAt,
      publishedBy: users.name,
      changes: briefVersions.changes,
    })
    .from(briefVersions)
    .leftJoin(users, eq(users.id, briefVersions.publishedBy))
    .where(eq(briefVersions.campaignId, campaignId))
    .orderBy(desc(briefVersions.version));
}

export async function versionContent(campaignId: string, version: number) {
  const [row] = await db()
    .select()
    .from(briefVersions)
    .where(and(eq(briefVersions.campaignId, campaignId), eq(briefVersions.version, version)))
    .limit(1);
  return row ?? null;
}

export async function acknowledgmentsOf(briefVersionId: string): Promise<AckRow[]> {
  const rows = await db()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      version: briefAcknowledgments.version,
      requestedAt: briefAcknowledgments.requestedAt,
      acknowledgedAt: briefAcknowledgments.acknowledgedAt,
    })
    .from(briefAcknowledgments)
    .innerJoin(users, eq(users.id, briefAcknowledgments.userId))
    .where(eq(briefAcknowledgments.briefVersionId, briefVersionId))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null }));
}

/** The newest version this person acknowledged, to show them what changed since. */
export async function lastAcknowledgedVersion(campaignId: string, userId: string): Promise<number | null> {
  const [row] = await db()
    .select({ version: briefAcknowledgments.version })
    .from(briefAcknowledgments)
    .where(
      and(
        eq(briefAcknowledgments.campaignId, campaignId),
        eq(briefAcknowledgments.userId, userId),
        sql`${briefAcknowledgments.acknowledgedAt} is not null`,
      ),
    )
    .orderBy(desc(briefAcknowledgments.version))
    .limit(1);
  return row?.version ?? null;
}

export async function commentsOf(campaignId: string) {
  const rows = await db()
    .select({
      id: briefComments.id,
      section: briefComments.sectionKey,
      kind: briefComments.kind,
      body: briefComments.body,
      createdAt: briefComments.createdAt,
      author: users.name,
      version: briefVersions.version,
    })
    .from(briefComments)
    .innerJoin(users, eq(users.id, briefComments.userId))
    .innerJoin(briefVersions, eq(briefVersions.id, briefComments.briefVersionId))
    .where(eq(briefComments.campaignId, campaignId))
    .orderBy(asc(briefComments.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

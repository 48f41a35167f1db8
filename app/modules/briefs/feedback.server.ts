import { and, eq, isNull } from "drizzle-orm";
import { briefAcknowledgments, briefComments, type campaigns } from "@db/schema";
import { db } from "~/utils/db.server";
import { conflict, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { notify } from "~/modules/notifications/notify.server";
import { recordBriefAcknowledged } from "~/modules/insights/brief-facts.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { CORE_SECTIONS } from "./core-sections";
import { latestVersion } from "./reading.server";
import { briefUrl } from "./recipients.server";
import type { BriefTemplate } from "./template";
import { templateVersion } from "./templates.server";

/**
 * What the people handed a brief answer: they acknowledge a version, and comment on or ask about
 * a section. Both act on the newest published version; the caller has checked the campaign is visible.
 */

type Campaign = typeof campaigns.$inferSelect;

const NOT_PUBLISHED = "This brief has not been published yet.";

export function acknowledgeBrief(
  ctx: MemberContext,
  input: { campaign: Campaign; version: number },
  now = new Date(),
): Promise<Outcome<{ version: number }>> {
  const { campaign, version } = input;
  return db().transaction(async (tx) => {
    const latest = await latestVersion(tx, campaign.id);
    if (!latest) return notFound(NOT_PUBLISHED);
    if (latest.version !== version)
      return conflict(`A newer version (v${latest.version}) was published. Read it, then acknowledge that one.`);
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
      if (mine) return conflict(`You already acknowledged v${latest.version}.`);
      return notFound("You were not asked to acknowledge this brief.");
    }
    const waitedHours = Math.round((now.getTime() - done[0].requestedAt.getTime()) / 360_000) / 10;
    await audit(tx, ctx, {
      action: "brief.acknowledged",
      objectType: "brief",
      objectId: latest.briefId,
      data: { campaignId: campaign.id, version: latest.version, waitedHours },
    });
    // Insights (decision 053): brief acknowledgment time.
    await recordBriefAcknowledged(tx, ctx, { campaign, acknowledgment: done[0], version: latest.version, at: now });
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
    return ok({ version: latest.version });
  });
}

/** Section keys a comment may name: every core section and every custom field of the version's template. */
export function commentSections(template: BriefTemplate): { key: string; label: string }[] {
  return [
    ...CORE_SECTIONS.map((s) => ({ key: s.key as string, label: s.label })),
    ...template.customFields.map((f) => ({ key: `custom.${f.key}`, label: f.label })),
  ];
}

export function addBriefComment(
  ctx: MemberContext,
  input: { campaign: Campaign; section: string; kind: "comment" | "question"; body: string },
): Promise<Outcome<{ section: string }>> {
  const { campaign } = input;
  return db().transaction(async (tx) => {
    const latest = await latestVersion(tx, campaign.id);
    if (!latest) return notFound(NOT_PUBLISHED);
    const template = await templateVersion(ctx.workspace.id, latest.templateVersion, tx);
    const section = commentSections(template).find((s) => s.key === input.section);
    if (!section) return invalid("Choose a section of the brief.");
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
    await audit(tx, ctx, {
      action: input.kind === "question" ? "brief.question_asked" : "brief.commented",
      objectType: "brief",
      objectId: latest.briefId,
      data: { campaignId: campaign.id, version: latest.version, section: section.key, commentId: row.id },
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
    return ok({ section: section.label });
  });
}

import { and, desc, eq, sql } from "drizzle-orm";
import { briefAcknowledgments, briefVersions, briefs, campaigns } from "@db/schema";
import { db, isUniqueViolation } from "~/utils/db.server";
import { attempt, DomainError, type Outcome, fieldMessagesOf } from "~/utils/outcome";
import { HOUR_MS } from "~/utils/time";
import { audit } from "~/modules/audit/audit.server";
import { isClosedCampaign, missingFieldsMessage, nextCampaignStatus, type CampaignStatus } from "~/modules/campaigns/campaign-status";
import { enqueue } from "~/modules/jobs/queue.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { campaignScope } from "~/modules/workspaces/scope.server";
import { CAMPAIGN_CHANGED, STALE_VERSION } from "~/modules/campaigns/writes.server";
import { briefSchema } from "./brief-schema";
import { diffBriefs, type FieldChange } from "./brief-diff";
import { lockBrief } from "./drafts.server";
import { briefCompleteness } from "./completeness";
import type { BriefDraft } from "./core-sections";
import { problemsByField, publishProblems, publishProblemsMessage, publishRulesOf } from "./publish-rules";
import { askToAcknowledge, briefRecipients, type Recipient } from "./recipients.server";
import { templateFields } from "./template";
import { currentTemplate } from "./templates.server";

export const ACK_REMINDER_HOURS = 48;

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
export function publishBrief(
  ctx: MemberContext,
  input: {
    campaignId: string;
    /** The campaign as the page showed it: publishing over someone's change is a conflict. */ rowVersion?: number;
  },
  now = new Date(),
): Promise<Outcome<PublishResult>> {
  return attempt(() => publishInTransaction(ctx, input, now));
}

async function publishInTransaction(
  ctx: MemberContext,
  input: { campaignId: string; rowVersion?: number },
  now: Date,
): Promise<PublishResult> {
  try {
    return await db().transaction(async (tx) => {
      // The campaign's visibility is checked here, not left to the route: out of scope is not found.
      const [campaign] = await tx
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.id, input.campaignId), campaignScope(ctx)))
        .for("update")
        .limit(1);
      if (!campaign) throw new DomainError({ kind: "not_found", message: "Not found" });
      if (input.rowVersion !== undefined && input.rowVersion !== campaign.rowVersion)
        throw new DomainError({ kind: "conflict", message: CAMPAIGN_CHANGED, code: STALE_VERSION });
      const brief = await lockBrief(tx, ctx, campaign.id);
      const template = await currentTemplate(ctx.workspace.id, tx);
      const completeness = briefCompleteness(template, brief.draft as BriefDraft);
      const status = campaign.status as CampaignStatus;
      let nextStatus = status;
      if (status === "planning") {
        nextStatus = nextCampaignStatus(status, "publish_brief", { briefComplete: completeness.complete, missing: completeness.missing });
      } else if (isClosedCampaign(status)) {
        throw new DomainError("invalid_transition", `A ${status} campaign's brief can no longer be published.`, "conflict");
      }
      if (!completeness.complete) throw new DomainError("brief_incomplete", missingFieldsMessage(completeness.missing), "invalid");
      const parsed = briefSchema(template, { mode: "complete" }).safeParse(brief.draft);
      if (!parsed.success) {
        const labels = [
          ...new Set(
            Object.keys(fieldMessagesOf(parsed.error.issues)).map(
              (p) => templateFields(template).find((f) => p === f.key || p.startsWith(`${f.key}.`))?.label ?? p,
            ),
          ),
        ];
        throw new DomainError("brief_incomplete", `Fix these fields before publishing: ${labels.join(", ")}.`, "invalid");
      }
      // Checked here and not on autosave: a plan may be out of order while it is being written.
      const problems = publishProblems(parsed.data, publishRulesOf(ctx.workspace));
      if (problems.length > 0)
        throw new DomainError({ kind: "invalid", message: publishProblemsMessage(problems), fields: problemsByField(problems) });
      const content = parsed.data as unknown as Record<string, unknown>;
      const [previous] = await tx
        .select()
        .from(briefVersions)
        .where(eq(briefVersions.briefId, brief.id))
        .orderBy(desc(briefVersions.version))
        .limit(1);
      const changes = previous ? diffBriefs(template, previous.content as BriefDraft, content as BriefDraft) : [];
      if (previous && changes.length === 0)
        throw new DomainError({
          kind: "invalid",
          message: `Nothing changed since v${previous.version}, so there is nothing new to publish.`,
        });
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
        if (moved.length === 0)
          throw new DomainError({ kind: "conflict", message: "The campaign changed while you were publishing. Reload and try again." });
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
      await audit(tx, ctx, {
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
      throw new DomainError({
        kind: "conflict",
        message: "Someone published this brief at the same moment. Reload to see the new version.",
      });
    throw error;
  }
}

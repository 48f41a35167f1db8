import { and, eq, isNull } from "drizzle-orm";
import { brands, briefAcknowledgments, briefVersions, campaigns, users, workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { z } from "zod";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { notify } from "~/modules/notifications/notify.server";
import { isClosedCampaign } from "~/modules/campaigns/campaign-status";

/**
 * Background jobs of the briefs capability. A published version schedules one reminder 48 hours
 * later (dedupe key per version); it reminds whoever has still not acknowledged, only while that
 * version is the current one and the campaign is open.
 */
export const briefsJobs = {
  "brief-ack-reminder": defineJob({ payload: z.object({ briefVersionId: payloadId }), run: remindToAcknowledge }),
};

async function remindToAcknowledge({ briefVersionId }: { briefVersionId: string }): Promise<void> {
  const [row] = await db()
    .select({ version: briefVersions, campaign: campaigns, workspace: workspaces, brandName: brands.name })
    .from(briefVersions)
    .innerJoin(campaigns, eq(campaigns.id, briefVersions.campaignId))
    .innerJoin(workspaces, eq(workspaces.id, briefVersions.workspaceId))
    .innerJoin(brands, eq(brands.id, campaigns.brandId))
    .where(eq(briefVersions.id, briefVersionId))
    .limit(1);
  if (!row || isClosedCampaign(row.campaign.status)) return;
  const pending = await db()
    .select({ userId: users.id, name: users.name })
    .from(briefAcknowledgments)
    .innerJoin(users, eq(users.id, briefAcknowledgments.userId))
    .where(and(eq(briefAcknowledgments.briefVersionId, briefVersionId), isNull(briefAcknowledgments.acknowledgedAt)));
  if (pending.length === 0) return;
  const url = `/w/${row.workspace.slug}/campaigns/${row.campaign.id}/brief`;
  await db().transaction(async (tx) => {
    for (const person of pending) {
      await notify(tx, {
        workspaceId: row.workspace.id,
        userId: person.userId,
        category: "briefs",
        title: `Reminder: the ${row.campaign.name} brief (v${row.version.version}) is waiting for you`,
        body: "Until you acknowledge it, the handoff stays open and the sender sees it waiting.",
        url,
        email: {
          template: "brief-acknowledgment-request",
          props: {
            workspace: { name: row.workspace.name, logoUrl: row.workspace.logoUrl, accentColor: row.workspace.accentColor },
            recipientName: person.name,
            campaignName: row.campaign.name,
            brandName: row.brandName,
            version: row.version.version,
            changedFields: ((row.version.changes ?? []) as { label?: string }[]).flatMap((c) =>
              typeof c.label === "string" ? [c.label] : [],
            ),
            senderName: null,
            url: `${env().APP_URL}${url}`,
          },
        },
      });
    }
  });
}

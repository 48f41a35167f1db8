import { and, eq } from "drizzle-orm";
import {
  approvalDecisions,
  auditEvents,
  briefVersions,
  briefs,
  campaignCreators,
  campaigns,
  creators,
  deliverables,
  jobs,
  localEmails,
} from "@db/schema";
import type { Database } from "../../../db/client";
import { createDeliverable } from "~/modules/approvals/create.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import { openJob } from "~/modules/jobs/queue.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { memberContext } from "../services/helpers";
import type { World } from "../../support/world";
import { newIdempotencyKey } from "~/utils/idempotency.server";

export const HOUR = 3_600_000;
export const GOOD_LINK = "https://lumen.example/serum?utm_source=baton&utm_medium=social&utm_campaign=glow";
export const GOOD_COPY = "Morning glow, zero fuss. #ad";

/** Workspace A's creator M linked to the creator user, a campaign of brand X led by agency P with a published brief. */
export async function campaignFixture(db: Database, world: World, opts: { name?: string; brandId?: string; agencyId?: string } = {}) {
  await db.update(creators).set({ userId: world.users.creator.id }).where(eq(creators.id, world.creatorM.id));
  const now = Date.now();
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId: world.a.id,
      brandId: opts.brandId ?? world.brandX.id,
      leadAgencyId: opts.agencyId ?? world.agencyP.id,
      name: opts.name ?? "Glow launch",
      status: "active",
      channels: ["instagram", "tiktok", "x"],
      startsAt: new Date(now - 5 * 86_400_000),
      endsAt: new Date(now + 30 * 86_400_000),
      coordinatorId: world.users.coordinator.id,
    })
    .returning();
  await db.insert(campaignCreators).values({ campaignId: campaign.id, creatorId: world.creatorM.id, workspaceId: world.a.id });
  const [brief] = await db
    .insert(briefs)
    .values({ workspaceId: world.a.id, campaignId: campaign.id, templateVersion: 1, publishedVersion: 1 })
    .returning();
  await db.insert(briefVersions).values({
    workspaceId: world.a.id,
    briefId: brief.id,
    campaignId: campaign.id,
    version: 1,
    templateVersion: 1,
    content: { disclosure: "#ad", tracking: { utm: [{ param: "utm_source", value: "baton" }, { param: "utm_campaign" }], namingRule: "" } },
  });
  return campaign;
}

export const ctxOf = (world: World, who: keyof World["users"], slug = world.a.slug) => memberContext(world.users[who].id, slug);

/** A deliverable with its first version submitted by the creator (status in_review). */
export async function submittedDeliverable(
  world: World,
  campaign: typeof campaigns.$inferSelect,
  opts: { publishInHours?: number; channel?: "instagram" | "x" | "tiktok"; submit?: boolean; title?: string; creatorId?: string } = {},
) {
  const coordinator = await ctxOf(world, "coordinator");
  const created = await createDeliverable(coordinator, {
    campaign,
    title: opts.title ?? "Serum reel",
    channel: opts.channel ?? "x",
    creatorId: opts.creatorId ?? world.creatorM.id,
    publishAt: new Date(Date.now() + (opts.publishInHours ?? 120) * HOUR),
    idempotencyKey: newIdempotencyKey(),
  });
  if (!created.ok) throw new Error(created.problem.message);
  const id = created.value.id;
  if (opts.submit !== false) {
    const creator = await ctxOf(world, "creator");
    const res = await submitVersion(creator, {
      deliverableId: id,
      copy: GOOD_COPY,
      title: null,
      link: GOOD_LINK,
      mediaFileIds: [],
      basedOnVersion: 0,
    });
    if (!res.ok) throw new Error(res.problem.message);
  }
  return id;
}

export async function deliverableRow(db: Database, id: string) {
  const [row] = await db.select().from(deliverables).where(eq(deliverables.id, id));
  return row;
}

export async function auditFor(db: Database, id: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, id), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(auditEvents.id);
}

/** Queued emails of one template, opened as the worker would (their props are sealed). */
export async function emailJobs(db: Database, template: string) {
  const rows = await db.select().from(jobs).where(eq(jobs.kind, "email"));
  return rows.filter((j) => (j.payload as { template?: string }).template === template).map(openJob);
}

export async function decisionsOf(db: Database, id: string) {
  return db.select().from(approvalDecisions).where(eq(approvalDecisions.deliverableId, id));
}

export async function mails(db: Database, to: string) {
  return db.select().from(localEmails).where(eq(localEmails.to, to)).orderBy(localEmails.createdAt, localEmails.id);
}

export type { MemberContext };

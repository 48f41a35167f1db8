import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import { approvalDecisions, auditEvents, campaigns, deliverables, draftComments, draftVersions } from "../schema";
import { scheduleDeadlineJobs } from "../../app/modules/approvals/deadlines.server";
import { appendEvidence, sealEvidence, type EvidenceRecord } from "../../app/modules/approvals/evidence/ledger.server";
import { memberActor } from "../../app/modules/workspaces/actor";
import type { DemoBase } from "./base";

/** Titles the approvals e2e and the README refer to; change them together. */
export const DEMO_APPROVALS = {
  awaitingSignoff: "Glow Serum first-look reel",
  changesRequested: "Morning routine TikTok",
  blocked: "Before/after skin diary",
  signedOff: "Serum macro shots",
  scheduled: "Launch-day story",
  published: "Unboxing reel",
  agencyReview: "Why five ingredients",
  firstDraft: "Ingredient explainer",
} as const;

const HOUR = 3_600_000;
const LINK = "https://lumen.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=lumen_glow_202612";

/**
 * Drafts in every approval state on the briefs seed's "Lumen Glow Launch" (Lumen Skincare, creators
 * Maya Chen and Priya Nair), dated relative to `now` so the countdowns are live: one waiting for
 * lead@lumen.test's sign-off (deadline in about a day), one with changes requested for Maya
 * (creator@studio.test), one blocked, one in agency review, one signed off, one scheduled, one published and one
 * not submitted yet. The campaign uses the default route: agency review (the lead agency has no
 * members in the demo, so the coordinator and the owner review; Priya has no account, so the
 * coordinator uploads her drafts and the owner reviews them), then Lena's brand sign-off.
 */
export async function seedApprovals(tx: Transaction, demo: DemoBase, now: Date): Promise<void> {
  const { ws, users } = demo;
  const [maya, , priya] = demo.creators;
  const [glow] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ws.id), eq(campaigns.name, "Lumen Glow Launch")));
  if (!glow) return;
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
  const windowHours = ws.signoffWindowHours;

  async function audit(
    objectId: string,
    action: string,
    actor: { id: string; email: string } | null,
    hoursAgo: number,
    data: Record<string, unknown>,
  ) {
    await tx.insert(auditEvents).values({
      workspaceId: ws.id,
      actorUserId: actor?.id ?? null,
      actorLabel: actor?.email ?? "system (sign-off deadline)",
      action,
      objectType: "deliverable",
      objectId,
      data,
      createdAt: at(-hoursAgo),
    });
  }

  async function deliverable(input: {
    title: string;
    channel: "instagram" | "tiktok";
    creatorId: string;
    publishInHours: number;
    status: string;
    /** The flag beside the status: the sign-off deadline passed without a sign-off (decision 052). */
    blocked?: boolean;
    currentVersion: number;
    createdHoursAgo: number;
    signedOff?: { byId: string; hoursAgo: number };
    liveUrl?: string;
  }) {
    const [row] = await tx
      .insert(deliverables)
      .values({
        workspaceId: ws.id,
        campaignId: glow.id,
        brandId: glow.brandId,
        creatorId: input.creatorId,
        channel: input.channel,
        title: input.title,
        publishAt: at(input.publishInHours),
        status: input.status,
        blocked: input.blocked ?? false,
        currentVersion: input.currentVersion,
        revisionRounds: Math.max(0, input.currentVersion - 1),
        signedOffAt: input.signedOff ? at(-input.signedOff.hoursAgo) : null,
        signedOffVersion: input.signedOff ? input.currentVersion : null,
        signedOffBy: input.signedOff?.byId ?? null,
        liveUrl: input.liveUrl ?? null,
        createdAt: at(-input.createdHoursAgo),
        updatedAt: at(-1),
      })
      .returning();
    await audit(row.id, "deliverable.created", users.coordinator, input.createdHoursAgo, {
      title: row.title,
      campaignId: glow.id,
      channel: row.channel,
      publishAt: row.publishAt.toISOString(),
    });
    if (input.publishInHours > windowHours && ["draft", "in_review", "changes_requested"].includes(input.status)) {
      await scheduleDeadlineJobs(tx, { deliverableId: row.id, workspaceId: ws.id, publishAt: row.publishAt, windowHours, now });
    }
    return row;
  }

  // Maya submits her own drafts; Priya has no account, so the coordinator uploads hers for her.
  async function version(row: typeof deliverables.$inferSelect, v: number, copy: string, submittedHoursAgo: number) {
    const submitter = row.creatorId === maya.id ? users.creator : users.coordinator;
    const [created] = await tx
      .insert(draftVersions)
      .values({
        workspaceId: ws.id,
        deliverableId: row.id,
        version: v,
        copy,
        link: LINK,
        submittedBy: submitter.id,
        submittedAt: at(-submittedHoursAgo),
      })
      .returning();
    await audit(row.id, "draft.submitted", submitter, submittedHoursAgo, {
      title: row.title,
      version: v,
      draftVersionId: created.id,
      late: false,
    });
    return created;
  }

  async function decision(
    row: typeof deliverables.$inferSelect,
    dv: typeof draftVersions.$inferSelect,
    stageIndex: number,
    who: { id: string; email: string },
    kind: "approve" | "request_changes",
    hoursAgo: number,
    comment: string | null = null,
    seal = false,
  ) {
    await tx.insert(approvalDecisions).values({
      workspaceId: ws.id,
      deliverableId: row.id,
      draftVersionId: dv.id,
      version: dv.version,
      stageIndex,
      userId: who.id,
      decision: kind,
      comment,
      createdAt: at(-hoursAgo),
    });
    const action = kind === "request_changes" ? "draft.changes_requested" : stageIndex === 1 ? "draft.signed_off" : "draft.approved";
    // The brand sign-off seals the evidence pack, as decide() does (decision 057).
    const evidence: EvidenceRecord | null = seal
      ? await sealEvidence(tx, { workspace: ws, actor: memberActor(who) }, row, {
          kind: "signoff",
          at: at(-hoursAgo),
          pending: { decision: { userId: who.id, version: dv.version, stageIndex, label: who.email, ip: null, onBehalfOf: null } },
        })
      : null;
    await audit(row.id, action, who, hoursAgo, {
      title: row.title,
      version: dv.version,
      stage: stageIndex === 1 ? "Brand sign-off" : "Agency review",
      stageIndex,
      comment,
      ...(evidence ? { evidence } : {}),
    });
  }

  /** A later event of a sealed deliverable: appended to its evidence pack, its hash in its audit event. */
  async function evidenceEvent(
    row: typeof deliverables.$inferSelect,
    action: string,
    who: { id: string; email: string },
    hoursAgo: number,
    data: Record<string, unknown>,
  ) {
    const event = { action, objectType: "deliverable", objectId: row.id, data };
    const evidence = await appendEvidence(tx, { workspace: ws, actor: memberActor(who) }, row, event, at(-hoursAgo));
    await audit(row.id, action, who, hoursAgo, { ...data, ...(evidence ? { evidence } : {}) });
  }

  // Waiting on Lena's sign-off: goes live in 3 days, so the 48 h deadline is about a day away.
  const awaiting = await deliverable({
    title: DEMO_APPROVALS.awaitingSignoff,
    channel: "instagram",
    creatorId: maya.id,
    publishInHours: 72 + 5,
    status: "in_review",
    currentVersion: 2,
    createdHoursAgo: 24 * 6,
  });
  const a1 = await version(awaiting, 1, "First look at the Lumen Glow Serum. Five ingredients, zero fuss. #ad", 24 * 4);
  await decision(
    awaiting,
    a1,
    0,
    users.coordinator,
    "request_changes",
    24 * 3,
    "Lead with the real-skin angle and name the serum in the first line.",
  );
  const a2 = await version(awaiting, 2, "Real skin, real glow: first look at the Lumen Glow Serum. Five ingredients, zero fuss. #ad", 30);
  await tx.insert(draftComments).values({
    workspaceId: ws.id,
    draftVersionId: a2.id,
    userId: users.coordinator.id,
    body: "Much better. The first line carries it now.",
    createdAt: at(-22),
  });
  // A note for the team only (issue 18): Maya and Lena never see it.
  await tx.insert(draftComments).values({
    workspaceId: ws.id,
    draftVersionId: a2.id,
    userId: users.coordinator.id,
    body: "Lena asked for the serum name up front last time; this should sail through.",
    internal: true,
    createdAt: at(-21),
  });
  await decision(awaiting, a2, 0, users.coordinator, "approve", 20);

  // Changes requested for Maya.
  const changes = await deliverable({
    title: DEMO_APPROVALS.changesRequested,
    channel: "tiktok",
    creatorId: maya.id,
    publishInHours: 24 * 6,
    status: "changes_requested",
    currentVersion: 1,
    createdHoursAgo: 24 * 5,
  });
  const c1 = await version(changes, 1, "My 3-step morning with Lumen. #ad", 26);
  await decision(
    changes,
    c1,
    0,
    users.coordinator,
    "request_changes",
    6,
    "Show the serum on camera in the first 3 seconds, and add the SPF step.",
  );

  // Blocked: the agency approved, but the deadline passed yesterday without the brand's sign-off.
  // Still in review (blocked is a flag beside the status): the coordinator reschedules it.
  const blocked = await deliverable({
    title: DEMO_APPROVALS.blocked,
    channel: "instagram",
    creatorId: priya.id,
    publishInHours: 30,
    status: "in_review",
    blocked: true,
    currentVersion: 1,
    createdHoursAgo: 24 * 7,
  });
  const b1 = await version(blocked, 1, "Two weeks of Lumen, no filter. #ad", 24 * 3);
  await decision(blocked, b1, 0, users.owner, "approve", 40);
  await audit(blocked.id, "deliverable.blocked", null, 18, {
    title: blocked.title,
    deadline: at(30 - windowHours).toISOString(),
    publishAt: blocked.publishAt.toISOString(),
    status: "in_review",
    version: 1,
  });

  // In agency review, waiting on the coordinator.
  const review = await deliverable({
    title: DEMO_APPROVALS.agencyReview,
    channel: "instagram",
    creatorId: priya.id,
    publishInHours: 24 * 5,
    status: "in_review",
    currentVersion: 1,
    createdHoursAgo: 24 * 4,
  });
  await version(review, 1, "Why only five ingredients? Because your skin doesn't need twenty. #ad", 3);

  // Signed off by Lena, waiting for the publisher to schedule it.
  const signed = await deliverable({
    title: DEMO_APPROVALS.signedOff,
    channel: "tiktok",
    creatorId: priya.id,
    publishInHours: 24 * 8,
    status: "signed_off",
    currentVersion: 1,
    createdHoursAgo: 24 * 5,
    signedOff: { byId: users.lead.id, hoursAgo: 4 },
  });
  const g1 = await version(signed, 1, "Macro shots of the Glow Serum: light, fast, no residue. #ad", 24 * 2);
  await decision(signed, g1, 0, users.owner, "approve", 24);
  await decision(signed, g1, 1, users.lead, "approve", 4, null, true);

  // Scheduled: signed off by Lena on v1.
  const scheduled = await deliverable({
    title: DEMO_APPROVALS.scheduled,
    channel: "instagram",
    creatorId: maya.id,
    publishInHours: 24 * 4,
    status: "scheduled",
    currentVersion: 1,
    createdHoursAgo: 24 * 8,
    signedOff: { byId: users.lead.id, hoursAgo: 24 },
  });
  const s1 = await version(scheduled, 1, "It's here. Lumen Glow Serum, live today. #ad", 24 * 3);
  await decision(scheduled, s1, 0, users.owner, "approve", 24 * 2);
  await decision(scheduled, s1, 1, users.lead, "approve", 24, null, true);
  await evidenceEvent(scheduled, "deliverable.scheduled", users.coordinator, 20, {
    title: scheduled.title,
    version: 1,
    publishAt: scheduled.publishAt.toISOString(),
  });

  // Published two days ago.
  const published = await deliverable({
    title: DEMO_APPROVALS.published,
    channel: "instagram",
    creatorId: priya.id,
    publishInHours: -48,
    status: "published",
    currentVersion: 1,
    createdHoursAgo: 24 * 9,
    signedOff: { byId: users.lead.id, hoursAgo: 24 * 4 },
    liveUrl: "https://www.instagram.com/p/lumen-glow-unboxing/",
  });
  const p1 = await version(published, 1, "Unboxing the Lumen Glow Serum: what five ingredients look like. #ad", 24 * 6);
  await decision(published, p1, 0, users.owner, "approve", 24 * 5);
  await decision(published, p1, 1, users.lead, "approve", 24 * 4, null, true);
  await evidenceEvent(published, "deliverable.scheduled", users.coordinator, 24 * 3, { title: published.title, version: 1 });
  await evidenceEvent(published, "deliverable.published", users.coordinator, 47, {
    title: published.title,
    version: 1,
    liveUrl: published.liveUrl,
  });

  // Not submitted yet: Maya's first draft is due.
  await deliverable({
    title: DEMO_APPROVALS.firstDraft,
    channel: "tiktok",
    creatorId: maya.id,
    publishInHours: 24 * 10,
    status: "draft",
    currentVersion: 0,
    createdHoursAgo: 24 * 2,
  });
}

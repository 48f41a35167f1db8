import { and, eq, gt, isNull } from "drizzle-orm";
import { brands, invitations, memberships, onboardingLinks, users, workspaces } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { ok, type Outcome } from "~/utils/outcome";
import { DAY_MS } from "~/utils/time";
import { audit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { notify } from "~/modules/notifications/notify.server";
import { emitWebhook } from "~/modules/webhooks/webhooks.server";
import { clientActor } from "~/modules/workspaces/actor";
import { asLocale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import { deadState, stepsOf } from "./client.server";
import { progressOf, readAnswers, readIntake, type LinkAnswers } from "./link-model";
import { formatTimeTaken } from "./progress";
import {
  agencyLinkPath,
  brandingOf,
  emailDate,
  emailDateTime,
  scheduleStallCheck,
  teamOf,
  type LinkRow,
  type WorkspaceRow,
} from "./shared.server";
import type { ClientContext } from "./token-context.server";

/**
 * What every client change shares (decision 051): the link row locked and re-checked, answers
 * written back, and after progress the stall clock, completion and the approver's invitation.
 * The context is the token's (`token-context.server.ts`): it reaches its own link and nothing else.
 */

/** Locks the link row for the rest of the transaction and re-checks it is still usable. */
export async function lockLink(tx: Queryable, linkId: string, now: Date): Promise<LinkRow | null> {
  const rows = await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)).for("update");
  const link = rows[0];
  if (!link || deadState(link, now)) return null;
  return link;
}

/**
 * Progress, completion and the approver's invitation are recorded in the client's name even when a
 * forwarded colleague made them: the link is the client's.
 */
export function asClient(ctx: ClientContext): ClientContext {
  const { ip, userAgent } = ctx.actor;
  return { ...ctx, actor: clientActor(ctx.link.clientName, { ip, userAgent }) };
}

/** First POST from the page (the page sends one as soon as it runs): records the first opening once. */
export async function markOpened(ctx: ClientContext, now = new Date()): Promise<Outcome<null>> {
  return db().transaction(async (tx) => {
    const rows = await tx
      .update(onboardingLinks)
      .set({ openedAt: now })
      .where(and(eq(onboardingLinks.id, ctx.link.id), isNull(onboardingLinks.openedAt)))
      .returning();
    const link = rows[0];
    if (!link) return ok(null);
    await audit(tx, asClient(ctx), { action: "onboarding.opened", objectType: "onboarding_link", objectId: link.id });
    await emitWebhook(tx, link.workspaceId, "onboarding.opened", {
      linkId: link.id,
      brandId: link.brandId,
      clientName: link.clientName,
      at: now.toISOString(),
    });
    return ok(null);
  });
}

export async function writeAnswers(tx: Queryable, link: LinkRow, answers: LinkAnswers) {
  await tx
    .update(onboardingLinks)
    .set({ answers: answers as unknown as Record<string, unknown> })
    .where(eq(onboardingLinks.id, link.id));
  link.answers = answers as unknown as Record<string, unknown>;
}

/**
 * After the client finished something: record progress (which restarts the 48-hour stall clock)
 * and, when nothing is left for the client, complete the link exactly once.
 */
export async function afterProgress(tx: Queryable, ctx: ClientContext, link: LinkRow, now: Date) {
  await tx.update(onboardingLinks).set({ lastProgressAt: now }).where(eq(onboardingLinks.id, link.id));
  await scheduleStallCheck(tx, link, now);
  const steps = await stepsOf(tx, link.id);
  const fresh = (await tx.select().from(onboardingLinks).where(eq(onboardingLinks.id, link.id)))[0];
  const progress = progressOf(fresh, steps);
  if (!progress.complete || fresh.completedAt) return;
  const claimed = await tx
    .update(onboardingLinks)
    .set({ completedAt: now })
    .where(and(eq(onboardingLinks.id, link.id), isNull(onboardingLinks.completedAt)))
    .returning();
  if (!claimed[0]) return;
  const workspace = (await tx.select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
  const toVerify = steps.filter((s) => s.status === "confirmed").length;
  await audit(tx, asClient(ctx), {
    action: "onboarding.completed",
    objectType: "onboarding_link",
    objectId: link.id,
    data: { awaitingVerification: toVerify },
  });
  await emitWebhook(tx, link.workspaceId, "onboarding.completed", {
    linkId: link.id,
    brandId: link.brandId,
    clientName: link.clientName,
    awaitingVerification: toVerify,
    at: now.toISOString(),
  });
  const url = `${agencyLinkPath(workspace.slug, link.id)}`;
  for (const userId of teamOf(link)) {
    await notify(tx, {
      workspaceId: link.workspaceId,
      userId,
      category: "onboarding",
      title: `${link.clientName} finished onboarding`,
      body: toVerify > 0 ? `${toVerify} ${toVerify === 1 ? "grant waits" : "grants wait"} for verification.` : "Every step is done.",
      url,
      email: {
        template: "onboarding-completed",
        props: {
          workspace: brandingOf(workspace),
          clientName: link.clientName,
          url: `${env().APP_URL}${url}`,
          completedAt: emailDateTime(now),
          timeToComplete: formatTimeTaken(now.getTime() - link.createdAt.getTime()),
          awaitingVerification: toVerify,
        },
      },
    });
  }
  await inviteApprover(tx, ctx, fresh, workspace);
}

/**
 * The approver the client named becomes a brand-lead invitation for the link's brand, once: the
 * same invitation row and email the members page makes, sent in the name of the link's creator.
 */
async function inviteApprover(tx: Queryable, ctx: ClientContext, link: LinkRow, workspace: WorkspaceRow) {
  const intake = readIntake(link.intake);
  const answers = readAnswers(link.answers);
  const email = answers.contacts.approverEmail.trim().toLowerCase();
  if (!intake.contacts || !email || !link.brandId || answers.approverInvitationId) return;
  const member = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, link.workspaceId), eq(users.email, email)))
    .limit(1);
  if (member[0]) return;
  const pending = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, link.workspaceId),
        eq(invitations.email, email),
        eq(invitations.brandId, link.brandId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  let invitationId = pending[0]?.id ?? null;
  if (!invitationId) {
    const brand = await tx.query.brands.findFirst({ where: eq(brands.id, link.brandId), columns: { name: true } });
    const inviter = link.createdBy
      ? await tx.query.users.findFirst({ where: eq(users.id, link.createdBy), columns: { name: true } })
      : null;
    const token = randomToken();
    const expiresAt = new Date(Date.now() + 14 * DAY_MS);
    const locale = asLocale(link.locale);
    const [inv] = await tx
      .insert(invitations)
      .values({
        workspaceId: link.workspaceId,
        email,
        role: "brand_lead",
        brandId: link.brandId,
        tokenHash: sha256(token),
        invitedBy: link.createdBy,
        expiresAt,
      })
      .returning();
    invitationId = inv.id;
    await audit(tx, asClient(ctx), {
      action: "member.invited",
      objectType: "invitation",
      objectId: inv.id,
      data: { email, role: "brand_lead", scope: brand?.name ?? null, from: "onboarding approver" },
    });
    await queueEmail(
      tx,
      {
        to: email,
        template: "invitation",
        props: {
          workspace: brandingOf(workspace),
          recipientName: answers.contacts.approverName || null,
          inviterName: inviter?.name ?? workspace.name,
          roleLabel: tFor(locale, "emails")("invitation.roleBrandLead"),
          scopeLabel: brand?.name ?? null,
          url: `${env().APP_URL}/invite/${token}`,
          expiresAt: emailDate(expiresAt, locale),
          // The approver is the client's colleague: the link's language, like every email the client's side gets.
          locale,
        },
      },
      { workspaceId: link.workspaceId },
    );
    await emitWebhook(tx, link.workspaceId, "member.invited", { invitationId: inv.id, role: "brand_lead" });
  }
  await writeAnswers(tx, link, { ...answers, approverInvitationId: invitationId });
}

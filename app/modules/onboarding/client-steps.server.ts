import { and, eq, isNull, sql } from "drizzle-orm";
import { accessSteps, onboardingLinks, stepForwards } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";
import { randomToken, sha256 } from "~/utils/crypto.server";
import { conflict, gone, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/email/send.server";
import { asLocale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import { refusalIn } from "./localized";
import { checkRateLimit, LIMITS } from "~/modules/auth/rate-limit.server";
import type { AssetIdResult } from "./catalog";
import { pinnedVersionsFor } from "./custom-platforms.server";
import { resolveStepPlatform, stepPlatformName } from "./step-platform";
import type { AccessStatus } from "./access-status";
import { assetContext } from "./client.server";
import { afterProgress, asClient, lockLink, writeAnswers } from "./client-progress.server";
import { isOpenForClient, readAnswers, readIntake } from "./link-model";
import { brandingOf, emailDate, scheduleForwardJobs, stepLinkUrl, type LinkRow } from "./shared.server";
import { applyStepEvent, type StepRow } from "./steps.server";
import { queueVerifyCheck } from "./access-checks/run.server";
import { LINK_GONE, type ClientContext, type ForwardedContext } from "./token-context.server";

/**
 * The client's commands on one platform step, from the link page or a forwarded step's page. Each
 * runs through `stepCommand`: one transaction that locks the link and the step and re-checks both.
 */

/** A forwarded step's context reaches that one step; the link's own context every step of the link. */
const onlyStepOf = (ctx: ClientContext | ForwardedContext): string | undefined => ("forward" in ctx ? ctx.forward.stepId : undefined);

type Locked = { link: LinkRow; step: StepRow };

/**
 * The one transaction shape of a step command: lock the link (an unusable link is gone) and the
 * step (one outside the link, or outside the forwarded step's reach, is not found), then `work`.
 */
async function stepCommand<T>(
  ctx: ClientContext,
  stepId: string,
  now: Date,
  work: (tx: Queryable, locked: Locked) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, ctx.link.id, now);
    if (!link) return gone(LINK_GONE);
    const only = onlyStepOf(ctx);
    const rows =
      only && only !== stepId
        ? []
        : await tx
            .select()
            .from(accessSteps)
            .where(and(eq(accessSteps.id, stepId), eq(accessSteps.linkId, link.id)))
            .for("update");
    if (!rows[0]) return notFound("That step is not part of this link.", { code: "not_in_link" });
    return work(tx, { link, step: rows[0] });
  });
}

/** A refusal of the state machine shown next to `field` as well as above the form. */
function onField<T>(outcome: Outcome<T>, field: string): Outcome<T> {
  return outcome.ok ? outcome : { ok: false, problem: { ...outcome.problem, fields: { [field]: [outcome.problem.message] } } };
}

/** The client's ID checked by the step's platform: a custom one by the pattern of the version it was sent with. */
async function checkAssetId(tx: Queryable, ctx: ClientContext, step: StepRow, raw: string): Promise<AssetIdResult> {
  const platform = resolveStepPlatform(step, await pinnedVersionsFor(tx, [step]));
  if (!platform)
    return {
      ok: false,
      code: "platform_gone",
      vars: {},
      message: "This platform is no longer offered. Ask the agency to re-issue the link.",
    };
  return platform.validate(raw, assetContext(ctx.workspace));
}

/** Autosave of an asset ID field: a valid ID is kept on the step, anything else as a draft with the reason. */
export function saveAssetDraft(ctx: ClientContext, input: { stepId: string; assetId: string }, now = new Date()): Promise<Outcome<string>> {
  return stepCommand(ctx, input.stepId, now, async (tx, { link, step }) => {
    const answers = readAnswers(link.answers);
    const raw = input.assetId;
    const checked = raw.trim() === "" ? null : await checkAssetId(tx, ctx, step, raw);
    const drafts = { ...answers.drafts };
    if (checked && !checked.ok) drafts[step.id] = raw.slice(0, 500);
    else delete drafts[step.id];
    await writeAnswers(tx, link, { ...answers, drafts });
    // Only an open step takes a new ID silently; a confirmed one changes through "I've granted access".
    if (checked?.ok && isOpenForClient(step.status as AccessStatus) && step.assetId !== checked.value) {
      await tx
        .update(accessSteps)
        .set({ assetId: checked.value, updatedAt: now, rowVersion: sql`${accessSteps.rowVersion} + 1` })
        .where(eq(accessSteps.id, step.id));
    }
    if (checked && !checked.ok) {
      const message = refusalIn(step.platformKey, checked, asLocale(link.locale));
      return invalid(message, { assetId: [message] });
    }
    return ok(checked?.ok ? checked.value : "");
  });
}

/** "I've granted access": the asset ID must validate; the state machine decides the rest. */
export function confirmStep(ctx: ClientContext, input: { stepId: string; assetId: string }, now = new Date()): Promise<Outcome<string>> {
  return stepCommand(ctx, input.stepId, now, async (tx, { link, step }) => {
    const checked = await checkAssetId(tx, ctx, step, input.assetId);
    const answers = readAnswers(link.answers);
    if (!checked.ok) {
      await writeAnswers(tx, link, { ...answers, drafts: { ...answers.drafts, [step.id]: input.assetId.slice(0, 500) } });
      const message = refusalIn(step.platformKey, checked, asLocale(link.locale));
      return invalid(message, { assetId: [message] });
    }
    const result = await applyStepEvent(tx, ctx, { step, event: "confirm", actor: "client", assetId: checked.value, now });
    if (!result.ok) return result;
    if (step.id in answers.drafts) {
      const drafts = { ...answers.drafts };
      delete drafts[step.id];
      await writeAnswers(tx, link, { ...answers, drafts });
    }
    // A repeated confirmation of the same asset is no progress: no stall check, no completion.
    if (result.value.changed) await afterProgress(tx, ctx, link, now);
    // With the platform connected, a check reads whether the agency can now see it (decision 065).
    if (result.value.changed) await queueVerifyCheck(tx, result.value.step, now);
    // The thank-you in the link's language, naming the platform as the client's page does.
    const locale = asLocale(link.locale);
    const platform = stepPlatformName(step, await pinnedVersionsFor(tx, [step]), locale);
    return ok(tFor(locale, "client")("step.thanks", { platform }));
  });
}

export function markNotApplicable(
  ctx: ClientContext,
  input: { stepId: string; reason: string },
  now = new Date(),
): Promise<Outcome<string>> {
  return stepCommand(ctx, input.stepId, now, async (tx, { link, step }) => {
    const result = await applyStepEvent(tx, ctx, { step, event: "mark_not_applicable", actor: "client", reason: input.reason, now });
    if (!result.ok) return onField(result, "reason");
    await afterProgress(tx, ctx, link, now);
    return ok("Marked as not applicable.");
  });
}

export function reopenStep(ctx: ClientContext, input: { stepId: string }, now = new Date()): Promise<Outcome<null>> {
  return stepCommand(ctx, input.stepId, now, async (tx, { link, step }) => {
    const result = await applyStepEvent(tx, ctx, { step, event: "reopen", actor: "client", now });
    if (!result.ok) return result;
    await tx.update(onboardingLinks).set({ completedAt: null }).where(eq(onboardingLinks.id, link.id));
    return ok(null);
  });
}

const MAX_FORWARDS_PER_STEP = 5;

/** Gives one colleague a link to this step alone: its own token, expiry and reminders. */
export async function forwardStep(
  ctx: ClientContext,
  input: { stepId: string; name: string; email: string; message: string },
  now = new Date(),
): Promise<Outcome<string>> {
  const limited = await checkRateLimit([`onboard-forward:${ctx.link.id}`], LIMITS.emailSend);
  if (!limited.ok) return limited;
  return stepCommand(ctx, input.stepId, now, async (tx, { link, step }) => {
    if (!isOpenForClient(step.status as AccessStatus))
      return conflict("This step is already done, so there is nothing to forward.", { code: "already_done" });
    const existing = await tx
      .select({ id: stepForwards.id })
      .from(stepForwards)
      .where(and(eq(stepForwards.stepId, step.id), isNull(stepForwards.revokedAt)));
    if (existing.length >= MAX_FORWARDS_PER_STEP) {
      const message = `This step was already forwarded ${MAX_FORWARDS_PER_STEP} times. Ask one of those colleagues, or do it yourself.`;
      return invalid(message, { email: [message] }, { code: "forward_limit", vars: { max: MAX_FORWARDS_PER_STEP } });
    }
    const token = randomToken();
    const [forward] = await tx
      .insert(stepForwards)
      .values({
        workspaceId: link.workspaceId,
        stepId: step.id,
        linkId: link.id,
        email: input.email,
        name: input.name || null,
        tokenHash: sha256(token),
        expiresAt: link.expiresAt,
        createdAt: now,
      })
      .returning();
    const answers = readAnswers(link.answers);
    const fromName = answers.contacts.contactName || readIntake(link.intake).recipientName || link.clientName;
    const locale = asLocale(link.locale);
    const platformName = stepPlatformName(step, await pinnedVersionsFor(tx, [step]), locale);
    const url = stepLinkUrl(token);
    await queueEmail(
      tx,
      {
        to: input.email,
        template: "onboarding-step-forwarded",
        props: {
          workspace: brandingOf(ctx.workspace),
          fromName,
          recipientName: input.name || null,
          platformName,
          clientName: link.clientName,
          message: input.message || null,
          url,
          expiresAt: emailDate(forward.expiresAt, locale),
          locale,
        },
      },
      { workspaceId: link.workspaceId },
    );
    await scheduleForwardJobs(tx, forward, url);
    await audit(tx, asClient(ctx), {
      action: "onboarding.step_forwarded",
      objectType: "access_step",
      objectId: step.id,
      data: { linkId: link.id, platform: step.platformKey, to: input.email },
    });
    return ok(tFor(locale, "client")("errors.forwarded", { email: input.email, platform: platformName }));
  });
}

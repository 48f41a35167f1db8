import { and, eq, isNull } from "drizzle-orm";
import { onboardingLinks } from "@db/schema";
import { db } from "~/utils/db.server";
import { conflict, CORRECT_FIELDS, gone, invalid, notFound, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { afterProgress, asClient, lockLink, writeAnswers } from "./client-progress.server";
import { finishWith, saveIntakeDraft, type FinishCheck, type IntakeSave } from "./intake-draft";
import { intakeLabels, readAnswers, readIntake, type BrandKitFile, type LinkAnswers } from "./link-model";
import { questionnaireSchema, type QuestionnaireQuestion } from "./questionnaire";
import { contactsSchema, intakeDraftFields } from "./schemas";
import { LINK_GONE, type ClientContext } from "./token-context.server";
import { agreementTextIn } from "./localized";
import { describeIn } from "./client-refusals";
import { asLocale } from "~/modules/i18n/locales";

/**
 * The client's intake steps (contacts, questionnaire, brand kit, agreement): each change locks the
 * link and re-checks it is usable, in one transaction, like the platform steps (client-steps.server.ts).
 */

/** `Problem.code` of a refused intake save that still kept what was valid so far. */
export const PARTLY_SAVED = "partly_saved";

export type Section = "contacts" | "questionnaire" | "brandKit";

/** The same, when the person finished the step and required fields are missing (or the brand kit has neither file nor note). */
export const PARTLY_SAVED_FINISH = "partly_saved_finish";
export const PARTLY_SAVED_KIT = "partly_saved_brand_kit";

/** Whether a refused intake save still kept what was valid so far (the autosave answer's `saved`). */
export const keptSoFar = (code: string | undefined) => code === PARTLY_SAVED || code === PARTLY_SAVED_FINISH || code === PARTLY_SAVED_KIT;

const BRAND_KIT_MISSING = "Upload at least one file, or tell us in the note where we can find your brand assets.";
type QuestionKey = QuestionnaireQuestion["key"];

/**
 * Saves an intake section as typed (`complete` false: nothing is required yet) or finishes it
 * (`complete` true: what the step demands must hold). Either way what is valid so far is kept
 * (intake-draft.ts); refused fields come back as field errors, as the page shows them.
 */
export async function saveIntake(
  ctx: ClientContext,
  input: { section: Section; raw: Record<string, unknown>; complete: boolean },
  now = new Date(),
): Promise<Outcome<string | null>> {
  const { section, raw, complete } = input;
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, ctx.link.id, now);
    if (!link) return gone(LINK_GONE);
    const intake = readIntake(link.intake);
    const answers = readAnswers(link.answers);
    const enabled = section === "contacts" ? intake.contacts : section === "questionnaire" ? intake.questionnaire : intake.brandKit;
    if (!enabled) return notFound("This link does not ask for that.", { code: "not_in_link" });
    // Field messages in the link's language (client-refusals.ts): they are shown as they are.
    const describe = describeIn(asLocale(link.locale));

    let result: IntakeSave<Record<string, string>>;
    let next: LinkAnswers;
    if (section === "contacts") {
      const { done, ...saved } = answers.contacts;
      const contacts = saveIntakeDraft({
        fields: intakeDraftFields.contacts,
        finish: finishWith(contactsSchema, describe),
        saved,
        wasDone: done,
        raw,
        complete,
        describe,
      });
      next = { ...answers, contacts: { ...contacts.values, done: contacts.done } };
      result = contacts;
    } else if (section === "questionnaire") {
      const { done, ...saved } = answers.questionnaire;
      const questionnaire = saveIntakeDraft({
        fields: intakeDraftFields.questionnaire,
        finish: finishWith(questionnaireSchema, describe),
        saved: saved as Record<QuestionKey, string>,
        wasDone: done,
        raw,
        complete,
        describe,
      });
      next = { ...answers, questionnaire: { ...questionnaire.values, done: questionnaire.done } };
      result = questionnaire;
    } else {
      const hasFiles = answers.brandKit.files.length > 0;
      const finishKit = (v: { brandKitNote: string }): FinishCheck<{ brandKitNote: string }> =>
        hasFiles || v.brandKitNote !== "" ? { ok: true, values: v } : { ok: false, errors: { brandKitNote: [BRAND_KIT_MISSING] } };
      const kit = saveIntakeDraft({
        fields: intakeDraftFields.brandKit,
        finish: finishKit,
        saved: { brandKitNote: answers.brandKit.note },
        wasDone: answers.brandKit.done,
        raw,
        complete,
        describe,
      });
      next = { ...answers, brandKit: { ...answers.brandKit, note: kit.values.brandKitNote, done: kit.done } };
      result = kit;
    }
    // What is valid so far is written even when another field is refused; nothing changed, nothing written.
    const changed = JSON.stringify(next) !== JSON.stringify(answers);
    if (changed) await writeAnswers(tx, link, next);
    if (!result.ok) {
      const missingKit = section === "brandKit" && result.errors.brandKitNote?.includes(BRAND_KIT_MISSING);
      const message = missingKit
        ? BRAND_KIT_MISSING
        : !changed
          ? CORRECT_FIELDS
          : complete
            ? "What you typed is saved. Fill in the highlighted fields to finish this step."
            : "Saved, except the highlighted fields: they keep their last saved value until they are fixed.";
      // `partly_saved`: the autosave answer tells the page that what was valid is kept; each code names its sentence.
      const code = missingKit
        ? changed
          ? PARTLY_SAVED_KIT
          : "brand_kit_missing"
        : !changed
          ? undefined
          : complete
            ? PARTLY_SAVED_FINISH
            : PARTLY_SAVED;
      return invalid(message, result.errors, code ? { code } : {});
    }
    if (complete) {
      await audit(tx, asClient(ctx), {
        action: "onboarding.intake_completed",
        objectType: "onboarding_link",
        objectId: link.id,
        data: { section },
      });
      await afterProgress(tx, ctx, link, now);
    }
    const label =
      section === "contacts" ? intakeLabels.contacts : section === "questionnaire" ? intakeLabels.questionnaire : intakeLabels.brand_kit;
    return ok(complete ? `${label}: saved. Thank you.` : null);
  });
}

/** Files the token-authorised upload route stored: attached to this link's brand kit. */
export async function attachBrandKitFiles(ctx: ClientContext, files: BrandKitFile[], now = new Date()): Promise<Outcome<null>> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, ctx.link.id, now);
    if (!link) return gone(LINK_GONE);
    if (!readIntake(link.intake).brandKit) return notFound("This link does not ask for a brand kit.", { code: "not_in_link" });
    const answers = readAnswers(link.answers);
    await writeAnswers(tx, link, {
      ...answers,
      brandKit: { ...answers.brandKit, files: [...answers.brandKit.files, ...files].slice(0, 50) },
    });
    await audit(tx, asClient(ctx), {
      action: "onboarding.files_uploaded",
      objectType: "onboarding_link",
      objectId: link.id,
      data: { files: files.map((f) => f.name) },
    });
    return ok(null);
  });
}

export async function removeBrandKitFile(ctx: ClientContext, fileId: string, now = new Date()): Promise<Outcome<string>> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, ctx.link.id, now);
    if (!link) return gone(LINK_GONE);
    const answers = readAnswers(link.answers);
    if (!answers.brandKit.files.some((f) => f.id === fileId)) return notFound("That file is not part of this brand kit.");
    const files = answers.brandKit.files.filter((f) => f.id !== fileId);
    await writeAnswers(tx, link, {
      ...answers,
      brandKit: { ...answers.brandKit, files, done: answers.brandKit.done && (files.length > 0 || answers.brandKit.note !== "") },
    });
    return ok("File removed.");
  });
}

export async function signAgreement(ctx: ClientContext, input: { agreementName: string }, now = new Date()): Promise<Outcome<string>> {
  return db().transaction(async (tx) => {
    const link = await lockLink(tx, ctx.link.id, now);
    if (!link) return gone(LINK_GONE);
    if (!readIntake(link.intake).agreement) return notFound("This link has no agreement to sign.", { code: "not_in_link" });
    const ip = ctx.actor.ip;
    const rows = await tx
      .update(onboardingLinks)
      .set({ agreementName: input.agreementName, agreementAt: now, agreementIp: ip })
      .where(and(eq(onboardingLinks.id, link.id), isNull(onboardingLinks.agreementAt)))
      .returning();
    if (!rows[0]) return conflict("The agreement was already signed.", { code: "agreement_signed" });
    await audit(tx, asClient(ctx), {
      action: "onboarding.agreement_signed",
      objectType: "onboarding_link",
      objectId: link.id,
      // The text as the client read it when signing (the default one in their language).
      data: { name: input.agreementName, text: agreementTextIn(readIntake(link.intake).agreementText, asLocale(link.locale)) },
    });
    await afterProgress(tx, ctx, link, now);
    return ok("Agreement signed. Thank you.");
  });
}

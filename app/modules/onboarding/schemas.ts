import { z } from "zod";
import enClient from "~/locales/en/client.json";
import { localeSchema } from "~/modules/i18n/locales";
import { platformKeys } from "./catalog";
import { serviceTypes } from "./presets";
import { CUSTOM_KEY_PATTERN, CUSTOM_PREFIX } from "./custom-platforms";
import type { DraftFields } from "./intake-draft";
import { questionnaireDraftSchema, questionnaireQuestions } from "./questionnaire";
import { idempotencyKeySchema } from "~/utils/idempotency";
import { ID_PATTERN } from "~/utils/ids";
import { checkbox, text as textField } from "~/utils/text-schema";
import { agencyT } from "~/modules/i18n/agency";

/**
 * The forms of the onboarding capability, as zod schemas: what the agency posts when it creates
 * or decides, and what the client posts through the token page. Pure, so tests and routes share it.
 */

export const LINK_DEFAULT_DAYS = 30;
export const LINK_MAX_DAYS = 90;
export const REASON_MAX = 500;

/** The agreement a link carries when the agency writes none; a client reads it in their language (client:intake.agreement.defaultText). */
export const DEFAULT_AGREEMENT = enClient.intake.agreement.defaultText;

/** How many brand-kit files one upload takes. */
export const MAX_FILES_PER_UPLOAD = 10;

/** Ids in URLs and forms: our own 32-hex ids. A malformed one is bad input (400), not a lookup. */
export const idSchema = z
  .string({ required_error: agencyT("errors.chooseFromList"), invalid_type_error: agencyT("errors.chooseFromList") })
  .regex(ID_PATTERN, agencyT("errors.badId"));

const text = (max: number, label: string, least?: { min: number; message: string }) =>
  textField({
    max,
    invalidType: agencyT("errors.mustBeText", { label }),
    tooLong: agencyT("errors.keepUnder", { what: label.toLowerCase(), max }),
    min: least?.min,
    tooShort: least?.message,
  });

const optionalText = (max: number, label: string) => z.preprocess((v) => (v === null || v === undefined ? "" : v), text(max, label));

const emailField = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().toLowerCase().email(message).max(254, message);

const optionalEmail = (message: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), emailField(message).optional());

export const reasonSchema = z.object({
  reason: textField({
    required: agencyT("errors.reasonMissing"),
    min: 3,
    tooShort: agencyT("errors.reasonTooShort", { min: 3 }),
    max: REASON_MAX,
    tooLong: agencyT("errors.reasonTooLong", { max: REASON_MAX }),
  }),
});

/** A built-in platform, or one the workspace defined (`custom:<slug>`, looked up when the link is made). */
const stepPlatformKeySchema = z.union([z.enum(platformKeys), z.string().regex(CUSTOM_KEY_PATTERN, agencyT("errors.platformNotOffered"))]);
/** Custom platforms one link may ask for, besides every built-in one. */
const MAX_CUSTOM_PER_LINK = 20;

/** The agency's "new link" form. Platforms arrive as `platform_<key>=on` with `role_<key>`. */
/** How long a new or re-issued link lives: whole days, 1 to LINK_MAX_DAYS, LINK_DEFAULT_DAYS when left empty. */
const linkLifetimeDays = z.coerce
  .number({ invalid_type_error: agencyT("errors.daysNumber") })
  .int(agencyT("errors.daysWhole"))
  .min(1, agencyT("errors.daysAtLeastOne"))
  .max(LINK_MAX_DAYS, agencyT("errors.daysAtMost", { max: LINK_MAX_DAYS }))
  .default(LINK_DEFAULT_DAYS);

export const createLinkSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    brandId: z.preprocess((v) => (v === "" || v === undefined ? "new" : v), z.union([z.literal("new"), idSchema])),
    newClientName: optionalText(120, agencyT("fields.clientName")),
    clientEmail: optionalEmail(agencyT("errors.clientEmailFormat")),
    recipientName: optionalText(120, agencyT("fields.contactName")),
    serviceType: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.enum(serviceTypes, { errorMap: () => ({ message: agencyT("errors.chooseServiceType") }) }).optional(),
    ),
    message: optionalText(1000, agencyT("fields.note")),
    locale: z.preprocess((v) => (v === "" || v === undefined ? "en" : v), localeSchema),
    expiresInDays: linkLifetimeDays,
    accountManagerId: z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional()),
    brandKit: checkbox,
    contacts: checkbox,
    questionnaire: checkbox,
    agreement: checkbox,
    agreementText: optionalText(2000, agencyT("fields.agreementText")),
    sendEmail: checkbox,
    platforms: z
      .array(
        z.object({
          platformKey: stepPlatformKeySchema,
          role: text(200, agencyT("fields.role"), { min: 1, message: agencyT("errors.chooseRole") }),
        }),
      )
      .max(platformKeys.length + MAX_CUSTOM_PER_LINK, agencyT("errors.tooManyPlatforms")),
  })
  .superRefine((v, ctx) => {
    if (v.brandId === "new" && v.newClientName.length < 2) {
      ctx.addIssue({ code: "custom", path: ["newClientName"], message: agencyT("errors.nameNewClient") });
    }
    if (v.platforms.length === 0 && !v.brandKit && !v.contacts && !v.questionnaire && !v.agreement) {
      ctx.addIssue({ code: "custom", path: ["platforms"], message: agencyT("errors.choosePlatform") });
    }
    if (v.sendEmail && !v.clientEmail) {
      ctx.addIssue({ code: "custom", path: ["clientEmail"], message: agencyT("errors.clientEmailToSend") });
    }
  });
export type CreateLinkInput = z.infer<typeof createLinkSchema>;

/**
 * Collects `platform_<key>` / `role_<key>` pairs from a posted form (as an object: a repeated field
 * is a list, and counts by its first value like `FormData.get`) into the array the schema expects.
 */
export function platformsFromForm(form: Record<string, unknown>): Array<{ platformKey: string; role: unknown }> {
  const first = (key: string) => {
    const value = form[key];
    return Array.isArray(value) ? value[0] : value;
  };
  // Custom platforms' fields (`platform_custom:<slug>`) follow the catalog's, in the order posted.
  const custom = Object.keys(form)
    .filter((k) => k.startsWith(`platform_${CUSTOM_PREFIX}`))
    .map((k) => k.slice("platform_".length));
  return [...platformKeys, ...custom].flatMap((key) =>
    first(`platform_${key}`) === "on" ? [{ platformKey: key, role: first(`role_${key}`) ?? "" }] : [],
  );
}

/**
 * The "new link" form as it is posted, platforms as pairs of fields: the action parses with it and
 * the browser checks with it when the form is sent (conform), so both say the same messages.
 */
export const createLinkFormSchema = z.preprocess((raw) => {
  const form = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  return { ...form, platforms: platformsFromForm(form) };
}, createLinkSchema);

export const reissueSchema = z.object({
  expiresInDays: linkLifetimeDays,
  sendEmail: checkbox,
});

// --- the client's side -------------------------------------------------------------------------

export const assetSchema = z.object({
  stepId: idSchema,
  assetId: textField({ required: "Enter the ID.", trim: false, max: 500, tooLong: "That is too long for an ID: paste the ID alone." }),
});

export const notApplicableSchema = z.object({ stepId: idSchema }).merge(reasonSchema);

/** The agency's decision on a step (verify, revoke, reopen); `version` is the row it was shown. */
export const stepDecisionSchema = z.object({
  stepId: idSchema,
  version: z.coerce
    .number({ invalid_type_error: agencyT("errors.reloadAndRetry") })
    .int()
    .min(0)
    .max(1_000_000)
    .optional(),
});
/** A decision the other side must read a reason for (reject, not applicable). */
export const reasonedDecisionSchema = stepDecisionSchema.merge(reasonSchema);

export const forwardSchema = z.object({
  stepId: idSchema,
  name: optionalText(120, "The name"),
  email: emailField("Enter your colleague's email address."),
  message: optionalText(1000, "The note"),
});

export const contactsSchema = z.object({
  contactName: text(120, "Your name", { min: 1, message: "Enter the name of your main contact." }),
  contactEmail: emailField("Enter your main contact's email address."),
  contactRole: optionalText(120, "The role"),
  approverName: text(120, "The approver's name", { min: 1, message: "Name the person who signs off content." }),
  approverEmail: emailField("Enter the approver's email: they get an invitation to sign off content."),
  otherContacts: optionalText(1000, "Other contacts"),
});
export const contactsDraftSchema = z.object({
  contactName: optionalText(120, "Your name"),
  contactEmail: optionalText(254, "The email"),
  contactRole: optionalText(120, "The role"),
  approverName: optionalText(120, "The approver's name"),
  approverEmail: optionalText(254, "The approver's email"),
  otherContacts: optionalText(1000, "Other contacts"),
});
export type ContactsDraft = z.infer<typeof contactsDraftSchema>;

export const questionnaireFields = questionnaireQuestions.map((q) => q.key);

export const agreementSchema = z.object({
  agreementName: text(120, "Your name", { min: 2, message: "Type your full name to sign." }),
  agreementAccepted: z.literal("on", { errorMap: () => ({ message: "Tick the box to accept the agreement." }) }),
});

export const brandKitSchema = z.object({
  brandKitNote: optionalText(1000, "The note"),
});

/** The text fields of each intake step, each checked alone while typed (the rule: intake-draft.ts). */
export const intakeDraftFields = {
  contacts: contactsDraftSchema.shape,
  questionnaire: questionnaireDraftSchema.shape,
  brandKit: brandKitSchema.shape,
} satisfies Record<string, DraftFields>;

export const offboardingItemSchema = z.object({ itemId: idSchema });

/** The client's language switch on their page (decision 060). */
export const languageSchema = z.object({ locale: localeSchema });

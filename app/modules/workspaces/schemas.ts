import { z } from "zod";
import { ROLES } from "@db/schema/roles";
import { idField } from "~/utils/ids";
import { cleanText, text } from "~/utils/text-schema";
import { canonicalTimeZone, isValidTimeZone } from "~/utils/time";

export const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour like #4f46e5.");

export const workspaceSchema = z.object({
  name: text({
    required: "Name your workspace.",
    min: 2,
    tooShort: "Use at least 2 characters.",
    max: 80,
    tooLong: "Use at most 80 characters.",
  }),
  slug: z
    .string({ required_error: "Choose a web address." })
    .trim()
    .toLowerCase()
    .min(3, "Use at least 3 characters.")
    .max(40, "Use at most 40 characters.")
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes, like northwind-studio."),
  accentColor: hexColor.default("#4f46e5"),
  logoUrl: z
    .union([
      z.literal(""),
      text({ max: 500 }).pipe(z.string().url("Enter a full https:// address.").startsWith("https://", "Use an https:// address.")),
    ])
    .optional(),
  welcomeText: text({ max: 600, tooLong: "Keep the welcome text under 600 characters." }).default(""),
});

export const MAX_DISCLOSURE_WORDS = 20;
export const MAX_DISCLOSURE_WORD_LENGTH = 40;

/**
 * The disclosures a brief may require (workspaces.disclosure_words), posted one word or phrase per
 * line. Each needs a letter or digit and two characters at least: "#" or "a" alone would match
 * almost any text, so every brief's disclosure would pass. Repeats (ignoring case) are dropped.
 */
export const disclosureWordsSchema = cleanText({ required: "Add at least one disclosure word or phrase, like #ad." })
  .transform((lines) =>
    lines
      .split("\n")
      .map((line) => line.trim().replace(/\s+/g, " "))
      .filter((line) => line !== ""),
  )
  .superRefine((words, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    if (words.length === 0) issue("Add at least one disclosure word or phrase, like #ad.");
    if (words.length > MAX_DISCLOSURE_WORDS) issue(`Keep it to ${MAX_DISCLOSURE_WORDS} words or phrases.`);
    for (const word of words) {
      if (word.length > MAX_DISCLOSURE_WORD_LENGTH)
        issue(`"${word.slice(0, 20)}…" is too long: keep each line under ${MAX_DISCLOSURE_WORD_LENGTH} characters.`);
      else if (!/[\p{L}\p{N}]/u.test(word)) issue(`"${word}" needs a letter or digit, like #ad.`);
      else if (word.length < 2) issue(`"${word}" is too short: use a word or phrase like #ad.`);
    }
  })
  .transform((words) => words.filter((word, i) => words.findIndex((w) => w.toLowerCase() === word.toLowerCase()) === i));

/** An IANA zone (luxon knows it), stored in its canonical spelling ("europe/berlin" -> "Europe/Berlin"). */
export const timeZoneField = z
  .string({ required_error: "Choose a time zone.", invalid_type_error: "Choose a time zone from the list." })
  .trim()
  .min(1, "Choose a time zone.")
  .max(64, "Choose a time zone from the list.")
  .refine(isValidTimeZone, "Choose a time zone from the list.")
  .transform(canonicalTimeZone);

export const brandingSchema = workspaceSchema.omit({ slug: true }).extend({
  // Optional: a post without the field (an older form) keeps the workspace's words.
  disclosureWords: disclosureWordsSchema.optional(),
  // The zone insights count days and ISO weeks in (decision 053); optional like the words above.
  timeZone: timeZoneField.optional(),
  signoffWindowHours: z.coerce
    .number({ invalid_type_error: "Enter a number of hours." })
    .int("Use whole hours.")
    .min(1, "At least 1 hour.")
    .max(336, "At most 336 hours (14 days)."),
});

/** A select that may be left on "none" (posted as ""). */
const optionalId = (message: string) => z.union([z.literal(""), idField(message)]).optional();

export const inviteSchema = z
  .object({
    email: z.string({ required_error: "Enter an email address." }).trim().toLowerCase().email("Enter a valid email address.").max(254),
    role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
    agencyId: optionalId("Choose an agency from the list."),
    brandId: optionalId("Choose a brand from the list."),
    creatorId: optionalId("Choose a creator profile from the list."),
  })
  .superRefine((v, ctx) => {
    if (v.role === "owner") ctx.addIssue({ code: "custom", path: ["role"], message: "Ownership cannot be given by invitation." });
    if (v.role === "agency_member" && !v.agencyId)
      ctx.addIssue({ code: "custom", path: ["agencyId"], message: "Choose the agency this person works for." });
    if ((v.role === "brand_lead" || v.role === "client_contact") && !v.brandId)
      ctx.addIssue({ code: "custom", path: ["brandId"], message: "Choose the brand this person represents." });
    if (v.role === "creator" && !v.creatorId)
      ctx.addIssue({ code: "custom", path: ["creatorId"], message: "Choose the creator profile for this person." });
  });

export const changeRoleSchema = z.object({
  membershipId: idField("Choose a member from the list."),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
  agencyId: optionalId("Choose an agency from the list."),
  brandId: optionalId("Choose a brand from the list."),
  creatorId: optionalId("Choose a creator profile from the list."),
});

/** The members page's row forms: which member, and the "role" or "role:scopeId" one select posts. */
export const memberIdSchema = z.object({ membershipId: idField("Choose a member from the list.") });
export const assignmentSchema = memberIdSchema.extend({
  assignment: text({ required: "Choose a role.", min: 1, max: 140, tooLong: "Choose a role from the list." }),
});

export const nameSchema = text({ required: "Enter a name.", min: 1, max: 120, tooLong: "Use at most 120 characters." });

/** Time zones offered when adding a brand: a short list; any valid IANA zone is accepted. */
export const BRAND_TIME_ZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Stockholm",
  "Africa/Johannesburg",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
] as const;

export const brandSchema = z.object({
  name: nameSchema,
  category: text({ max: 60, tooLong: "Keep the category under 60 characters." })
    .optional()
    .transform((v) => v || undefined),
  timeZone: z
    .string({ required_error: "Choose a time zone." })
    .trim()
    .min(1, "Choose a time zone.")
    .max(64)
    .refine(isValidTimeZone, "Choose a time zone from the list.")
    .transform(canonicalTimeZone),
  color: hexColor,
});

export const agencySchema = z.object({ name: nameSchema });

export const creatorSchema = z.object({
  name: nameSchema,
  handle: z
    .string()
    .trim()
    .max(60, "Keep the handle under 60 characters.")
    .regex(/^(@?[\w.-]+)?$/, "Use letters, digits, dots, dashes and underscores, like @mayamakes.")
    .optional()
    .transform((v) => (v ? (v.startsWith("@") ? v : `@${v}`) : undefined)),
});

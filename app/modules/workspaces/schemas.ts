import { z } from "zod";
import { ROLES } from "@db/schema/roles";

export const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour like #4f46e5.");

export const workspaceSchema = z.object({
  name: z.string({ required_error: "Name your workspace." }).trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters."),
  slug: z
    .string({ required_error: "Choose a web address." })
    .trim()
    .toLowerCase()
    .min(3, "Use at least 3 characters.")
    .max(40, "Use at most 40 characters.")
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes, like northwind-studio."),
  accentColor: hexColor.default("#4f46e5"),
  logoUrl: z.union([z.literal(""), z.string().trim().url("Enter a full https:// address.").max(500).startsWith("https://", "Use an https:// address.")]).optional(),
  welcomeText: z.string().trim().max(600, "Keep the welcome text under 600 characters.").default(""),
});

export const brandingSchema = workspaceSchema.omit({ slug: true }).extend({
  signoffWindowHours: z.coerce.number({ invalid_type_error: "Enter a number of hours." }).int("Use whole hours.").min(1, "At least 1 hour.").max(336, "At most 336 hours (14 days)."),
});

export const inviteSchema = z
  .object({
    email: z.string({ required_error: "Enter an email address." }).trim().toLowerCase().email("Enter a valid email address.").max(254),
    role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
    agencyId: z.string().max(64).optional(),
    brandId: z.string().max(64).optional(),
    creatorId: z.string().max(64).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "owner") ctx.addIssue({ code: "custom", path: ["role"], message: "Ownership cannot be given by invitation." });
    if (v.role === "agency_member" && !v.agencyId) ctx.addIssue({ code: "custom", path: ["agencyId"], message: "Choose the agency this person works for." });
    if ((v.role === "brand_lead" || v.role === "client_contact") && !v.brandId) ctx.addIssue({ code: "custom", path: ["brandId"], message: "Choose the brand this person represents." });
    if (v.role === "creator" && !v.creatorId) ctx.addIssue({ code: "custom", path: ["creatorId"], message: "Choose the creator profile for this person." });
  });

export const changeRoleSchema = z.object({
  membershipId: z.string().min(1).max(64),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
  agencyId: z.string().max(64).optional(),
  brandId: z.string().max(64).optional(),
  creatorId: z.string().max(64).optional(),
});

export const nameSchema = z.string({ required_error: "Enter a name." }).trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

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

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const brandSchema = z.object({
  name: nameSchema,
  category: z.string().trim().max(60, "Keep the category under 60 characters.").optional().transform((v) => v || undefined),
  timeZone: z
    .string({ required_error: "Choose a time zone." })
    .trim()
    .min(1, "Choose a time zone.")
    .max(64)
    .refine(isValidTimeZone, "Choose a time zone from the list.")
    .transform((tz) => new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone),
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

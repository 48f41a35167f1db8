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

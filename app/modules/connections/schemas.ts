import { z } from "zod";

/** The connections page's forms (issue 19): shared by the action and the browser's conform checks. */
export const CONNECTION_INTENTS = ["connect-google", "connect-meta", "disconnect"] as const;
export const connectionIntentSchema = z.object({
  intent: z.enum(CONNECTION_INTENTS, { errorMap: () => ({ message: "Unknown action." }) }),
});

export const metaConnectFormSchema = z.object({
  businessId: z
    .string({ required_error: "Enter your business portfolio ID." })
    .trim()
    .regex(/^\d{5,20}$/, "A business portfolio ID is digits only (Business settings > Business info)."),
  token: z
    .string({ required_error: "Paste the system user's access token." })
    .trim()
    .min(20, "That is too short for a Meta access token: copy the whole token.")
    .max(1000, "That is too long for a Meta access token.")
    .regex(/^[A-Za-z0-9_\-.|]+$/, "A Meta access token has no spaces or punctuation: copy it again from Business settings > System users."),
});

export const disconnectSchema = z.object({
  provider: z.enum(["google", "meta"], { errorMap: () => ({ message: "Choose Google or Meta." }) }),
  rowVersion: z.coerce.number({ invalid_type_error: "Reload the page and try again." }).int().min(0).max(1_000_000),
});

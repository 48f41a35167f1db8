import { z } from "zod";
import { text } from "~/utils/text-schema";

export const email = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@company.com.");

// Length only: composition rules make passwords weaker, not stronger (NIST 800-63B).
export const password = z
  .string({ required_error: "Enter a password." })
  .min(8, "Use at least 8 characters.")
  .max(256, "Use at most 256 characters.");

const redirectTo = text({ max: 500, trim: false }).optional();

export const signInSchema = z.object({
  email,
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(256),
  redirectTo,
});
export const signUpSchema = z.object({
  name: text({ required: "Enter your name.", min: 1, max: 120, tooLong: "Use at most 120 characters." }),
  email,
  password,
  redirectTo,
});
export const emailOnlySchema = z.object({ email, redirectTo });
export const resetSchema = z.object({ password });

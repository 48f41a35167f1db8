import { z } from "zod";
import { formatCount } from "~/utils/numbers";

/**
 * The one schema every text input goes through (security.md 20, 21, 41). Line endings become LF
 * (browsers post textareas with CRLF), then text that no person typed is refused with a 400:
 * - C0 control characters other than tab and line feed: PostgreSQL refuses NUL in text and
 *   jsonb (a 500 before this), and the rest are invisible, so a stored name could differ from
 *   what everyone sees;
 * - DEL (U+007F): a control character too, never typed into a field, invisible on the page;
 * - lone surrogates (half of an emoji): they cannot be encoded as UTF-8, so they would be stored
 *   as U+FFFD or refused by the driver.
 */

// CR is absent on purpose: it has already been turned into LF when this runs.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const CONTROL_CHARACTER_MESSAGE =
  "Remove the invisible control character (such as a NUL byte, often left by copying from another program): only text, tabs and line breaks are accepted.";
export const LONE_SURROGATE_MESSAGE = "Retype this text: it holds a broken character (half of an emoji or symbol).";

/** CRLF and CR become LF, so a value never differs from the stored one by line endings alone. */
export function toLineFeeds(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

/** Why this (already LF-normalised) text is refused, or null when it is fine. */
export function textProblem(value: string): string | null {
  if (CONTROL_CHARACTER.test(value)) return CONTROL_CHARACTER_MESSAGE;
  if (LONE_SURROGATE.test(value)) return LONE_SURROGATE_MESSAGE;
  return null;
}

export interface TextMessages {
  /** When the field is missing, or is not text (a repeated field or a file). */
  required?: string;
  /** When the field is present but not text; defaults to `required`. */
  invalidType?: string;
}

/** A string with LF line endings and no control characters or lone surrogates; pipe it into the field's own checks. */
export function cleanText(messages: TextMessages = {}) {
  const required = messages.required;
  return z
    .string({ required_error: required, invalid_type_error: messages.invalidType ?? required ?? "Enter text." })
    .transform((value, ctx) => {
      const lf = toLineFeeds(value);
      const problem = textProblem(lf);
      if (problem === null) return lf;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      return z.NEVER;
    });
}

export interface TextOptions extends TextMessages {
  max: number;
  min?: number;
  /** Trim surrounding white space first (default); passwords keep theirs. */
  trim?: boolean;
  /** When shorter than `min` (after trimming); defaults to `required`. */
  tooShort?: string;
  tooLong?: string;
}

/** A text field: clean (see above), trimmed, between `min` and `max` characters. */
export function text({ max, min = 0, trim = true, tooShort, tooLong, ...messages }: TextOptions) {
  let field = z.string();
  if (trim) field = field.trim();
  if (min > 0) field = field.min(min, tooShort ?? messages.required ?? `Use at least ${min} characters.`);
  field = field.max(max, tooLong ?? `Use at most ${formatCount(max)} characters.`);
  return cleanText(messages).pipe(field);
}

/** A checkbox as forms post it: ticked is "on" (or "true"/"1" from scripts), anything else unticked. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());

// Input schemas of the calendar's actions. Every field is a string from a form; zod turns it into
// what the services take, or into a message next to the field.

import { z } from "zod";
import { ID_PATTERN } from "~/utils/ids";
import { text as textField, type TextOptions } from "~/utils/text-schema";
import { publishAtField } from "~/modules/approvals/publish-time";
import { CHANNELS, type Channel } from "~/modules/channels/channels";
import { DAY_MS, fromLocalInput, isValidTimeZone } from "~/utils/time";
import { invalid, ok, type Outcome } from "~/utils/outcome";

const id = (label: string) =>
  z
    .string({ required_error: `Choose ${label}.`, invalid_type_error: `Choose ${label}.` })
    .regex(ID_PATTERN, `That is not a valid ${label}.`);
const text = (label: string, options: Omit<TextOptions, "required" | "invalidType">) =>
  textField({ required: `${label} is required.`, invalidType: `${label} must be text.`, ...options });
const localDateTime = (label: string) => {
  const message = `Give ${label.toLowerCase()} as a date and time.`;
  return text(label, { trim: false, max: 19, tooLong: message }).pipe(
    z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, message),
  );
};

export const CONFLICT_KEY = /^(CAMPAIGN_OVERLAP|POST_COLLISION|CREATOR_EXCLUSIVITY|BLACKOUT|SIGNOFF_RISK|ACCESS_MISSING):[\w+:./-]{1,300}$/;
export const conflictKeySchema = z.object({
  conflictKey: text("The conflict", { trim: false, max: 320, tooLong: "That is not a conflict." }).pipe(
    z.string().regex(CONFLICT_KEY, "That is not a conflict."),
  ),
});

export const acknowledgeSchema = conflictKeySchema.extend({
  note: text("A note", {
    min: 3,
    tooShort: "Say in a few words why this is fine (at least 3 characters).",
    max: 1000,
    tooLong: "Keep the note under 1,000 characters.",
  }),
});

export const moveSchema = z.object({
  deliverableId: id("deliverable"),
  publishAt: publishAtField,
});

export const timeZoneSchema = z.object({
  timeZone: text("Time zone", { trim: false, max: 64, tooLong: "Choose a time zone from the list." }).refine(
    isValidTimeZone,
    "Choose a time zone from the list.",
  ),
});

export const MAX_SPACING_MINUTES = 7 * 24 * 60;

const spacingField = z
  .string({ invalid_type_error: "Give a number of minutes." })
  .trim()
  .max(6, `At most ${MAX_SPACING_MINUTES} minutes.`)
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > MAX_SPACING_MINUTES) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `Give whole minutes from 0 to ${MAX_SPACING_MINUTES} (a week), or leave it empty for 4 hours.`,
      });
      return z.NEVER;
    }
    return n;
  });

/** One optional field per channel, spacing_<channel>, so a new channel gets its spacing rule too. */
const spacingFields = Object.fromEntries(CHANNELS.map((channel) => [`spacing_${channel}`, spacingField])) as Record<
  `spacing_${Channel}`,
  typeof spacingField
>;

export const brandRulesSchema = z.object({
  category: text("The category", { max: 60, tooLong: "Keep the category under 60 characters." })
    .optional()
    .transform((v) => (v ? v : null)),
  exclusivityDays: text("The exclusivity window", { max: 3, tooLong: "Give whole days from 0 to 90." })
    .pipe(z.string().regex(/^\d{1,3}$/, "Give whole days from 0 to 90."))
    .transform(Number)
    .refine((n) => n >= 0 && n <= 90, "Give whole days from 0 to 90."),
  ...spacingFields,
});

/** Channel → minimum spacing in minutes, leaving out channels that use the default. */
export function spacingFrom(data: z.infer<typeof brandRulesSchema>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const channel of CHANNELS) {
    const value = data[`spacing_${channel}`];
    if (value !== null) out[channel] = value;
  }
  return out;
}

export const blackoutSchema = z.object({
  startsAt: localDateTime("The start"),
  endsAt: localDateTime("The end"),
  reason: text("A reason", {
    min: 2,
    tooShort: "Say why (at least 2 characters).",
    max: 200,
    tooLong: "Keep the reason under 200 characters.",
  }),
});

export const removeBlackoutSchema = z.object({ blackoutId: id("blackout") });

const MAX_BLACKOUT_DAYS = 366;

/**
 * A blackout's period as instants: its wall-clock times read in the brand's zone, ending after it
 * starts and lasting at most a year. Each refusal is a message next to its field.
 */
export function blackoutPeriod(input: z.infer<typeof blackoutSchema>, timeZone: string): Outcome<{ startsAt: Date; endsAt: Date }> {
  const startsAt = fromLocalInput(input.startsAt, timeZone);
  const endsAt = fromLocalInput(input.endsAt, timeZone);
  if (!startsAt) return invalid(undefined, { startsAt: ["Give the start as a date and time."] });
  if (!endsAt) return invalid(undefined, { endsAt: ["Give the end as a date and time."] });
  if (endsAt.getTime() <= startsAt.getTime()) return invalid(undefined, { endsAt: ["The end must be after the start."] });
  if (endsAt.getTime() - startsAt.getTime() > MAX_BLACKOUT_DAYS * DAY_MS)
    return invalid(undefined, { endsAt: ["A blackout can last at most a year."] });
  return ok({ startsAt, endsAt });
}

/** "Acknowledge all N with one note": the group (rule and brand), the N the person saw, and the note. */
export const acknowledgeGroupSchema = z.object({
  code: z.enum(["CAMPAIGN_OVERLAP", "POST_COLLISION", "CREATOR_EXCLUSIVITY", "BLACKOUT", "SIGNOFF_RISK", "ACCESS_MISSING"], {
    errorMap: () => ({ message: "That is not a conflict rule." }),
  }),
  brandId: id("brand"),
  count: text("The number of conflicts", { max: 6, tooLong: "That is not a number of conflicts." })
    .pipe(z.string().regex(/^[1-9]\d{0,5}$/, "That is not a number of conflicts."))
    .transform(Number),
  note: acknowledgeSchema.shape.note,
});

/** A brand lead waives its brand's side of an exclusivity clash, with a reason (decision 062). */
export const waiveSchema = z.object({
  conflictKey: conflictKeySchema.shape.conflictKey,
  reason: text("A reason", {
    min: 3,
    tooShort: "Say in a few words why your brand accepts this (at least 3 characters).",
    max: 500,
    tooLong: "Keep the reason under 500 characters.",
  }),
});

/** Drag to reschedule (decision 066): the what-if of a drop target, the drop, and its undo. */
export const dragTargetSchema = z.object({
  deliverable: id("deliverable"),
  publishAt: publishAtField,
});

export const dragMoveSchema = z.object({
  deliverableId: id("deliverable"),
  publishAt: publishAtField,
  // Required only when the drop creates an error or loses a sign-off; the service decides that.
  reason: text("The reason", { max: 1000, tooLong: "Keep the reason under 1,000 characters." }).optional(),
  confirm: z.enum(["inside_window"], { errorMap: () => ({ message: "Confirm the move again." }) }).optional(),
});

export const undoMoveSchema = z.object({
  moveId: z
    .string({ required_error: "Say which move to undo.", invalid_type_error: "Say which move to undo." })
    .regex(/^[1-9]\d{0,14}$/, "That is not a move that can be undone.")
    .transform(Number),
});

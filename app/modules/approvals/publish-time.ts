import { z } from "zod";
import { DAY_MS } from "~/utils/time";

/**
 * The one definition of a valid publish time (decision 050). Creating a deliverable, rescheduling
 * it and moving it on the conflicts page all set a publish time; they read the form with
 * `publishAtField` and the services check the instant with `publishAtProblem`, so the same time is
 * accepted or refused the same way everywhere.
 */

/** Further than this is a typo (2062 for 2026), not a plan. */
export const MAX_PUBLISH_AHEAD_MS = 3 * 366 * DAY_MS;

/** The form field: a datetime-local value ("2026-05-04T10:00"), read in the viewer's zone afterwards. */
export const publishAtField = z
  .string({ required_error: "Give a publish date and time.", invalid_type_error: "Give a publish date and time." })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Give the publish time as a date and time, e.g. 2026-05-04 10:00.");

/** Why `publishAt` cannot be a deliverable's publish time at `now`, or null when it can. */
export function publishAtProblem(publishAt: Date, now: Date): string | null {
  if (!(publishAt instanceof Date) || Number.isNaN(publishAt.getTime())) return "Give a valid publish date and time.";
  if (publishAt.getTime() <= now.getTime()) return "Pick a publish time in the future.";
  if (publishAt.getTime() - now.getTime() > MAX_PUBLISH_AHEAD_MS) return "Pick a publish time within the next three years.";
  return null;
}

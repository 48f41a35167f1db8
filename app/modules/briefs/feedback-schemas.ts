import { z } from "zod";
import { text } from "~/utils/text-schema";

/** The brief read view's forms, parsed by its action and checked by the page with conform before sending. */

export const ackSchema = z.object({
  version: z.coerce
    .number({ invalid_type_error: "Reload the page and try again." })
    .int()
    .min(1, "Reload the page and try again.")
    .max(100_000),
});

export const commentSchema = z.object({
  section: text({ required: "Choose a section.", trim: false, min: 1, max: 80, tooLong: "Choose a section." }),
  kind: z.enum(["comment", "question"], { errorMap: () => ({ message: "Choose comment or question." }) }),
  body: text({ required: "Write your comment or question.", min: 1, max: 2000, tooLong: "Keep it under 2,000 characters." }),
});

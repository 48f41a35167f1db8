import { z } from "zod";
import { idField } from "~/utils/ids";
import { isMonth } from "./monthly-report-schedule";

/**
 * Input of the coordinator's report page (issue 16, part 6). Every field arrives as a string from
 * a form or the query string; zod turns it into what the services take, or a message by the field.
 */

const month = z
  .string({ required_error: "Choose a month.", invalid_type_error: "Choose a month." })
  .refine(isMonth, "Choose a month such as 2026-07.");

/** The page's address: which brand and month to preview (a bad value falls back to the defaults). */
export const reportQuerySchema = z.object({ brand: idField("Choose a brand."), month });

export const REPORT_INTENTS = ["send-again"] as const;

/** "Send again": the brand and month on the page, and how many sends the page showed (a double submit sends once). */
export const sendAgainSchema = z.object({
  intent: z.enum(REPORT_INTENTS, { errorMap: () => ({ message: "Unknown action." }) }),
  brandId: idField("Choose a brand."),
  month,
  seen: z
    .string({ required_error: "Reload the page and try again.", invalid_type_error: "Reload the page and try again." })
    .regex(/^\d{1,6}$/, "Reload the page and try again.")
    .transform(Number),
});

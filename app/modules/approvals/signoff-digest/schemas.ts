import { z } from "zod";
import { ID_PATTERN, idField } from "~/utils/ids";
import { cleanText } from "~/utils/text-schema";
import { linkDecideSchema } from "../decision-links/schemas";

/** The forms of a sign-off digest's page; the audit table's guard reads this list. */
export const DIGEST_INTENTS = ["sign-off", "open", "send-code"] as const;
export type DigestIntent = (typeof DIGEST_INTENTS)[number];

export const digestIntentSchema = z.object({
  intent: z.enum(DIGEST_INTENTS, { errorMap: () => ({ message: "Unknown action. Reload the page and try again." }) }),
});

/** At most this many drafts are listed, and signed off in one go. */
export const MAX_DIGEST_ROWS = 100;

const PICK_MESSAGE = "Tick the drafts to sign off from the list.";
/** A ticked row: "<deliverable id>.<the version the page showed>", so a newer version is never signed off unseen. */
const PICK = new RegExp(`^(${ID_PATTERN.source.slice(1, -1)})\\.(\\d{1,5})$`);

const pickField = cleanText({ invalidType: PICK_MESSAGE })
  .pipe(z.string().regex(PICK, PICK_MESSAGE))
  .transform((value) => {
    const [deliverableId, version] = value.split(".");
    return { deliverableId, version: Number(version) };
  });

const asList = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

/** "Sign off selected": the ticked rows (one checkbox each, repeated field `pick`) and, when the brand asks for one, the code. */
export const digestSignOffSchema = z.object({
  pick: z.preprocess(
    asList,
    z
      .array(pickField, { invalid_type_error: PICK_MESSAGE })
      .min(1, "Tick at least one draft to sign off.")
      .max(MAX_DIGEST_ROWS, `Sign off at most ${MAX_DIGEST_ROWS} at once.`),
  ),
  code: linkDecideSchema.shape.code,
});

/** "Open the full draft": the person's own decision link for one row. */
export const digestOpenSchema = z.object({ deliverableId: idField("Open a draft from the list.") });

import { z } from "zod";
import { cleanText } from "~/utils/text-schema";
import { publishAtField } from "../publish-time";
import { decideSchema } from "../schemas";
import { CODE_DIGITS } from "./code-rules";

/** The forms of a decision link's page; the audit table's guard reads this list. */
export const DECISION_LINK_INTENTS = ["decide", "move-and-sign-off", "send-code"] as const;
export type DecisionLinkIntent = (typeof DECISION_LINK_INTENTS)[number];

export const linkIntentSchema = z.object({
  intent: z.enum(DECISION_LINK_INTENTS, { errorMap: () => ({ message: "Unknown action. Reload the page and try again." }) }),
});

const CODE_MESSAGE = `Enter the ${CODE_DIGITS}-digit code from the email.`;

/** The one-time code as typed: spaces (from copying "123 456") are dropped; only the brands that require one post it. */
const codeField = cleanText({ invalidType: CODE_MESSAGE })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), CODE_MESSAGE))
  .optional();

/** Approve (sign off) or request changes on the version the page showed; the same fields as the deliverable page's. */
export const linkDecideSchema = decideSchema.extend({ code: codeField });

/** A brand lead's new publish time (in the brand's zone) and sign-off of the version shown, in one step. */
export const moveAndSignOffSchema = z.object({
  version: decideSchema.shape.version,
  publishAt: publishAtField,
  code: codeField,
});

/** The brand rules page's switch for one-time codes on decision links (`brands.require_decision_code`). */
export const decisionCodeSettingSchema = z.object({
  requireDecisionCode: z.enum(["on", "off"], { errorMap: () => ({ message: "Choose whether decisions through links need a code." }) }),
});

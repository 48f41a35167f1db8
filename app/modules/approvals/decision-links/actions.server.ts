import { eq } from "drizzle-orm";
import { brands } from "@db/schema";
import { db } from "~/utils/db.server";
import { parseWith } from "~/utils/http.server";
import { invalid, ok, type FieldMessages, type Outcome } from "~/utils/outcome";
import { fromLocalInput } from "~/utils/time";
import { sendDecisionCode } from "./codes.server";
import type { DecisionLinkContext } from "./context.server";
import { decideByLink, moveAndSignOff } from "./decide-by-link.server";
import { linkDecideSchema, linkIntentSchema, moveAndSignOffSchema, type DecisionLinkIntent } from "./schemas";

/**
 * The decision link page's forms (one per intent): parse with zod, call the command, and say how
 * it went. No HTTP here: the route turns a success into a redirect back to the page (`done` names
 * the notice it shows) and a refusal into the one action-data shape.
 */

/** What the page says after a success. */
export const DONE_NOTICES = {
  approved: "Approved. The next stage has been told.",
  signed_off: "Signed off. The publisher has been told.",
  changes_requested: "Changes requested. The creator has been told.",
  moved_signed_off: "Moved and signed off. The publisher has been told the new time.",
  code_sent: "We emailed you a code. Enter it below with your decision.",
} as const;
export type DoneKind = keyof typeof DONE_NOTICES;
export const isDoneKind = (value: unknown): value is DoneKind => typeof value === "string" && Object.hasOwn(DONE_NOTICES, value);

export interface LinkAnswer {
  intent: DecisionLinkIntent | null;
  outcome: Outcome<DoneKind>;
  values: Record<string, string>;
}

const field = (form: FormData, key: string): unknown => {
  const all = form.getAll(key);
  return all.length > 1 ? all : all[0];
};
const typed = (form: FormData, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, typeof form.get(k) === "string" ? String(form.get(k)).slice(0, 5_000) : ""]));

export async function runLinkIntent(ctx: DecisionLinkContext, form: FormData, now: Date): Promise<LinkAnswer> {
  const which = parseWith(linkIntentSchema, { intent: field(form, "intent") });
  if (!which.success) return { intent: null, outcome: invalid(which.errors.intent?.[0] ?? "Unknown action.", which.errors), values: {} };
  const intent = which.data.intent;
  const refused = (fields: FieldMessages, values: Record<string, string>): LinkAnswer => ({
    intent,
    outcome: invalid(undefined, fields),
    values,
  });
  switch (intent) {
    case "decide": {
      const values = typed(form, ["comment"]);
      const parsed = parseWith(linkDecideSchema, {
        version: field(form, "version"),
        decision: field(form, "decision"),
        comment: field(form, "comment"),
        code: field(form, "code") || undefined,
      });
      if (!parsed.success) return refused(parsed.errors, values);
      const { comment, ...rest } = parsed.data;
      const outcome = await decideByLink(ctx, { ...rest, comment: comment ?? null }, now);
      const kind = (signedOff: boolean): DoneKind =>
        rest.decision === "request_changes" ? "changes_requested" : signedOff ? "signed_off" : "approved";
      return { intent, outcome: outcome.ok ? ok(kind(outcome.value.signedOff)) : outcome, values };
    }
    case "move-and-sign-off": {
      const values = typed(form, ["publishAt"]);
      const parsed = parseWith(moveAndSignOffSchema, {
        version: field(form, "version"),
        publishAt: field(form, "publishAt"),
        code: field(form, "code") || undefined,
      });
      if (!parsed.success) return refused(parsed.errors, values);
      // The form asks for the time in the brand's zone (the page labels it so).
      const brand = await db().query.brands.findFirst({ where: eq(brands.id, ctx.deliverable.brandId), columns: { timeZone: true } });
      const publishAt = fromLocalInput(parsed.data.publishAt, brand?.timeZone ?? "UTC");
      if (!publishAt) return refused({ publishAt: ["Give a real date and time."] }, values);
      const outcome = await moveAndSignOff(ctx, { version: parsed.data.version, publishAt, code: parsed.data.code }, now);
      return { intent, outcome: outcome.ok ? ok("moved_signed_off") : outcome, values };
    }
    case "send-code": {
      const outcome = await sendDecisionCode(ctx, now);
      return { intent, outcome: outcome.ok ? ok("code_sent") : outcome, values: {} };
    }
  }
}

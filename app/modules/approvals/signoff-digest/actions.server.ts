import { parseWith } from "~/utils/http.server";
import { invalid, ok, type FieldMessages, type Outcome } from "~/utils/outcome";
import { sendDecisionCode } from "../decision-links/codes.server";
import type { DigestContext } from "./context.server";
import { encodeResults } from "./results";
import { digestIntentSchema, digestOpenSchema, digestSignOffSchema, type DigestIntent } from "./schemas";
import { digestCodeHolder, openDraft, signOffSelected } from "./sign-off.server";

/**
 * The sign-off digest page's forms (one per intent): parse with zod, call the service, and say where
 * the browser goes next. No HTTP here: the route redirects on success (back to the page with the
 * rows' results, or to a draft's decision link) and answers a refusal in the one action-data shape.
 */

export interface DigestAnswer {
  intent: DigestIntent | null;
  /** Where to go after a success: the page's own query, or another path. */
  outcome: Outcome<{ query: string } | { path: string }>;
  values: Record<string, string | string[]>;
}

const field = (form: FormData, key: string): unknown => {
  const all = form.getAll(key);
  return all.length > 1 ? all : all[0];
};

/** What was ticked, put back when the post is refused (a wrong code), so nothing has to be ticked again. */
const ticked = (form: FormData) => form.getAll("pick").filter((v): v is string => typeof v === "string" && v.length < 100);

/** A list's messages ("pick.3") shown once, under the list ("pick"). */
function oneListField(errors: FieldMessages, name: string): FieldMessages {
  const folded: FieldMessages = {};
  for (const [key, messages] of Object.entries(errors)) {
    const to = key.startsWith(`${name}.`) ? name : key;
    folded[to] = [...new Set([...(folded[to] ?? []), ...messages])];
  }
  return folded;
}

export async function runDigestIntent(ctx: DigestContext, form: FormData, now: Date): Promise<DigestAnswer> {
  const which = parseWith(digestIntentSchema, { intent: field(form, "intent") });
  if (!which.success) return { intent: null, outcome: invalid(which.errors.intent?.[0] ?? "Unknown action.", which.errors), values: {} };
  const intent = which.data.intent;
  switch (intent) {
    case "sign-off": {
      const values = { pick: ticked(form) };
      const parsed = parseWith(digestSignOffSchema, { pick: field(form, "pick"), code: field(form, "code") || undefined });
      if (!parsed.success) return { intent, outcome: invalid(undefined, oneListField(parsed.errors, "pick")), values };
      const done = await signOffSelected(ctx, { picks: parsed.data.pick, code: parsed.data.code }, now);
      return { intent, outcome: done.ok ? ok({ query: `?r=${encodeResults(done.value)}` }) : done, values };
    }
    case "open": {
      const parsed = parseWith(digestOpenSchema, { deliverableId: field(form, "deliverableId") });
      if (!parsed.success) return { intent, outcome: invalid(undefined, parsed.errors), values: {} };
      return { intent, outcome: await openDraft(ctx, parsed.data.deliverableId), values: {} };
    }
    case "send-code": {
      const sent = await sendDecisionCode(digestCodeHolder(ctx), now);
      return { intent, outcome: sent.ok ? ok({ query: "?done=code_sent" }) : sent, values: {} };
    }
  }
}

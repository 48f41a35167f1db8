import { z } from "zod";
import { env } from "~/utils/env.server";
import { parseWith } from "~/utils/http.server";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import { ACCEPTED_DESCRIPTION, detectFileKind } from "~/modules/uploads/file-types";
import { UploadRefused, acceptUpload } from "~/modules/uploads/uploads.server";
import { confirmStep, forwardStep, markNotApplicable, reopenStep, saveAssetDraft } from "./client-steps.server";
import { attachBrandKitFiles, saveIntake, signAgreement } from "./client-intake.server";
import { markOpened } from "./client-progress.server";
import { agreementSchema, assetSchema, forwardSchema, idSchema, intakeDraftFields, notApplicableSchema, languageSchema } from "./schemas";
import { setLinkLanguage } from "./client-language.server";
import { asLocale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import type { ClientContext, ForwardedContext } from "./token-context.server";

/**
 * What the client's token pages do on POST, shared by the page (a plain form post, answered with
 * a redirect or the one action-data shape) and its autosave endpoint (answered with JSON). Every
 * intent parses its input with zod before anything is written; the answer is one Outcome, turned
 * into a status only at the route edge.
 */

export const linkIntents = [
  "opened",
  "save-asset",
  "confirm",
  "not-applicable",
  "reopen",
  "forward",
  "contacts",
  "questionnaire",
  "brand-kit",
  "upload",
  "agreement",
  "language",
] as const;
export const forwardIntents = ["save-asset", "confirm", "not-applicable", "reopen"] as const;
export type LinkIntent = (typeof linkIntents)[number];

/** One client answer: the service's outcome (a notice, or a problem) and which form it answers, with what was typed. */
export interface ClientAnswer {
  intent: LinkIntent | null;
  target: string | null;
  values: Record<string, string>;
  outcome: Outcome<string | null>;
}

const SECTIONS = { contacts: "contacts", questionnaire: "questionnaire", "brand-kit": "brandKit" } as const;

const stepOnly = z.object({ stepId: idSchema });

/** The typed values of the form (text only, clipped), so a refused form shows what was typed. */
function valuesOf(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") out[k] = v.slice(0, 2000);
  return out;
}

function pickText(form: FormData, keys: readonly string[]): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const all = form.getAll(key);
    if (all.length > 1 || all.some((v) => typeof v !== "string")) return null;
    if (all.length === 1) out[key] = all[0];
  }
  return out;
}

/** Runs one intent of `/onboard/:token` (the whole link) or `/onboard/step/:token` (a forwarded context: one step). */
export async function runClientIntent(ctx: ClientContext | ForwardedContext, form: FormData): Promise<ClientAnswer> {
  const values = valuesOf(form);
  const forwarded = "forward" in ctx;
  const allowed: readonly string[] = forwarded ? forwardIntents : linkIntents;
  const intentRaw = form.get("intent");
  if (typeof intentRaw !== "string" || !allowed.includes(intentRaw))
    return { intent: null, target: null, values, outcome: invalid("Unknown action. Reload the page and try again.") };
  const intent = intentRaw as LinkIntent;
  const answer = (target: string | null, outcome: Outcome<string | null>): ClientAnswer => ({ intent, target, values, outcome });
  const refused = (errors: Record<string, string[]>) => answer(values.stepId ?? null, invalid(undefined, errors));

  if (intent === "opened") return answer("", await markOpened(ctx));

  if (intent === "save-asset" || intent === "confirm") {
    const parsed = parseWith(assetSchema, form);
    if (!parsed.success) return refused(parsed.errors);
    if (!forwarded) await markOpened(ctx);
    const outcome = intent === "confirm" ? await confirmStep(ctx, parsed.data) : await saveAssetDraft(ctx, parsed.data);
    // An autosaved ID is no news: only "I've granted access" says thank you.
    return answer(parsed.data.stepId, intent === "confirm" || !outcome.ok ? outcome : ok(null));
  }

  if (intent === "not-applicable") {
    const parsed = parseWith(notApplicableSchema, form);
    if (!parsed.success) return refused(parsed.errors);
    return answer(parsed.data.stepId, await markNotApplicable(ctx, parsed.data));
  }

  if (intent === "reopen") {
    const parsed = parseWith(stepOnly, form);
    if (!parsed.success) return refused(parsed.errors);
    return answer(parsed.data.stepId, await reopenStep(ctx, parsed.data));
  }

  if (intent === "forward") {
    const parsed = parseWith(forwardSchema, form);
    if (!parsed.success) return refused(parsed.errors);
    return answer(parsed.data.stepId, await forwardStep(ctx, parsed.data));
  }

  if (intent === "language") {
    const parsed = parseWith(languageSchema, form);
    // Refused in the page's current language: whoever is switching may not read English.
    if (!parsed.success)
      return answer("language", invalid(undefined, { locale: [tFor(asLocale(ctx.link.locale), "client")("errors.locale")] }));
    return answer("language", await setLinkLanguage(ctx, parsed.data.locale));
  }

  if (intent === "upload") return answer("brand-kit", await uploadBrandKit(ctx, form));

  if (intent === "agreement") {
    const parsed = parseWith(agreementSchema, form);
    if (!parsed.success) return answer("agreement", invalid(undefined, parsed.errors));
    return answer("agreement", await signAgreement(ctx, parsed.data));
  }

  // contacts, questionnaire, brand kit: saved as typed (complete absent) or finished (complete=1).
  const raw = pickText(form, Object.keys(intakeDraftFields[SECTIONS[intent]]));
  if (!raw) return answer(intent, invalid(undefined, { _form: ["Send each field once, as text."] }));
  return answer(intent, await saveIntake(ctx, { section: SECTIONS[intent], raw, complete: form.get("complete") === "1" }));
}

const MAX_FILES = 10;

/** Brand-kit files from the client: each checked by content and size before any is stored. */
async function uploadBrandKit(ctx: ClientContext, form: FormData): Promise<Outcome<null>> {
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string" && !(f.name === "" && f.size === 0));
  const fail = (message: string) => invalid(message, { file: [message] });
  if (files.length === 0) return fail("Choose a file to upload.");
  if (files.length > MAX_FILES) return fail(`Upload at most ${MAX_FILES} files at a time.`);
  const maxMb = env().MAX_UPLOAD_MB;
  for (const file of files) {
    const label = `“${file.name.slice(0, 80) || "file"}”`;
    if (file.size === 0) return fail(`${label} is empty.`);
    if (file.size > maxMb * 1_000_000) return fail(`${label} is larger than ${maxMb} MB.`);
    if (!detectFileKind(new Uint8Array(await file.slice(0, 16).arrayBuffer())))
      return fail(`${label} is not an accepted file type. Accepted: ${ACCEPTED_DESCRIPTION}.`);
  }
  const stored = [];
  for (const file of files) {
    try {
      const row = await acceptUpload(file, { workspaceId: ctx.workspace.id, purpose: "brand_kit", uploadedBy: null });
      stored.push({ id: row.id, name: row.originalName, size: row.size, mime: row.mimeType });
    } catch (error) {
      if (error instanceof UploadRefused) return fail(error.message);
      throw error;
    }
  }
  return attachBrandKitFiles(ctx, stored);
}

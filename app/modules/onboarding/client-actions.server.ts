import { z } from "zod";
import { env } from "~/utils/env.server";
import { parseWith } from "~/utils/http.server";
import { invalid, ok, type Outcome } from "~/utils/outcome";
import { ACCEPTED_DESCRIPTION, ACCEPTED_NAMES, detectFileKind } from "~/modules/uploads/file-types";
import { UploadRefused, acceptUpload } from "~/modules/uploads/uploads.server";
import { confirmStep, forwardStep, markNotApplicable, reopenStep, saveAssetDraft } from "./client-steps.server";
import { attachBrandKitFiles, saveIntake, signAgreement } from "./client-intake.server";
import { markOpened } from "./client-progress.server";
import {
  agreementSchema,
  assetSchema,
  forwardSchema,
  idSchema,
  intakeDraftFields,
  MAX_FILES_PER_UPLOAD,
  notApplicableSchema,
  languageSchema,
} from "./schemas";
import { clientFieldMessages, clientProblem } from "./client-refusals";
import { setLinkLanguage } from "./client-language.server";
import { INTL_LOCALE, asLocale, type Locale } from "~/modules/i18n/locales";
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

/**
 * Runs one intent of `/onboard/:token` (the whole link) or `/onboard/step/:token` (a forwarded
 * context: one step). A refusal leaves in the link's language (client-refusals.ts, decision 060).
 */
export async function runClientIntent(ctx: ClientContext | ForwardedContext, form: FormData): Promise<ClientAnswer> {
  const locale = asLocale(ctx.link.locale);
  const done = await runIntent(ctx, form, locale);
  return done.outcome.ok ? done : { ...done, outcome: { ok: false, problem: clientProblem(done.outcome.problem, locale) } };
}

async function runIntent(ctx: ClientContext | ForwardedContext, form: FormData, locale: Locale): Promise<ClientAnswer> {
  const values = valuesOf(form);
  // The schemas' issues said in the client's language, by field and kind.
  const parse = <S extends z.ZodTypeAny>(schema: S) => parseWith(schema, form, (issues) => clientFieldMessages(issues, locale));
  const forwarded = "forward" in ctx;
  const allowed: readonly string[] = forwarded ? forwardIntents : linkIntents;
  const intentRaw = form.get("intent");
  if (typeof intentRaw !== "string" || !allowed.includes(intentRaw))
    return {
      intent: null,
      target: null,
      values,
      outcome: invalid("Unknown action. Reload the page and try again.", undefined, { code: "unknown_intent" }),
    };
  const intent = intentRaw as LinkIntent;
  const answer = (target: string | null, outcome: Outcome<string | null>): ClientAnswer => ({ intent, target, values, outcome });
  const refused = (errors: Record<string, string[]>) => answer(values.stepId ?? null, invalid(undefined, errors));

  if (intent === "opened") return answer("", await markOpened(ctx));

  if (intent === "save-asset" || intent === "confirm") {
    const parsed = parse(assetSchema);
    if (!parsed.success) return refused(parsed.errors);
    if (!forwarded) await markOpened(ctx);
    const outcome = intent === "confirm" ? await confirmStep(ctx, parsed.data) : await saveAssetDraft(ctx, parsed.data);
    // An autosaved ID is no news: only "I've granted access" says thank you.
    return answer(parsed.data.stepId, intent === "confirm" || !outcome.ok ? outcome : ok(null));
  }

  if (intent === "not-applicable") {
    const parsed = parse(notApplicableSchema);
    if (!parsed.success) return refused(parsed.errors);
    return answer(parsed.data.stepId, await markNotApplicable(ctx, parsed.data));
  }

  if (intent === "reopen") {
    const parsed = parse(stepOnly);
    if (!parsed.success) return refused(parsed.errors);
    return answer(parsed.data.stepId, await reopenStep(ctx, parsed.data));
  }

  if (intent === "forward") {
    const parsed = parse(forwardSchema);
    if (!parsed.success) return refused(parsed.errors);
    return answer(parsed.data.stepId, await forwardStep(ctx, parsed.data));
  }

  if (intent === "language") {
    // Refused in the page's current language: whoever is switching may not read English.
    const parsed = parse(languageSchema);
    if (!parsed.success) return answer("language", invalid(undefined, parsed.errors));
    return answer("language", await setLinkLanguage(ctx, parsed.data.locale));
  }

  if (intent === "upload") return answer("brand-kit", await uploadBrandKit(ctx, form));

  if (intent === "agreement") {
    const parsed = parse(agreementSchema);
    if (!parsed.success) return answer("agreement", invalid(undefined, parsed.errors));
    return answer("agreement", await signAgreement(ctx, parsed.data));
  }

  // contacts, questionnaire, brand kit: saved as typed (complete absent) or finished (complete=1).
  const raw = pickText(form, Object.keys(intakeDraftFields[SECTIONS[intent]]));
  if (!raw) return answer(intent, invalid("Send each field once, as text.", undefined, { code: "not_text" }));
  return answer(intent, await saveIntake(ctx, { section: SECTIONS[intent], raw, complete: form.get("complete") === "1" }));
}

/** Brand-kit files from the client: each checked by content and size before any is stored. */
async function uploadBrandKit(ctx: ClientContext, form: FormData): Promise<Outcome<null>> {
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string" && !(f.name === "" && f.size === 0));
  // Each refusal carries its code and values: the page says it in the client's language (client-refusals.ts).
  const fail = (message: string, code: string, vars: Record<string, string | number> = {}) =>
    invalid(message, { file: [message] }, { code, vars });
  if (files.length === 0) return fail("Choose a file to upload.", "choose_file");
  if (files.length > MAX_FILES_PER_UPLOAD)
    return fail(`Upload at most ${MAX_FILES_PER_UPLOAD} files at a time.`, "too_many_files", { max: MAX_FILES_PER_UPLOAD });
  const maxMb = env().MAX_UPLOAD_MB;
  const typesIn = () => new Intl.ListFormat(INTL_LOCALE[asLocale(ctx.link.locale)], { type: "disjunction" }).format(ACCEPTED_NAMES);
  for (const file of files) {
    const name = file.name.slice(0, 80) || "file";
    const label = `“${name}”`;
    if (file.size === 0) return fail(`${label} is empty.`, "file_empty", { name });
    if (file.size > maxMb * 1_000_000) return fail(`${label} is larger than ${maxMb} MB.`, "file_too_large", { name, max: maxMb });
    if (!detectFileKind(new Uint8Array(await file.slice(0, 16).arrayBuffer())))
      return fail(`${label} is not an accepted file type. Accepted: ${ACCEPTED_DESCRIPTION}.`, "file_type", { name, types: typesIn() });
  }
  const stored = [];
  for (const file of files) {
    try {
      const row = await acceptUpload(file, { workspaceId: ctx.workspace.id, purpose: "brand_kit", uploadedBy: null });
      stored.push({ id: row.id, name: row.originalName, size: row.size, mime: row.mimeType });
    } catch (error) {
      // The store's own checks (the bytes that arrived, not the size declared) carry the same codes
      // as the checks above, so the page words them in the link's language too.
      if (error instanceof UploadRefused) return fail(error.message, error.code, { ...error.problem.vars, types: typesIn() });
      throw error;
    }
  }
  return attachBrandKitFiles(ctx, stored);
}

import { z } from "zod";
import { env } from "~/utils/env.server";
import { parseWith, type FieldErrors } from "~/utils/http.server";
import { ACCEPTED_DESCRIPTION, detectFileKind } from "~/modules/uploads/file-types";
import { UploadRefused, acceptUpload } from "~/modules/uploads/uploads.server";
import {
  attachBrandKitFiles,
  confirmStep,
  forwardStep,
  markNotApplicable,
  markOpened,
  reopenStep,
  saveAssetDraft,
  saveIntake,
  signAgreement,
  type ClientResult,
  type ForwardRow,
} from "./client.server";
import { agreementSchema, assetSchema, forwardSchema, idSchema, intakeDraftFields, notApplicableSchema } from "./schemas";
import type { LinkRow } from "./shared.server";

/**
 * What the client's token pages do on POST, shared by the page (a plain form post, answered with
 * a redirect or a 400) and its autosave endpoint (answered with JSON). Every intent parses its
 * input with zod before anything is written.
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
] as const;
export const forwardIntents = ["save-asset", "confirm", "not-applicable", "reopen"] as const;
export type LinkIntent = (typeof linkIntents)[number];

export type IntentOutcome =
  | { ok: true; intent: LinkIntent; target: string; notice: string | null }
  | {
      ok: false;
      status: number;
      intent: LinkIntent | null;
      target: string | null;
      errors: FieldErrors;
      formError: string;
      values: Record<string, string>;
      /** An intake step kept what was valid so far although it refused something. */
      saved?: boolean;
    };

const SECTIONS = { contacts: "contacts", questionnaire: "questionnaire", "brand-kit": "brandKit" } as const;

const stepOnly = z.object({ stepId: idSchema });

/** The typed values of the form (text only, clipped), so a refused form shows what was typed. */
function valuesOf(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") out[k] = v.slice(0, 2000);
  return out;
}

function fromResult(
  intent: LinkIntent,
  target: string,
  result: ClientResult & { errors?: FieldErrors; saved?: boolean },
  values: Record<string, string>,
): IntentOutcome {
  if (result.ok) return { ok: true, intent, target, notice: result.notice ?? null };
  const errors: FieldErrors = result.errors ?? (result.field ? { [result.field]: [result.message] } : {});
  return { ok: false, status: result.status, intent, target, errors, formError: result.message, values, saved: result.saved };
}

function refused(
  intent: LinkIntent | null,
  target: string | null,
  errors: FieldErrors,
  values: Record<string, string>,
  formError = "Please correct the highlighted fields.",
): IntentOutcome {
  return { ok: false, status: 400, intent, target, errors, formError, values };
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

/** Runs one intent of `/onboard/:token` (scope: the whole link) or `/onboard/step/:token` (`via`: one step). */
export async function runClientIntent(request: Request, link: LinkRow, form: FormData, via?: ForwardRow): Promise<IntentOutcome> {
  const values = valuesOf(form);
  const allowed: readonly string[] = via ? forwardIntents : linkIntents;
  const intentRaw = form.get("intent");
  if (typeof intentRaw !== "string" || !allowed.includes(intentRaw))
    return refused(null, null, {}, values, "Unknown action. Reload the page and try again.");
  const intent = intentRaw as LinkIntent;
  const scope = { linkId: link.id, via };

  if (intent === "opened") {
    await markOpened(request, link.id);
    return { ok: true, intent, target: "", notice: null };
  }

  if (intent === "save-asset" || intent === "confirm") {
    const parsed = parseWith(assetSchema, form);
    if (!parsed.success) return refused(intent, typeof values.stepId === "string" ? values.stepId : null, parsed.errors, values);
    if (!via) await markOpened(request, link.id);
    const result =
      intent === "confirm"
        ? await confirmStep(request, scope, parsed.data)
        : await saveAssetDraft(request, { linkId: link.id, onlyStepId: via?.stepId }, parsed.data);
    return fromResult(intent, parsed.data.stepId, result, values);
  }

  if (intent === "not-applicable") {
    const parsed = parseWith(notApplicableSchema, form);
    if (!parsed.success) return refused(intent, values.stepId ?? null, parsed.errors, values);
    return fromResult(intent, parsed.data.stepId, await markNotApplicable(request, scope, parsed.data), values);
  }

  if (intent === "reopen") {
    const parsed = parseWith(stepOnly, form);
    if (!parsed.success) return refused(intent, values.stepId ?? null, parsed.errors, values);
    return fromResult(intent, parsed.data.stepId, await reopenStep(request, scope, parsed.data), values);
  }

  if (intent === "forward") {
    const parsed = parseWith(forwardSchema, form);
    if (!parsed.success) return refused(intent, values.stepId ?? null, parsed.errors, values);
    return fromResult(intent, parsed.data.stepId, await forwardStep(request, link.id, parsed.data), values);
  }

  if (intent === "upload") return uploadBrandKit(request, link, form, values);

  if (intent === "agreement") {
    const parsed = parseWith(agreementSchema, form);
    if (!parsed.success) return refused(intent, "agreement", parsed.errors, values);
    return fromResult(intent, "agreement", await signAgreement(request, link.id, parsed.data), values);
  }

  // contacts, questionnaire, brand kit: saved as typed (complete absent) or finished (complete=1).
  const raw = pickText(form, Object.keys(intakeDraftFields[SECTIONS[intent]]));
  if (!raw) return refused(intent, intent, { _form: ["Send each field once, as text."] }, values);
  const complete = form.get("complete") === "1";
  const result = await saveIntake(request, link.id, SECTIONS[intent], raw, complete);
  return fromResult(intent, intent, result, values);
}

const MAX_FILES = 10;

/** Brand-kit files from the client: each checked by content and size before any is stored. */
async function uploadBrandKit(request: Request, link: LinkRow, form: FormData, values: Record<string, string>): Promise<IntentOutcome> {
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string" && !(f.name === "" && f.size === 0));
  const fail = (message: string) => refused("upload", "brand-kit", { file: [message] }, values, message);
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
      const row = await acceptUpload(file, { workspaceId: link.workspaceId, purpose: "brand_kit", uploadedBy: null });
      stored.push({ id: row.id, name: row.originalName, size: row.size, mime: row.mimeType });
    } catch (error) {
      if (error instanceof UploadRefused) return fail(error.message);
      throw error;
    }
  }
  return fromResult("upload", "brand-kit", await attachBrandKitFiles(request, link.id, stored), values);
}

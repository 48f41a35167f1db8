import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { acceptUpload, UploadRefused } from "~/modules/uploads/uploads.server";
import { detectFileKind } from "~/modules/uploads/file-types";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { env } from "~/utils/env.server";
import type { FieldErrors } from "~/utils/http.server";
import { parseWith, readForm } from "~/utils/http.server";
import { fromLocalInput } from "~/utils/time";
import { rescheduleDeliverable } from "./reschedule.server";
import {
  commentSchema,
  decideSchema,
  intentSchema,
  overrideSchema,
  publishSchema,
  rescheduleSchema,
  submitSchema,
  type DeliverableIntent,
} from "./schemas";
import type { TransferCheckFailure } from "./transfer-checks";
import {
  addComment,
  decide,
  markPublished,
  markScheduled,
  markUnscheduled,
  overrideBlock,
  submitVersion,
  type Outcome,
} from "./workflow.server";

/** What the deliverable page's action answers: which form it belongs to, its errors or its notice. */
export interface DeliverableActionData {
  ok: boolean;
  intent: DeliverableIntent | null;
  errors: FieldErrors;
  formError: string | null;
  notice: string | null;
  failures: TransferCheckFailure[];
  values: Record<string, string>;
}

function answer(data: Partial<DeliverableActionData> & { ok: boolean }, status = 200) {
  const body: DeliverableActionData = { intent: null, errors: {}, formError: null, notice: null, failures: [], values: {}, ...data };
  return json(body, { status });
}

const MAX_FILES = 10;

/**
 * The page's form body. A form submitted without JavaScript carries the chosen media files
 * themselves (multipart); they go through the upload service and are replaced by their ids.
 */
async function readBody(
  request: Request,
  ctx: MemberContext,
): Promise<{ form: FormData; uploadError: string | null; uploadedIds: string[] }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { form: await readForm(request), uploadError: null, uploadedIds: [] };
  const maxMb = env().MAX_UPLOAD_MB;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxMb * 1_000_000 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { form: new FormData(), uploadError: `A file is larger than ${maxMb} MB.`, uploadedIds: [] };
    throw json({ ok: false, errors: {}, formError: "The request body could not be read as a form." }, { status: 400 });
  }
  const chosen = form.getAll("media").filter((v): v is File => typeof v !== "string" && !(v.name === "" && v.size === 0));
  if (chosen.length === 0) return { form, uploadError: null, uploadedIds: [] };
  if (form.get("intent") !== "submit") return { form, uploadError: "Files can only be attached to a new version.", uploadedIds: [] };
  if (chosen.length > MAX_FILES) return { form, uploadError: `Attach at most ${MAX_FILES} files at a time.`, uploadedIds: [] };
  for (const file of chosen) {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (!detectFileKind(head)) return { form, uploadError: `“${file.name.slice(0, 80)}” is not an accepted file type.`, uploadedIds: [] };
  }
  const ids: string[] = [];
  try {
    for (const file of chosen)
      ids.push((await acceptUpload(file, { workspaceId: ctx.workspace.id, purpose: "draft_media", uploadedBy: ctx.user.id })).id);
  } catch (error) {
    if (error instanceof UploadRefused) return { form, uploadError: error.message, uploadedIds: [] };
    throw error;
  }
  return { form, uploadError: null, uploadedIds: ids };
}

/** One field as sent: a string, or (repeated fields, files) something zod refuses with a message. */
const text = (form: FormData, key: string): unknown => {
  const all = form.getAll(key);
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : all;
};
const str = (v: unknown) => (typeof v === "string" ? v : "");

function failure(intent: DeliverableIntent, outcome: Extract<Outcome, { ok: false }>, values: Record<string, string> = {}) {
  return answer(
    { ok: false, intent, formError: outcome.message, errors: outcome.errors ?? {}, failures: outcome.failures ?? [], values },
    outcome.status,
  );
}

const NOTICES: Record<DeliverableIntent, string> = {
  submit: "Submitted. The approvers have been told.",
  decide: "Decision recorded.",
  comment: "Comment added.",
  schedule: "Marked as scheduled.",
  unschedule: "Marked as not scheduled.",
  publish: "Marked as published. Everyone involved has been told.",
  reschedule: "Publish time changed.",
  override: "Override recorded as an exception. It can now be scheduled.",
};

/** Parses the page's forms (one per intent) with zod and calls the workflow service. */
export async function handleDeliverableAction(request: Request, ctx: MemberContext, deliverableId: string) {
  const { form, uploadError, uploadedIds } = await readBody(request, ctx);
  const which = parseWith(intentSchema, { intent: text(form, "intent") });
  if (!which.success) return answer({ ok: false, errors: which.errors, formError: which.errors.intent?.[0] ?? "Unknown action." }, 400);
  const intent = which.data.intent;
  const bad = (errors: FieldErrors, values: Record<string, string> = {}) =>
    answer({ ok: false, intent, errors, formError: "Please correct the highlighted fields.", values }, 400);
  const done = (outcome: Outcome, notice: string, values: Record<string, string> = {}) =>
    outcome.ok ? answer({ ok: true, intent, notice }) : failure(intent, outcome, values);

  switch (intent) {
    case "submit": {
      const media = [...form.getAll("media").filter((v): v is string => typeof v === "string" && v !== ""), ...uploadedIds];
      const raw = {
        copy: text(form, "copy") ?? "",
        title: text(form, "title"),
        link: text(form, "link"),
        media,
        basedOnVersion: text(form, "basedOnVersion"),
      };
      const parsed = parseWith(submitSchema, raw);
      const values = { copy: str(raw.copy), title: str(raw.title), link: str(raw.link) };
      if (uploadError) return bad({ media: [uploadError] }, values);
      if (!parsed.success) return bad(parsed.errors, values);
      const d = parsed.data;
      const outcome = await submitVersion(request, ctx, deliverableId, {
        copy: d.copy,
        title: d.title?.trim() || null,
        link: d.link?.trim() || null,
        mediaFileIds: d.media ?? [],
        basedOnVersion: d.basedOnVersion,
      });
      if (!outcome.ok) return failure(intent, outcome, values);
      return answer({
        ok: true,
        intent,
        notice: outcome.late
          ? `Version ${outcome.version} submitted, flagged late: less than the route's review time is left before the sign-off deadline.`
          : `Version ${outcome.version} submitted. The approvers have been told.`,
      });
    }
    case "decide": {
      const parsed = parseWith(decideSchema, {
        version: text(form, "version"),
        decision: text(form, "decision"),
        comment: text(form, "comment"),
      });
      if (!parsed.success) return bad(parsed.errors);
      const outcome = await decide(request, ctx, deliverableId, {
        version: parsed.data.version,
        decision: parsed.data.decision,
        comment: parsed.data.comment ?? null,
      });
      if (!outcome.ok) return failure(intent, outcome, { comment: parsed.data.comment ?? "" });
      const notice =
        parsed.data.decision === "request_changes"
          ? "Changes requested. The creator has been told."
          : outcome.signedOff
            ? "Signed off. The publisher has been told."
            : "Approved. The next stage has been told.";
      return answer({ ok: true, intent, notice });
    }
    case "comment": {
      const parsed = parseWith(commentSchema, { version: text(form, "version"), body: text(form, "body") });
      if (!parsed.success) return bad(parsed.errors);
      return done(await addComment(request, ctx, deliverableId, parsed.data), NOTICES.comment);
    }
    case "schedule":
      return done(await markScheduled(request, ctx, deliverableId), NOTICES.schedule);
    case "unschedule":
      return done(await markUnscheduled(request, ctx, deliverableId), NOTICES.unschedule);
    case "publish": {
      const parsed = parseWith(publishSchema, { liveUrl: text(form, "liveUrl") });
      if (!parsed.success) return bad(parsed.errors);
      return done(await markPublished(request, ctx, deliverableId, parsed.data), NOTICES.publish, { liveUrl: parsed.data.liveUrl });
    }
    case "reschedule": {
      const parsed = parseWith(rescheduleSchema, { publishAt: text(form, "publishAt") });
      if (!parsed.success) return bad(parsed.errors);
      const at = fromLocalInput(parsed.data.publishAt, ctx.user.timeZone || "UTC");
      if (!at) return bad({ publishAt: ["Give a real date and time."] });
      const result = await rescheduleDeliverable(request, ctx, deliverableId, at);
      if (!result.ok) {
        const errors: FieldErrors = result.status === 400 ? { publishAt: [result.message] } : {};
        return answer(
          { ok: false, intent, errors, formError: result.message, values: { publishAt: parsed.data.publishAt } },
          result.status,
        );
      }
      return answer({ ok: true, intent, notice: NOTICES.reschedule });
    }
    case "override": {
      const parsed = parseWith(overrideSchema, { reason: text(form, "reason") });
      if (!parsed.success) return bad(parsed.errors);
      return done(await overrideBlock(request, ctx, deliverableId, parsed.data), NOTICES.override);
    }
  }
}

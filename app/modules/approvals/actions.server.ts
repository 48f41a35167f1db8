import { IDEMPOTENCY_FIELD } from "~/utils/idempotency";
import { acceptUpload, UploadRefused } from "~/modules/uploads/uploads.server";
import { detectFileKind } from "~/modules/uploads/file-types";
import type { MemberContext } from "~/modules/workspaces/authz.server";
import { parseWith } from "~/utils/http.server";
import { invalid, ok, type FieldMessages, type Outcome } from "~/utils/outcome";
import { fromLocalInput } from "~/utils/time";
import { addComment } from "./comments.server";
import { decide } from "./decide.server";
import { markPublished, markScheduled, markUnscheduled, overrideBlock } from "./publishing.server";
import { rescheduleDeliverable, type Rescheduled } from "./reschedule.server";
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
import { submitVersion } from "./submit.server";

/**
 * The deliverable page's commands (one form per intent): parse with zod, call the service, and
 * say what to answer. No HTTP here: the route reads the body and turns this into its response.
 */

/** The page's form as read at the route edge; `uploadError` when the multipart body was refused. */
export interface DeliverableBody {
  form: FormData;
  uploadError: string | null;
}

/** What the route answers: the form it belongs to, how it went (a notice on success), what to put back. */
export interface DeliverableAnswer {
  intent: DeliverableIntent | null;
  outcome: Outcome<string>;
  values: Record<string, string>;
}

const MAX_FILES = 10;

/**
 * A form submitted without JavaScript carries the chosen media files themselves; they go through
 * the upload service and are replaced by their ids (only for a new version).
 */
async function uploadChosenMedia(ctx: MemberContext, form: FormData): Promise<{ uploadError: string | null; uploadedIds: string[] }> {
  const chosen = form.getAll("media").filter((v): v is File => typeof v !== "string" && !(v.name === "" && v.size === 0));
  const refused = (uploadError: string) => ({ uploadError, uploadedIds: [] });
  if (chosen.length === 0) return { uploadError: null, uploadedIds: [] };
  if (form.get("intent") !== "submit") return refused("Files can only be attached to a new version.");
  if (chosen.length > MAX_FILES) return refused(`Attach at most ${MAX_FILES} files at a time.`);
  for (const file of chosen) {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (!detectFileKind(head)) return refused(`“${file.name.slice(0, 80)}” is not an accepted file type.`);
  }
  const ids: string[] = [];
  try {
    for (const file of chosen)
      ids.push((await acceptUpload(file, { workspaceId: ctx.workspace.id, purpose: "draft_media", uploadedBy: ctx.user.id })).id);
  } catch (error) {
    if (error instanceof UploadRefused) return refused(error.message);
    throw error;
  }
  return { uploadError: null, uploadedIds: ids };
}

/** One field as sent: a string, or (repeated fields, files) something zod refuses with a message. */
const text = (form: FormData, key: string): unknown => {
  const all = form.getAll(key);
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : all;
};
const str = (v: unknown) => (typeof v === "string" ? v : "");

const NOTICES = {
  comment: "Comment added.",
  schedule: "Marked as scheduled.",
  unschedule: "Marked as not scheduled.",
  publish: "Marked as published. Everyone involved has been told.",
  override: "Override recorded as an exception. It can now be scheduled.",
} satisfies Partial<Record<DeliverableIntent, string>>;

/** What a reschedule did to the blocked flag, in words. */
const rescheduledNotice = ({ unblocked, blocked }: Rescheduled) =>
  unblocked
    ? "Publish time changed, and it is no longer blocked: the approvals it already has still count, and the brand can sign off before the new deadline."
    : blocked
      ? "Publish time changed. It is inside the sign-off window, so it is blocked: drafts and reviews go on, scheduling waits for a new time or an override."
      : "Publish time changed.";

/** A successful outcome says `notice`; a failed one keeps its problem. */
const saying = <T>(outcome: Outcome<T>, notice: string | ((value: T) => string)): Outcome<string> =>
  outcome.ok ? ok(typeof notice === "function" ? notice(outcome.value) : notice) : outcome;

/** Parses the form of `intent` and runs its command. */
async function run(
  ctx: MemberContext,
  deliverableId: string,
  intent: DeliverableIntent,
  form: FormData,
  uploadedIds: string[],
): Promise<Omit<DeliverableAnswer, "intent">> {
  const bad = (fields: FieldMessages, values: Record<string, string> = {}) => ({ outcome: invalid(undefined, fields), values });
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
      const values = { copy: str(raw.copy), title: str(raw.title), link: str(raw.link) };
      const parsed = parseWith(submitSchema, raw);
      if (!parsed.success) return bad(parsed.errors, values);
      const d = parsed.data;
      const outcome = await submitVersion(ctx, {
        deliverableId,
        copy: d.copy,
        title: d.title?.trim() || null,
        link: d.link?.trim() || null,
        mediaFileIds: d.media ?? [],
        basedOnVersion: d.basedOnVersion,
      });
      const notice = ({ version, late, blocked }: { version: number; late: boolean; blocked: boolean }) =>
        blocked
          ? `Version ${version} submitted, and the approvers have been told. It is still blocked: it can't be scheduled until the coordinator reschedules it.`
          : late
            ? `Version ${version} submitted, flagged late: less than the route's review time is left before the sign-off deadline.`
            : `Version ${version} submitted. The approvers have been told.`;
      return { outcome: saying(outcome, notice), values };
    }
    case "decide": {
      const parsed = parseWith(decideSchema, {
        version: text(form, "version"),
        decision: text(form, "decision"),
        comment: text(form, "comment"),
      });
      if (!parsed.success) return bad(parsed.errors);
      const { version, decision, comment } = parsed.data;
      const outcome = await decide(ctx, { deliverableId, version, decision, comment: comment ?? null });
      const notice = ({ signedOff }: { signedOff: boolean }) =>
        decision === "request_changes"
          ? "Changes requested. The creator has been told."
          : signedOff
            ? "Signed off. The publisher has been told."
            : "Approved. The next stage has been told.";
      return { outcome: saying(outcome, notice), values: { comment: comment ?? "" } };
    }
    case "comment": {
      const parsed = parseWith(commentSchema, {
        version: text(form, "version"),
        body: text(form, "body"),
        internal: text(form, "internal"),
        pin: text(form, "pin"),
        idempotencyKey: text(form, IDEMPOTENCY_FIELD),
      });
      // What was typed goes back with a refusal, so a page without JavaScript keeps it.
      const typed = text(form, "body");
      const typedComment = { body: typeof typed === "string" ? typed : "" };
      if (!parsed.success) return bad(parsed.errors, typedComment);
      const outcome = await addComment(ctx, { deliverableId, ...parsed.data });
      return { outcome: saying(outcome, NOTICES.comment), values: outcome.ok ? {} : typedComment };
    }
    case "schedule":
      return { outcome: saying(await markScheduled(ctx, { deliverableId }), NOTICES.schedule), values: {} };
    case "unschedule":
      return { outcome: saying(await markUnscheduled(ctx, { deliverableId }), NOTICES.unschedule), values: {} };
    case "publish": {
      const parsed = parseWith(publishSchema, { liveUrl: text(form, "liveUrl") });
      if (!parsed.success) return bad(parsed.errors);
      const outcome = await markPublished(ctx, { deliverableId, liveUrl: parsed.data.liveUrl });
      return { outcome: saying(outcome, NOTICES.publish), values: { liveUrl: parsed.data.liveUrl } };
    }
    case "reschedule": {
      const parsed = parseWith(rescheduleSchema, { publishAt: text(form, "publishAt"), confirm: text(form, "confirm") });
      if (!parsed.success) return bad(parsed.errors);
      const values = { publishAt: parsed.data.publishAt };
      const at = fromLocalInput(parsed.data.publishAt, ctx.user.timeZone || "UTC");
      if (!at) return bad({ publishAt: ["Give a real date and time."] });
      const input = { deliverableId, publishAt: at, confirmInsideWindow: parsed.data.confirm === "inside_window" };
      return { outcome: saying(await rescheduleDeliverable(ctx, input), rescheduledNotice), values };
    }
    case "reschedule_earliest":
      return { outcome: saying(await rescheduleDeliverable(ctx, { deliverableId, publishAt: "earliest" }), rescheduledNotice), values: {} };
    case "override": {
      const parsed = parseWith(overrideSchema, { reason: text(form, "reason") });
      if (!parsed.success) return bad(parsed.errors);
      return { outcome: saying(await overrideBlock(ctx, { deliverableId, ...parsed.data }), NOTICES.override), values: {} };
    }
  }
}

/** Parses the page's forms (one per intent) with zod and calls the workflow service. */
export async function handleDeliverableAction(
  ctx: MemberContext,
  deliverableId: string,
  body: DeliverableBody,
): Promise<DeliverableAnswer> {
  const which = parseWith(intentSchema, { intent: text(body.form, "intent") });
  if (!which.success) return { intent: null, outcome: invalid(which.errors.intent?.[0] ?? "Unknown action.", which.errors), values: {} };
  const intent = which.data.intent;
  const uploads = body.uploadError ? { uploadError: body.uploadError, uploadedIds: [] } : await uploadChosenMedia(ctx, body.form);
  if (uploads.uploadError && intent === "submit") {
    const values = { copy: str(text(body.form, "copy") ?? ""), title: str(text(body.form, "title")), link: str(text(body.form, "link")) };
    return { intent, outcome: invalid(undefined, { media: [uploads.uploadError] }), values };
  }
  return { intent, ...(await run(ctx, deliverableId, intent, body.form, uploads.uploadedIds)) };
}

import type { ZodIssue } from "zod";
import enClient from "~/locales/en/client.json";
import { INTL_LOCALE, type Locale } from "~/modules/i18n/locales";
import { tFor } from "~/modules/i18n/resources";
import { CORRECT_FIELDS, type FieldMessages, type Problem } from "~/utils/outcome";
import { CONTROL_CHARACTER_MESSAGE, LONE_SURROGATE_MESSAGE } from "~/utils/text-schema";
import { formatNumberIn } from "~/utils/time";

/**
 * The one place a refusal on the client's token pages (the link page, a forwarded step, their
 * autosave) becomes words in the link's language (decision 060). Services and schemas keep one
 * vocabulary, English with a stable `code` (and its `vars`); this maps:
 * - a zod issue of a client form, by its field and kind (never by its English text), and
 * - a service refusal, by its `code` or else its kind,
 * to a key of `client:errors`. A refusal already in the client's language (an asset-ID refusal
 * from the catalog) has no code here and passes unchanged.
 */

/** Service refusal codes (Problem.code) → key under client:errors. */
export const CLIENT_REFUSALS: Record<string, string> = {
  link_gone: "linkGone",
  not_in_link: "notInLink",
  already_done: "alreadyDone",
  forward_limit: "forwardLimit",
  agreement_signed: "agreementSigned",
  partly_saved: "partlySaved",
  partly_saved_finish: "savedFinish",
  brand_kit_missing: "required.brandKitNote",
  partly_saved_brand_kit: "required.brandKitNote",
  unknown_intent: "reload",
  not_text: "notText",
  choose_file: "chooseFile",
  too_many_files: "tooManyFiles",
  file_empty: "fileEmpty",
  file_too_large: "fileTooLarge",
  file_type: "fileType",
  asset_id_required: "idRequired",
  reason_required: "reasonRequired",
};

/** Fields whose "missing or malformed" message is their own (client:errors.required.<field>). */
const OWN_MESSAGE = new Set(Object.keys(enClient.errors.required));

function keyOf(problem: Problem): string | null {
  if (problem.code && problem.code in CLIENT_REFUSALS) return CLIENT_REFUSALS[problem.code];
  if (problem.kind === "too_many") return "tooMany";
  if (problem.kind === "gone") return "linkGone";
  if (problem.kind === "not_found") return "notInLink";
  // A step that moved on (a stale page, another tab, a transition the state machine refuses).
  if (problem.kind === "conflict") return "changed";
  if (problem.message === CORRECT_FIELDS) return "fixField";
  return null;
}

/** A service refusal in the client's language; a field that repeated the message repeats the translation. */
export function clientProblem(problem: Problem, locale: Locale): Problem {
  const key = keyOf(problem);
  if (!key) return problem;
  const vars = { ...problem.vars, minutes: Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60)) };
  const message = tFor(locale, "client")(`errors.${key}`, vars);
  const fields = problem.fields
    ? Object.fromEntries(
        Object.entries(problem.fields).map(([field, list]) => [field, list.map((m) => (m === problem.message ? message : m))]),
      )
    : undefined;
  return { ...problem, message, ...(fields ? { fields } : {}) };
}

/** What a client form's zod issue says, by field and kind of issue. */
export function clientIssueMessage(
  field: string,
  issue: Pick<ZodIssue, "code" | "message"> & { maximum?: unknown },
  locale: Locale,
): string {
  const t = tFor(locale, "client");
  if (issue.message === CONTROL_CHARACTER_MESSAGE) return t("errors.controlCharacter");
  if (issue.message === LONE_SURROGATE_MESSAGE) return t("errors.brokenCharacter");
  if (issue.code === "too_big")
    return field === "assetId"
      ? t("errors.idTooLong")
      : t("errors.tooLong", { max: formatNumberIn(Number(issue.maximum), INTL_LOCALE[locale]) });
  if (field === "stepId") return t("errors.reload");
  if (field === "assetId") return t("errors.idRequired");
  if (field === "reason") return issue.code === "too_small" ? t("errors.reasonTooShort") : t("errors.reasonRequired");
  if (field === "email") return t("errors.colleagueEmail");
  if (field === "locale") return t("errors.locale");
  if (OWN_MESSAGE.has(field)) return t(`errors.required.${field}`);
  if (issue.code === "invalid_type") return t("errors.notText");
  return t("errors.fixField");
}

/** Zod issues of a client form as field messages in the client's language ("_form" for the whole form). */
export function clientFieldMessages(issues: readonly ZodIssue[], locale: Locale): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "_form";
    (messages[field] ??= []).push(clientIssueMessage(field, issue, locale));
  }
  return messages;
}

/** The describer the intake drafts take (intake-draft.ts): each field's issue in the client's language. */
export const describeIn = (locale: Locale) => (field: string, issue: ZodIssue) => clientIssueMessage(field, issue, locale);

import { idempotencyKeySchema } from "~/utils/idempotency";
import { z } from "zod";
import { ID_PATTERN } from "~/utils/ids";
import { checkbox, text as textField } from "~/utils/text-schema";
import { CHANNELS } from "~/modules/channels/channels";
import { publishAtField } from "./publish-time";
import { formatCount } from "~/utils/numbers";
import { decodePin } from "./pins";

/** Ids are 32 lowercase hex characters; anything else is bad input (400), never a lookup. */
export const idField = (what: string) =>
  z.string({ required_error: `Choose ${what}.`, invalid_type_error: `Choose ${what}.` }).regex(ID_PATTERN, `Choose ${what} from the list.`);

/** Copy and comments keep their white space as typed unless `trim` is asked for. */
const text = (label: string, max: number, { trim = false, min = 0, tooShort }: { trim?: boolean; min?: number; tooShort?: string } = {}) =>
  textField({
    invalidType: `${label} must be text.`,
    trim,
    min,
    tooShort,
    max,
    tooLong: `${label} can be at most ${formatCount(max)} characters.`,
  });

const versionField = z.coerce
  .number({ invalid_type_error: "Pick a version." })
  .int("Pick a version.")
  .min(0, "Pick a version.")
  .max(10_000, "Pick a version.");

/** The button that keeps a time inside the sign-off window after the warning (decision 052). */
export const confirmInsideWindowField = z
  .enum(["inside_window"], { errorMap: () => ({ message: "Confirm the time with the button under the warning." }) })
  .optional();

export const newDeliverableSchema = z.object({
  campaignId: idField("a campaign"),
  title: text("The title", 200, { trim: true, min: 1, tooShort: "Give the deliverable a title, e.g. “Launch reel”." }),
  channel: z.enum(CHANNELS, { errorMap: () => ({ message: "Choose a channel." }) }),
  creatorId: z.union([z.literal(""), idField("a creator")]).optional(),
  publishAt: publishAtField,
  /** "earliest": create it for the earliest allowed time, worked out when the form arrives. */
  when: z.enum(["earliest"], { errorMap: () => ({ message: "Choose the time with the buttons under the warning." }) }).optional(),
  confirm: confirmInsideWindowField,
});

export const submitSchema = z.object({
  copy: text("The copy", 70_000),
  title: text("The title", 500).optional(),
  link: text("The link", 2_000).optional(),
  media: z.array(z.string().regex(ID_PATTERN, "Attach files from the upload list.")).max(20, "Attach at most 20 files.").optional(),
  basedOnVersion: versionField,
});

export const decideSchema = z.object({
  version: versionField,
  decision: z.enum(["approve", "request_changes"], { errorMap: () => ({ message: "Choose approve or request changes." }) }),
  comment: text("The comment", 5_000).optional(),
});

const PIN_MESSAGE = "Choose where to pin from the “Pin to” list, or “No pin”.";
const pinField = z
  .string({ invalid_type_error: PIN_MESSAGE })
  .refine((v) => v === "" || decodePin(v) !== null, PIN_MESSAGE)
  .transform((v) => (v === "" ? null : decodePin(v)))
  .optional();

export const commentSchema = z.object({
  version: versionField,
  body: text("The comment", 5_000, { trim: true, min: 1, tooShort: "Write a comment first." }),
  /** For the team only (issue 18); the form offers it to those who read internal comments. */
  internal: checkbox.optional(),
  /** A pin (decision 058): "<file id>:<x>:<y>" from a click on an image or the "Pin to" list; "" is none. */
  pin: pinField,
  /** The form's key (security.md 34): a double click or a resent form adds the comment once. Optional for callers without a page. */
  idempotencyKey: idempotencyKeySchema.optional(),
});

export const rescheduleSchema = z.object({ publishAt: publishAtField, confirm: confirmInsideWindowField });

export const publishSchema = z.object({
  liveUrl: text("The live link", 2_000, { trim: true }).refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Paste the full link to the live post, starting with https://."),
});

export const overrideSchema = z.object({
  reason: text("The reason", 1_000, {
    trim: true,
    min: 10,
    tooShort: "Say why the missing sign-off is acceptable (at least 10 characters); it is recorded as an exception.",
  }),
});

export const DELIVERABLE_INTENTS = [
  "submit",
  "decide",
  "comment",
  "schedule",
  "unschedule",
  "publish",
  "reschedule",
  "reschedule_earliest",
  "override",
] as const;
export type DeliverableIntent = (typeof DELIVERABLE_INTENTS)[number];
export const intentSchema = z.object({
  intent: z.enum(DELIVERABLE_INTENTS, { errorMap: () => ({ message: "Unknown action. Reload the page and try again." }) }),
});

/* The approval route editor: up to MAX_REVIEW_STAGES review stages, then the brand sign-off. */
export const MAX_REVIEW_STAGES = 4;

const approverIds = z.array(z.string().regex(ID_PATTERN, "Choose approvers from the list.")).max(100, "Choose at most 100 approvers.");
const ruleField = z.enum(["any", "all"], { errorMap: () => ({ message: "Choose “any one” or “everyone”." }) });
/** The stage's backup (decision 052): "" or absent for none. */
const backupField = z.union([z.literal(""), z.string().regex(ID_PATTERN, "Choose the backup from the list.")]);

/** At most this many guests per review stage: a stage is a handful of people, not a mailing list. */
export const MAX_GUESTS_PER_STAGE = 20;

/**
 * Guest approvers typed by email (decision 052): people without an account (legal, a regional
 * manager) who decide through their decision link. Separated by commas, spaces or new lines.
 */
export const guestEmailsField = text("The guest emails", 5_000)
  .transform((value) => [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((e) => e.toLowerCase()),
    ),
  ])
  .superRefine((emails, ctx) => {
    const bad = emails.find((e) => e.length > 254 || !z.string().email().safeParse(e).success);
    if (bad) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `“${bad.slice(0, 80)}” is not an email address.` });
    if (emails.length > MAX_GUESTS_PER_STAGE) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Name at most ${MAX_GUESTS_PER_STAGE} guests per stage.` });
    }
  });

export const routeStageSchema = z.object({
  name: text("The stage name", 80, { trim: true }),
  rule: ruleField,
  approvers: approverIds,
  guests: guestEmailsField,
  backup: backupField,
});

export const routeFormSchema = z.object({
  reviewHours: z.coerce
    .number({ invalid_type_error: "Give the review time in hours." })
    .int("Give whole hours.")
    .min(1, "Give at least 1 hour.")
    .max(720, "Give at most 720 hours (30 days)."),
  signoffRule: ruleField,
  signoffApprovers: approverIds,
  /** Brand leads invited but not joined yet, by invitation: each gets a user row, as guests do (decision 052). */
  signoffInvitees: z.array(z.string().regex(ID_PATTERN, "Choose brand leads from the list.")).max(100, "Choose at most 100 brand leads."),
  signoffBackup: backupField,
});

/** Reads the editor's form: stage fields are named s0_name, s0_rule, s0_approvers, …; a review slot with no name, approvers or guests is left out. */
export function readRouteForm(form: FormData) {
  const one = (key: string): unknown => {
    const all = form.getAll(key);
    return all.length > 1 ? all : all[0];
  };
  const strings = (key: string) => form.getAll(key).map((v) => (typeof v === "string" ? v : "(file)"));
  const stages: { index: number; raw: { name: unknown; rule: unknown; approvers: string[]; guests: unknown; backup: unknown } }[] = [];
  for (let i = 0; i < MAX_REVIEW_STAGES; i++) {
    const name = one(`s${i}_name`);
    const approvers = strings(`s${i}_approvers`);
    const guests = one(`s${i}_guests`);
    if ((name === undefined || name === "") && approvers.length === 0 && (guests === undefined || guests === "")) continue;
    stages.push({
      index: i,
      raw: { name: name ?? "", rule: one(`s${i}_rule`) ?? "any", approvers, guests: guests ?? "", backup: one(`s${i}_backup`) ?? "" },
    });
  }
  return {
    stages,
    rest: {
      reviewHours: one("reviewHours"),
      signoffRule: one("signoffRule") ?? "any",
      signoffApprovers: strings("signoffApprovers"),
      signoffInvitees: strings("signoffInvitees"),
      signoffBackup: one("signoffBackup") ?? "",
    },
    /** Typed only by a hand-made form: the editor offers no guests on the sign-off, and the rules refuse them. */
    signoffGuests: one("signoffGuests"),
  };
}

import type { z } from "zod";
import type { FieldMessages } from "~/utils/outcome";
import type { RouteStage } from "./route";
import { readRouteForm, routeFormSchema, routeStageSchema } from "./schemas";

/**
 * The approval route editor's form, checked the same way in the browser and in the action (pure,
 * no server imports). Its fields are flat (s0_name, s0_rule, s0_approvers, s0_guests, s0_backup, …,
 * signoffRule, signoffApprovers, signoffInvitees, signoffBackup, reviewHours) so it also posts
 * without JavaScript; the messages are per stage (`s0`, `signoff`) because a stage is shown as one
 * card, and beside their own field for the guests and the backup (`s0_guests`, `s0_backup`,
 * `signoff_backup`).
 */

/** Guests decide review stages only (decision 052): the brand sign-off is its brand leads'. */
export const GUESTS_ON_SIGNOFF =
  "Guests can approve review stages only: the brand sign-off is given by brand leads of this campaign's brand.";

/** The form-level message when a stage or the review time is wrong. */
export const ROUTE_FIELDS = "Please correct the highlighted stages.";

/** What was typed, flat by field name, put back into the form when it comes back with errors. */
export type RouteFormValues = Record<string, string | string[]>;

export type RouteFormCheck =
  | {
      ok: true;
      values: RouteFormValues;
      review: RouteStage[];
      /** The guest emails typed on each review stage, in the order of `review`. */
      guests: string[][];
      slotOfStage: number[];
      rest: z.infer<typeof routeFormSchema>;
    }
  | { ok: false; values: RouteFormValues; errors: FieldMessages };

/** zod's messages grouped by field, in the order the fields first fail (as the action always listed them). */
const byField = (issues: z.ZodIssue[]): FieldMessages => {
  const out: FieldMessages = {};
  for (const issue of issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
};

const asText = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

export function checkRouteForm(form: FormData): RouteFormCheck {
  const { stages, rest, signoffGuests } = readRouteForm(form);
  const errors: FieldMessages = {};
  const values: RouteFormValues = {
    reviewHours: asText(rest.reviewHours),
    signoffRule: asText(rest.signoffRule, "any"),
    signoffApprovers: rest.signoffApprovers,
    signoffInvitees: rest.signoffInvitees,
    signoffBackup: asText(rest.signoffBackup),
  };
  const base = routeFormSchema.safeParse(rest);
  if (!base.success) {
    for (const [field, messages] of Object.entries(byField(base.error.issues)))
      (errors[field === "signoffBackup" ? "signoff_backup" : field.startsWith("signoff") ? "signoff" : field] ??= []).push(...messages);
  }
  if (signoffGuests !== undefined && signoffGuests !== "") (errors.signoff ??= []).push(GUESTS_ON_SIGNOFF);
  const review: RouteStage[] = [];
  const guests: string[][] = [];
  const slotOfStage: number[] = [];
  for (const { index, raw } of stages) {
    values[`s${index}_name`] = asText(raw.name);
    values[`s${index}_rule`] = asText(raw.rule, "any");
    values[`s${index}_approvers`] = raw.approvers;
    values[`s${index}_guests`] = asText(raw.guests);
    values[`s${index}_backup`] = asText(raw.backup);
    const parsed = routeStageSchema.safeParse(raw);
    if (!parsed.success) {
      // Each message beside its own field: the guests' and the backup's under theirs, the rest on the card.
      for (const [field, messages] of Object.entries(byField(parsed.error.issues))) {
        const key = field === "guests" || field === "backup" ? `s${index}_${field}` : `s${index}`;
        (errors[key] ??= []).push(...messages);
      }
    } else if (!parsed.data.name) errors[`s${index}`] = ["Give the stage a name, e.g. “Agency review”."];
    else if (parsed.data.approvers.length === 0 && parsed.data.guests.length === 0) {
      errors[`s${index}`] = [`Add at least one approver to "${parsed.data.name}": choose from the list or name a guest by email.`];
    } else {
      slotOfStage.push(index);
      guests.push(parsed.data.guests);
      const backup = parsed.data.backup ? { backupUserId: parsed.data.backup } : {};
      review.push({ name: parsed.data.name, kind: "review", rule: parsed.data.rule, approverUserIds: parsed.data.approvers, ...backup });
    }
  }
  if (!base.success || Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, values, review, guests, slotOfStage, rest: base.data };
}

/**
 * The saved route's messages (`stage0`, …, the last one the sign-off; `stage0_backup`,
 * `stage0_guests` for those fields) as the editor's keys.
 */
export function routeErrorsBySlot(fields: FieldMessages, slotOfStage: number[], stageCount: number): FieldMessages {
  const errors: FieldMessages = {};
  for (const [field, messages] of Object.entries(fields)) {
    const m = /^stage(\d+)(_backup|_guests)?$/.exec(field);
    const stageIndex = m ? Number(m[1]) : null;
    const card = stageIndex === null ? "_form" : stageIndex === stageCount - 1 ? "signoff" : `s${slotOfStage[stageIndex]}`;
    const key = stageIndex === null || !m?.[2] ? card : `${card}${m[2]}`;
    (errors[key] ??= []).push(...messages);
  }
  return errors;
}

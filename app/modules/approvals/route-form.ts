import type { z } from "zod";
import type { FieldMessages } from "~/utils/outcome";
import type { RouteStage } from "./route";
import { readRouteForm, routeFormSchema, routeStageSchema } from "./schemas";

/**
 * The approval route editor's form, checked the same way in the browser and in the action (pure,
 * no server imports). Its fields are flat (s0_name, s0_rule, s0_approvers, …, signoffRule,
 * signoffApprovers, reviewHours) so it also posts without JavaScript; the messages are per stage
 * (`s0`, `signoff`) because a stage is shown as one card.
 */

/** The form-level message when a stage or the review time is wrong. */
export const ROUTE_FIELDS = "Please correct the highlighted stages.";

/** What was typed, flat by field name, put back into the form when it comes back with errors. */
export type RouteFormValues = Record<string, string | string[]>;

export type RouteFormCheck =
  | { ok: true; values: RouteFormValues; review: RouteStage[]; slotOfStage: number[]; rest: z.infer<typeof routeFormSchema> }
  | { ok: false; values: RouteFormValues; errors: FieldMessages };

/** zod's messages grouped by field, in the order the fields first fail (as the action always listed them). */
const byField = (issues: z.ZodIssue[]): FieldMessages => {
  const out: FieldMessages = {};
  for (const issue of issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
};

const asText = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);

export function checkRouteForm(form: FormData): RouteFormCheck {
  const { stages, rest } = readRouteForm(form);
  const errors: FieldMessages = {};
  const values: RouteFormValues = {
    reviewHours: asText(rest.reviewHours),
    signoffRule: asText(rest.signoffRule, "any"),
    signoffApprovers: rest.signoffApprovers,
  };
  const base = routeFormSchema.safeParse(rest);
  if (!base.success) {
    for (const [field, messages] of Object.entries(byField(base.error.issues)))
      (errors[field.startsWith("signoff") ? "signoff" : field] ??= []).push(...messages);
  }
  const review: RouteStage[] = [];
  const slotOfStage: number[] = [];
  for (const { index, raw } of stages) {
    values[`s${index}_name`] = asText(raw.name);
    values[`s${index}_rule`] = asText(raw.rule, "any");
    values[`s${index}_approvers`] = raw.approvers;
    const parsed = routeStageSchema.safeParse(raw);
    if (!parsed.success) errors[`s${index}`] = Object.values(byField(parsed.error.issues)).flat();
    else if (!parsed.data.name) errors[`s${index}`] = ["Give the stage a name, e.g. “Agency review”."];
    else {
      slotOfStage.push(index);
      review.push({ name: parsed.data.name, kind: "review", rule: parsed.data.rule, approverUserIds: parsed.data.approvers });
    }
  }
  if (!base.success || Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, values, review, slotOfStage, rest: base.data };
}

/** The saved route's messages (`stage0`, …, the last one the sign-off) as the editor's per-stage keys. */
export function routeErrorsBySlot(fields: FieldMessages, slotOfStage: number[], stageCount: number): FieldMessages {
  const errors: FieldMessages = {};
  for (const [field, messages] of Object.entries(fields)) {
    const m = /^stage(\d+)$/.exec(field);
    const stageIndex = m ? Number(m[1]) : null;
    const key = stageIndex === null ? "_form" : stageIndex === stageCount - 1 ? "signoff" : `s${slotOfStage[stageIndex]}`;
    (errors[key] ??= []).push(...messages);
  }
  return errors;
}

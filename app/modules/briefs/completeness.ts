import { readPath, type BriefDraft } from "./core-sections";
import { publishProblems, type BriefProblem, type PublishRules } from "./publish-rules";
import { templateFields, type BriefFieldType, type BriefTemplate } from "./template";

/**
 * The completeness meter: how much of the template's required content a brief has, and which
 * fields are still missing, named in the order the editor shows them.
 */

export interface MissingField {
  key: string; // the field's path, which is also its form input name
  label: string;
}

export interface BriefCompleteness {
  percent: number;
  missing: MissingField[];
  /** What stops publishing although it is filled in (an impossible plan, a disclosure that is not one). */
  problems: BriefProblem[];
  complete: boolean;
}

/**
 * Without `rules` only filled-ness counts: that is how a version already published is judged
 * (it stays valid under rules added or changed after it went out).
 */
export function briefCompleteness(template: BriefTemplate, brief: BriefDraft, rules?: PublishRules): BriefCompleteness {
  const required = templateFields(template).filter((f) => f.required);
  const missing = required.filter((f) => !isFilled(f.type, readPath(brief, f.key))).map(({ key, label }) => ({ key, label }));
  const filled = required.length - missing.length;
  // Rounded down so the meter never reads 100% while something is still missing.
  const percent = required.length === 0 ? 100 : Math.floor((filled / required.length) * 100);
  const problems = rules ? publishProblems(brief, rules) : [];
  // Likewise never 100% while a problem would refuse the publish.
  return {
    percent: problems.length > 0 ? Math.min(percent, 99) : percent,
    missing,
    problems,
    complete: missing.length === 0 && problems.length === 0,
  };
}

const hasText = (v: unknown) => typeof v === "string" && v.trim() !== "";

// A list row counts only when every part of it is given: "Reach" without a target is not a metric.
function rowsFilled(value: unknown, parts: readonly string[]): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every((row: unknown) => {
    if (typeof row !== "object" || row === null) return false;
    const record = row as Record<string, unknown>;
    return parts.every((p) => hasText(record[p]) || (typeof record[p] === "number" && record[p] > 0));
  });
}

export function isFilled(type: BriefFieldType, value: unknown): boolean {
  switch (type) {
    case "text":
    case "long_text":
    case "date":
    case "url":
    case "select":
      return hasText(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "checklist":
    case "contact_list":
      return Array.isArray(value) && value.some(hasText);
    case "metric_list":
      return rowsFilled(value, ["kpi", "target"]);
    case "deliverable_list":
      return rowsFilled(value, ["channel", "format", "count"]);
    case "utm_list":
      return rowsFilled(value, ["param"]);
  }
}

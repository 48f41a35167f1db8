import { DomainError as BaseDomainError } from "~/utils/outcome";

/**
 * @deprecated Throw `DomainError` from `~/utils/outcome` (decision 051); removed when briefs is converted.
 * A rule of the domain was broken (not a bug, not I/O). Routes turn it into a 400/409 with the
 * message shown as is, so the message is written for the person using Baton.
 */
export type DomainErrorCode = "invalid_transition" | "brief_incomplete" | "invalid_template" | "core_section" | "unknown_field";

export class DomainError extends BaseDomainError {
  declare readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    // Same mapping as campaigns/access.server.ts refusalOf: a wrong state is a conflict, the rest invalid input.
    super(code, message, code === "invalid_transition" ? "conflict" : "invalid");
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Zod issues as field errors keyed by form field name ("successMetrics.0.kpi"), for conform and plain forms. */
export function issuesByPath(issues: readonly { path: (string | number)[]; message: string }[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

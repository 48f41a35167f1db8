import type { z } from "zod";
import type { CheckConfirms, CheckResult, DriverOptions } from "../driver";
import { callApi, type ApiAnswer, type ApiRequest, type CallOptions, type ProviderErrors } from "../http.server";
import { judgeRole } from "../roles";
import type { PlatformKey } from "~/modules/onboarding/catalog/types";

/** At most this many pages of one listing are read: a bound on a runaway pagination. */
export const MAX_PAGES = 50;

export function callOptions(fetcher?: typeof fetch, options?: DriverOptions): CallOptions {
  return { fetcher, sleep: options?.sleep };
}

export function unavailableResult(answer: Extract<ApiAnswer, { kind: "unavailable" }>, confirms: CheckConfirms): CheckResult {
  return { outcome: "unavailable", confirms, reason: answer.reason, evidence: { status: answer.status } };
}

export function unknownResult(what: string, confirms: CheckConfirms, evidence: Record<string, unknown> = {}): CheckResult {
  return {
    outcome: "unknown",
    confirms,
    reason: `The provider's answer to ${what} was not what Baton expects, so nothing is concluded.`,
    evidence,
  };
}

/** A 4xx that is not a refused credential (a permission the account lacks, a bad id): nothing is concluded. */
export function clientErrorResult(
  answer: Extract<ApiAnswer, { kind: "client_error" }>,
  what: string,
  confirms: CheckConfirms,
): CheckResult {
  return {
    outcome: "unknown",
    confirms,
    reason: `The provider refused to list ${what} (HTTP ${answer.status}), so nothing is concluded.`,
    evidence: { status: answer.status },
  };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; result: CheckResult };

/** One call whose success is parsed with `schema`; anything else becomes the check's result. */
export async function getParsed<S extends z.ZodTypeAny>(
  request: ApiRequest,
  schema: S,
  errors: ProviderErrors,
  call: CallOptions,
  what: string,
  confirms: CheckConfirms,
): Promise<Parsed<z.output<S>>> {
  const answer = await callApi(request, errors, call);
  if (answer.kind === "unavailable") return { ok: false, result: unavailableResult(answer, confirms) };
  if (answer.kind === "client_error") return { ok: false, result: clientErrorResult(answer, what, confirms) };
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) return { ok: false, result: unknownResult(what, confirms) };
  return { ok: true, value: parsed.data as z.output<S> };
}

/**
 * The outcome once the asset was found with a role the API reported: found, or weaker_role with
 * what is missing; an unknown role confirms presence only.
 */
export function roleResult(
  platform: PlatformKey,
  requested: string,
  observed: string | readonly string[],
  found: { what: string; evidence: Record<string, unknown> },
): CheckResult {
  const verdict = judgeRole(platform, requested, observed);
  const evidence = { ...found.evidence, observedRole: verdict.observed };
  if (verdict.verdict === "enough") {
    return {
      outcome: "found",
      confirms: "role",
      reason: `${found.what} is visible to the agency with ${verdict.observed}, at least the ${requested} asked for.`,
      evidence,
      observedRole: verdict.observed,
    };
  }
  if (verdict.verdict === "weaker") {
    return {
      outcome: "weaker_role",
      confirms: "role",
      reason: `${found.what} is visible to the agency, but with ${verdict.observed || "no tasks"}, weaker than the ${verdict.missing.join(", ")} asked for.`,
      evidence: { ...evidence, missing: verdict.missing },
      observedRole: verdict.observed,
    };
  }
  return presenceResult(found.what, evidence, `the role (${verdict.observed ?? "none reported"}) could not be compared with ${requested}`);
}

export function presenceResult(what: string, evidence: Record<string, unknown>, why?: string): CheckResult {
  return {
    outcome: "found",
    confirms: "presence",
    reason: `${what} is visible to the agency${why ? `; ${why}` : ""}.`,
    evidence,
  };
}

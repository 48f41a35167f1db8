import { DomainError as BaseDomainError } from "~/utils/outcome";

/**
 * @deprecated Throw `DomainError` from `~/utils/outcome` (decision 051); removed when approvals is converted.
 * A broken business rule, as opposed to a bug or an I/O failure.
 *
 * `code` is stable and machine-readable (for tests, logs, API responses); `message` is a sentence
 * a person can act on, safe to show in the UI as is. Kept tiny on purpose so any module can use
 * it; move it to a shared place when a second module needs it.
 */
export class DomainError extends BaseDomainError {
  constructor(code: string, message: string) {
    // approvals answers these 409 (see workflow.server.ts run()).
    super(code, message, "conflict");
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

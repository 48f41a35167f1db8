/**
 * A broken business rule, as opposed to a bug or an I/O failure.
 *
 * `code` is stable and machine-readable (for tests, logs, API responses); `message` is a sentence
 * a person can act on, safe to show in the UI as is. Kept tiny on purpose so any module can use
 * it; move it to a shared place when a second module needs it.
 */
export class DomainError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "DomainError";
    this.code = code;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

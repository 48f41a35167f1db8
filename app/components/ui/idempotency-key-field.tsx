import { IDEMPOTENCY_FIELD } from "~/utils/idempotency";

/** The hidden field of a create form: its key comes from the loader (newIdempotencyKey). */
export function IdempotencyKeyField({ value }: { value: string }) {
  return <input type="hidden" name={IDEMPOTENCY_FIELD} value={value} />;
}

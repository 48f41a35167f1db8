import type { SerializeFrom } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { LiveRegion } from "~/components/approvals/live-region";
import { Alert, FormError } from "~/components/ui";
import type { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import type { EarliestTime } from "~/modules/approvals/earliest-publish.server";
import type { DeliverableIntent } from "~/modules/approvals/schemas";
import type { TransferCheckFailure } from "~/modules/approvals/transfer-checks";
import type { ActionData } from "~/utils/action-data.server";
import { useActionForm } from "~/utils/conform";
import type { z } from "zod";

/** The deliverable page as its loader sends it. */
export type DeliverablePageData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof deliverablePage>>>>;

/**
 * The one action-data shape (decision 051), plus the failed ready-to-transfer checks the submit form
 * lists, and the earliest allowed time when a new time was inside the sign-off window (decision 052).
 */
export type DeliverableActionData = ActionData<DeliverableIntent> & {
  failures: TransferCheckFailure[];
  insideWindow: { earliest: EarliestTime | null } | null;
};

export function useResult(intent: DeliverableIntent): DeliverableActionData | null {
  const data = useActionData() as DeliverableActionData | undefined;
  return data && data.intent === intent ? data : null;
}

/**
 * conform for one of the page's forms (decision 051): the action's zod schema checked in the
 * browser, the server's answer for `intent` shown the same way; still a plain POST without JS.
 */
export function useDeliverableForm<S extends z.AnyZodObject>(
  intent: DeliverableIntent,
  schema: S,
  opts: { id?: string; validate?: z.ZodTypeAny; defaultValue?: Partial<Record<keyof z.input<S>, unknown>> } = {},
) {
  const answer = useResult(intent);
  return useActionForm({ id: opts.id ?? intent, intent, schema, answer, validate: opts.validate, defaultValue: opts.defaultValue });
}

export function Notice() {
  const data = useActionData() as DeliverableActionData | undefined;
  return (
    <div aria-live="polite" role="status">
      {data?.ok && data.notice ? <Alert tone="success">{data.notice}</Alert> : null}
    </div>
  );
}

export function IntentError({ intent }: { intent: DeliverableIntent }) {
  const result = useResult(intent);
  return <LiveRegion>{result && !result.ok && result.formError ? <FormError errors={result.formError} /> : null}</LiveRegion>;
}

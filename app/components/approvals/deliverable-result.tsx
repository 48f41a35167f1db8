import type { SerializeFrom } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { LiveRegion } from "~/components/approvals/live-region";
import { Alert, FormError } from "~/components/ui";
import type { deliverablePage } from "~/modules/approvals/deliverable-page.server";
import type { DeliverableIntent } from "~/modules/approvals/schemas";
import type { TransferCheckFailure } from "~/modules/approvals/transfer-checks";
import type { ActionData } from "~/utils/action-data.server";

/** The deliverable page as its loader sends it. */
export type DeliverablePageData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof deliverablePage>>>>;

/** The one action-data shape (decision 051), plus the failed ready-to-transfer checks the submit form lists. */
export type DeliverableActionData = ActionData<DeliverableIntent> & { failures: TransferCheckFailure[] };

export function useResult(intent: DeliverableIntent): DeliverableActionData | null {
  const data = useActionData() as DeliverableActionData | undefined;
  return data && data.intent === intent ? data : null;
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

import { Badge, type Tone } from "~/components/ui";
import { DELIVERABLE_STATUS_LABELS, type DeliverableStatus } from "~/modules/approvals/deliverable-status";

export const STATUS_TONE: Record<DeliverableStatus, Tone> = {
  draft: "neutral",
  in_review: "info",
  changes_requested: "warning",
  signed_off: "success",
  scheduled: "accent",
  published: "success",
  blocked: "danger",
};

export function DeliverableStatusBadge({ status }: { status: DeliverableStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {DELIVERABLE_STATUS_LABELS[status]}
    </Badge>
  );
}

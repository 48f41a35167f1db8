import { AlertCircleIcon } from "~/components/icons";
import { Badge, type Tone } from "~/components/ui";
import { BLOCKED_LABEL, DELIVERABLE_STATUS_LABELS, type DeliverableStatus } from "~/modules/approvals/deliverable-status";

export const STATUS_TONE: Record<DeliverableStatus, Tone> = {
  draft: "neutral",
  in_review: "info",
  changes_requested: "warning",
  signed_off: "success",
  scheduled: "accent",
  published: "success",
};

export function DeliverableStatusBadge({ status }: { status: DeliverableStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {DELIVERABLE_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The blocked flag, shown beside the status badge (decision 052): an icon and a word, never colour alone. */
export function BlockedBadge() {
  return (
    <Badge tone="danger">
      <AlertCircleIcon size={12} aria-hidden />
      {BLOCKED_LABEL}
    </Badge>
  );
}

/** The status and, when set, the flag beside it: the one way lists show a deliverable's state. */
export function DeliverableStateBadges({ status, blocked }: { status: DeliverableStatus; blocked: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <DeliverableStatusBadge status={status} />
      {blocked ? <BlockedBadge /> : null}
    </span>
  );
}

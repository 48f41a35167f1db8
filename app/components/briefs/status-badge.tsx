import { Badge } from "~/components/ui";
import type { CampaignStatus } from "~/modules/campaigns/campaign-status";
import { STATUS_TONE } from "~/modules/briefs/format";
import { STATUS_LABELS } from "~/modules/campaigns/schemas";

export function CampaignStatusBadge({ status }: { status: string }) {
  const s = (status in STATUS_LABELS ? status : "planning") as CampaignStatus;
  return (
    <Badge tone={STATUS_TONE[s]} dot>
      {STATUS_LABELS[s]}
    </Badge>
  );
}

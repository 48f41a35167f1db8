import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "~/components/ui";
import type { AccessStatus } from "~/modules/onboarding/access-status";

/** Each access state's colour, on the agency's pages (the link page, the brand's access ledger). */
export const ACCESS_STATUS_TONE: Record<AccessStatus, Tone> = {
  requested: "neutral",
  confirmed: "info",
  verified: "success",
  rejected: "danger",
  not_applicable: "neutral",
  revoked: "warning",
  lost: "danger",
};

/** A step's state as the agency reads it ("Confirmed by client"), from the agency namespace. */
export function AgencyAccessStatusBadge({ status }: { status: AccessStatus }) {
  const { t } = useTranslation("agency");
  return (
    <Badge tone={ACCESS_STATUS_TONE[status]} dot>
      {t(`accessStatus.${status}`)}
    </Badge>
  );
}

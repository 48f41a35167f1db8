import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "~/components/ui";
import type { LinkState } from "~/modules/onboarding/link-model";

const STATE_TONE: Record<LinkState, Tone> = {
  active: "info",
  completed: "warning",
  verified: "success",
  expired: "neutral",
  revoked: "danger",
  replaced: "neutral",
};

export function LinkStateBadge({ state }: { state: LinkState }) {
  const { t } = useTranslation("agency");
  return (
    <Badge tone={STATE_TONE[state]} dot>
      {t(`linkState.${state}`)}
    </Badge>
  );
}

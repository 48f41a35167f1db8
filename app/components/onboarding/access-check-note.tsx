import { Badge } from "~/components/ui";
import type { Tone } from "~/components/ui/badge";
import { formatDayTime } from "~/components/onboarding/branded-frame";
import type { AccessStatus } from "~/modules/onboarding/access-status";
import type { StepCheckView } from "~/modules/onboarding/access-checks/view";
import { checkWords as t } from "./access-check-words";

type Standing = NonNullable<StepCheckView["latest"]>["standing"];

const TONE: Record<Standing, Tone> = {
  verified: "success",
  seen: "success",
  not_found: "danger",
  weaker_role: "warning",
  couldnt_check: "neutral",
  gone: "info",
  still_held: "warning",
};

/** "Verified by automatic check 3 Dec 2026, 09:12 UTC": the card's verified line when a check verified it. */
export function verifiedByCheckLine(verifiedAt: string): string {
  return t("verifiedByCheck", { when: formatDayTime(verifiedAt) });
}

/**
 * What automatic checks said about one step, on the agency's link page (decision 065): the latest
 * reading (found, not found with the platform's reason, couldn't check) and, for a lost grant, when
 * it was found gone and last seen. Nothing when no check ever read the step.
 */
export function AccessCheckNote({ status, check }: { status: AccessStatus; check: StepCheckView | null }) {
  if (!check?.latest && !check?.lostAt) return null;
  const latest = check.latest;
  return (
    <div className="mt-2 space-y-1 text-sm" data-testid="access-check-note">
      {latest ? (
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Badge tone={TONE[latest.standing]}>{t(`standing_${latest.standing}`)}</Badge>
          <span className="text-xs text-ink-muted">{t("checkedAt", { when: formatDayTime(latest.checkedAt) })}</span>
        </p>
      ) : null}
      {latest?.reason ? <p className="break-words text-ink-soft">{latest.reason}</p> : null}
      {latest && (latest.standing === "verified" || latest.standing === "seen") ? (
        <p className="text-xs text-ink-muted">{t(latest.confirms === "role" ? "confirms_role" : "confirms_presence")}</p>
      ) : null}
      {status === "confirmed" && latest && (latest.standing === "not_found" || latest.standing === "weaker_role") ? (
        <p className="text-xs text-ink-muted">{t("waitsForPerson")}</p>
      ) : null}
      {status === "confirmed" && latest?.standing === "couldnt_check" ? (
        <p className="text-xs text-ink-muted">{t("couldntCheckBody")}</p>
      ) : null}
      {status === "lost" ? <LostLine check={check} /> : null}
    </div>
  );
}

/** A lost grant: when a check found it gone, when one last saw it, and that the client was asked again. */
export function LostLine({ check }: { check: StepCheckView }) {
  return (
    <p className="text-sm text-red-700">
      {check.lostAt ? `${t("lostAt", { when: formatDayTime(check.lostAt) })}. ` : ""}
      {check.lastSeenAt ? t("lastSeen", { when: formatDayTime(check.lastSeenAt) }) : t("lastSeenNever")}. {t("lostNote")}
    </p>
  );
}

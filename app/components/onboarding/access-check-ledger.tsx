import { Form, Link, useNavigation } from "@remix-run/react";
import { Badge, Button, Card } from "~/components/ui";
import { formatDayTime } from "~/components/onboarding/branded-frame";
import type { StepCheckView } from "~/modules/onboarding/access-checks/view";
import { AccessCheckNote } from "./access-check-note";
import { checkWords as t } from "./access-check-words";

/**
 * The automatic checks on a brand's access ledger (decision 065): "Check now" (a plain POST, works
 * without JS), how many checks of that run are still going, and a link to reload the results.
 * Shown only once the workspace has connected a platform account.
 */
export function AccessCheckCard({ running, here }: { running: number; here: string }) {
  const nav = useNavigation();
  const sending = nav.state !== "idle" && nav.formData?.get("intent") === "check-now";
  return (
    <Card
      title={t("checkNowTitle")}
      description={t("checkNowBody")}
      actions={
        <Form method="post" action={here} preventScrollReset>
          <input type="hidden" name="intent" value="check-now" />
          <Button type="submit" variant="secondary" disabled={running > 0 || sending}>
            {t("checkNow")}
          </Button>
        </Form>
      }
    >
      {running > 0 ? (
        <p role="status" className="flex flex-wrap items-center gap-3 text-sm text-ink-soft">
          <span>{t("running", { count: running })}</span>
          <Link to={here} className="font-medium text-accent underline" preventScrollReset>
            {t("reload")}
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

/** Under a grant's status in the ledger: when a check last saw it, and the latest reading. */
export function GrantCheckLine({ status, check }: { status: string; check: StepCheckView | undefined }) {
  if (!check) return null;
  if (status === "lost") return <AccessCheckNote status="lost" check={check} />;
  if (!check.latest) return null;
  return (
    <div className="mt-1 space-y-0.5 text-xs text-ink-muted">
      {check.verifiedVia === "check" ? (
        <p>
          <Badge tone="success">{t("standing_verified")}</Badge>
        </p>
      ) : null}
      <p>{check.lastSeenAt ? t("lastSeen", { when: formatDayTime(check.lastSeenAt) }) : t("lastSeenNever")}</p>
      {check.latest.standing !== "seen" && check.latest.standing !== "verified" ? <p>{t(`standing_${check.latest.standing}`)}</p> : null}
    </div>
  );
}

/** An offboarding item a check ticked says so instead of naming a person. */
export function doneByCheckLine(doneAt: string): string {
  return t("doneByCheck", { when: formatDayTime(doneAt) });
}

/** The notice after "Check now". */
export function checkNowNotice(queued: number): string {
  return t("checkNowQueued", { count: queued });
}

import { Card } from "~/components/ui";
import { eventByPerson } from "~/modules/approvals/event-words";
import type { DeliverablePageData } from "./deliverable-result";

export function activityDetail(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  const bits: string[] = [];
  if (typeof d.version === "number" && d.version > 0) bits.push(`v${d.version}`);
  if (typeof d.stage === "string") bits.push(d.stage);
  if (d.late === true) bits.push("late");
  if (d.unblocked === true) bits.push("no longer blocked");
  if (d.blocked === true) bits.push("blocked: inside the sign-off window");
  if (typeof d.comment === "string" && d.comment) bits.push(`“${d.comment}”`);
  if (typeof d.reason === "string") bits.push(`reason: “${d.reason}”`);
  if (typeof d.liveUrl === "string") bits.push(d.liveUrl);
  return bits.length ? bits.join(" · ") : null;
}

export function ActivityPanel({ page }: { page: DeliverablePageData }) {
  return (
    <Card title="Activity" description="Every step, from the audit trail.">
      {page.activity.length === 0 ? (
        <p className="text-sm text-ink-muted">Nothing yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Activity, newest first">
          {page.activity.map((a) => {
            const detail = activityDetail(a.data);
            return (
              <li key={a.id} className="text-sm">
                <p>
                  <span className="font-medium text-ink">{a.actor}</span> <span className="text-ink-soft">{eventByPerson(a.action)}</span>
                </p>
                {detail ? <p className="break-words text-ink-muted">{detail}</p> : null}
                <p className="text-xs text-ink-muted">{a.at}</p>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}

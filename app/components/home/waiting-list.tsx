import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui";
import type { WaitingItem } from "~/modules/waiting/waiting";
import { formatDuration, formatIn, ONE_UNIT } from "~/utils/time";

const KIND_LABEL: Record<WaitingItem["kind"], string> = {
  brief_ack: "Brief to acknowledge",
  draft_review: "Draft to review",
  signoff: "Sign-off",
  changes_requested: "Changes requested",
  draft_due: "Draft to submit",
  blocked: "Blocked: reschedule",
  access_verify: "Access to verify",
  conflict: "Conflict",
  onboarding: "Onboarding",
};

function relative(iso: string, now: number): string {
  const ms = new Date(iso).getTime() - now;
  const text = formatDuration(ms, ONE_UNIT);
  return ms >= 0 ? `due in ${text}` : `overdue by ${text}`;
}

/** The home page's "waiting on you" list: what, why, and how long it has or has left. */
/** `timeZone` is the viewer's, so the server render and the hydrated page show the same day. */
export function WaitingList({ items, now = Date.now(), timeZone = "UTC" }: { items: WaitingItem[]; now?: number; timeZone?: string }) {
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => {
        const overdue = item.dueAt ? new Date(item.dueAt).getTime() < now : false;
        return (
          <li key={`${item.kind}:${item.id}`} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0">
              <p className="text-xs font-medium uppercase tracking-wide text-ink-muted">{KIND_LABEL[item.kind]}</p>
              <Link to={item.url} className="font-medium text-ink hover:underline">
                {item.title}
              </Link>
              <p className="text-sm text-ink-muted">{item.detail}</p>
            </div>
            {item.dueAt ? (
              <Badge tone={overdue ? "danger" : "warning"}>{relative(item.dueAt, now)}</Badge>
            ) : item.since ? (
              <span className="text-sm text-ink-muted">waiting since {formatIn(item.since, timeZone, "d LLL")}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

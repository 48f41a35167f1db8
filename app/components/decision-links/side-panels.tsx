import { CheckCircleIcon } from "~/components/icons";
import { Badge, Card, cx } from "~/components/ui";
import { isAtRisk } from "~/modules/approvals/signoff-rule";
import type { LinkPage } from "./types";

/** When it goes live and when the brand's sign-off is due, in the brand's zone (the script adds the reader's). */
export function TimingPanel({ page }: { page: LinkPage }) {
  const { timing } = page;
  return (
    <Card title="Timing" description={<span id="zone-note">Times in the brand&apos;s zone ({timing.zone}).</span>}>
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="font-medium text-ink">Goes live</dt>
          <dd className="text-ink-soft" data-instant={timing.publishAt}>
            {timing.publishLabel}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-ink">Brand sign-off deadline</dt>
          <dd className="text-ink-soft" data-instant={timing.deadline}>
            {timing.deadlineLabel}
          </dd>
          <dd className="mt-1 text-xs text-ink-muted">
            {timing.windowHours} hours before it goes live. A sign-off counts only on the current version and before this time.
          </dd>
        </div>
        {timing.signedOff ? (
          <div>
            <dt className="font-medium text-ink">Signed off</dt>
            <dd className="text-ink-soft">
              v{timing.signedOff.version}, {timing.signedOff.at}
            </dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}

/** Time left to sign off, as a badge; the page's script keeps it ticking. */
export function SignOffCountdown({ page }: { page: LinkPage }) {
  const { timing } = page;
  const left = new Date(timing.deadline).getTime() - Date.now();
  const tone = timing.deadlinePassed ? "danger" : isAtRisk(left) ? "warning" : "info";
  return (
    <Badge tone={tone}>
      <span className="sr-only">Time left to sign off: </span>
      <time dateTime={timing.deadline} data-countdown={timing.deadline}>
        {timing.deadlinePassed ? timing.countdown : `${timing.countdown} left`}
      </time>
    </Badge>
  );
}

const STATE_TEXT = { done: "Approved", current: "Waiting for a decision", waiting: "Not started", changes_requested: "Changes requested" };

/** The approval route: which stage holds the draft, who decided, where the reader is. */
export function RoutePanel({ page }: { page: LinkPage }) {
  return (
    <Card title="Approval route">
      <ol className="space-y-3">
        {page.route.map((stage, index) => (
          <li key={`${index}-${stage.name}`} className="flex gap-3">
            <span
              aria-hidden
              className={cx(
                "mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                stage.state === "done" && "bg-emerald-100 text-emerald-800",
                stage.state === "current" && "bg-accent text-[rgb(var(--accent-fg))]",
                stage.state === "waiting" && "bg-slate-100 text-ink-muted",
                stage.state === "changes_requested" && "bg-amber-100 text-amber-900",
              )}
            >
              {stage.state === "done" ? <CheckCircleIcon size={14} /> : index + 1}
            </span>
            <div className="min-w-0 text-sm">
              <p className="font-medium text-ink">
                {stage.name}
                <span className="sr-only">, stage {index + 1}</span>
                <span className="block font-normal text-ink-muted">{STATE_TEXT[stage.state]}</span>
              </p>
              <ul className="mt-0.5 flex flex-wrap gap-x-3 gap-y-1 text-ink-muted">
                {stage.approvers.map((a, i) => (
                  <li key={`${i}-${a.name}`}>
                    {a.you ? <strong className="font-medium text-ink">{a.name} (you)</strong> : a.name}
                    {a.decided === "approve" ? <span className="text-emerald-700"> · approved</span> : null}
                    {a.decided === "request_changes" ? <span className="text-amber-800"> · asked for changes</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

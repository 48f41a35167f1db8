import type { ReactNode } from "react";
import { Badge } from "~/components/ui";

/** A what-if (app/modules/calendar/what-if.ts) formatted for one viewer: times as words in their zone. */
export interface WhatIfView {
  title: string;
  from: string;
  to: string;
  previousDeadline: string;
  deadline: string;
  /** The new deadline on the brand's clock, when it keeps another zone than the viewer. */
  brandDeadline?: string | null;
  signOff: "none" | "kept" | "lost";
  insideWindow: boolean;
  unblocks: boolean;
  resolved: { key: string; title: string; severity: string; message: string }[];
  created: { key: string; title: string; severity: string; message: string }[];
  remaining: { key: string; title: string; severity: string; message: string }[];
}

function ConflictList({ label, items, tone }: { label: string; items: WhatIfView["resolved"]; tone: "success" | "danger" | "neutral" }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4 className="text-sm font-semibold text-ink">
        {label} ({items.length})
      </h4>
      <ul className="mt-1 space-y-1">
        {items.map((c) => (
          <li key={c.key} className="text-sm text-ink-soft">
            <Badge tone={tone}>{c.title}</Badge> {c.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The confirm step of a move (issue 21): what the move does before it is done. Reused by the
 * conflicts page and, later, by drag to reschedule on the calendar; `children` are the actions.
 */
export function WhatIfPreview({
  view,
  headingId,
  undoNote = false,
  children,
}: {
  view: WhatIfView;
  headingId: string;
  /** Say that undo brings back the time only (the calendar's drag offers undo). */
  undoNote?: boolean;
  children: ReactNode;
}) {
  const signOff =
    view.signOff === "kept"
      ? "The brand's sign-off still counts."
      : view.signOff === "lost"
        ? `The brand's sign-off is lost: the new deadline is before it, so the brand signs off again.${undoNote ? " Undo will not bring it back." : ""}`
        : "It has no sign-off yet.";
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-base font-semibold text-ink">
        Move “{view.title}” to {view.to}?
      </h2>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-ink">Publish time</dt>
        <dd className="text-ink-soft">
          {view.from} → {view.to}
        </dd>
        <dt className="font-medium text-ink">Sign-off deadline</dt>
        <dd className="text-ink-soft">
          {view.previousDeadline} → {view.deadline}
          {view.brandDeadline ? <span className="block">Brand&rsquo;s time: {view.brandDeadline}</span> : null}
        </dd>
        <dt className="font-medium text-ink">Sign-off</dt>
        <dd className="text-ink-soft">
          {signOff}
          {view.unblocks ? " It is no longer blocked." : ""}
          {view.insideWindow ? " The new time is inside the sign-off window, so it would be blocked." : ""}
        </dd>
      </dl>
      <ConflictList label="Resolves" items={view.resolved} tone="success" />
      <ConflictList label="Creates" items={view.created} tone="danger" />
      <ConflictList label="Still holds" items={view.remaining} tone="neutral" />
      {view.resolved.length + view.created.length + view.remaining.length === 0 ? (
        <p className="text-sm text-ink-soft">No conflict changes.</p>
      ) : null}
      {children}
    </section>
  );
}

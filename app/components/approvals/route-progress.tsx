import { CheckCircleIcon } from "~/components/icons";
import { cx } from "~/components/ui";

export interface RouteStageView {
  name: string;
  kind: "review" | "brand_signoff";
  rule: "any" | "all";
  state: "done" | "current" | "waiting" | "changes_requested";
  approvers: { id: string; name: string; decided: "approve" | "request_changes" | null }[];
  /** Stand-ins (decision 052): "Ana is away until 12 Dec; Ben decides in their place.", the backup and an escalation. */
  notes?: string[];
}

const STATE_TEXT: Record<RouteStageView["state"], string> = {
  done: "Approved",
  current: "Waiting for a decision",
  waiting: "Not started",
  changes_requested: "Changes requested",
};

/** The approval route as an ordered list: which stage holds the draft, who decided, who is pending. */
export function RouteProgress({ stages }: { stages: RouteStageView[] }) {
  return (
    <ol className="space-y-3">
      {stages.map((stage, index) => (
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
              <span className="ml-2 font-normal text-ink-muted">
                {STATE_TEXT[stage.state]} · {stage.rule === "all" ? "everyone must approve" : "any one approver"}
              </span>
            </p>
            <ul className="mt-0.5 flex flex-wrap gap-x-3 gap-y-1 text-ink-muted">
              {stage.approvers.length === 0 ? <li>No approvers yet</li> : null}
              {stage.approvers.map((a) => (
                <li key={a.id}>
                  {a.name}
                  {a.decided === "approve" ? <span className="text-emerald-700"> · approved</span> : null}
                  {a.decided === "request_changes" ? <span className="text-amber-800"> · asked for changes</span> : null}
                </li>
              ))}
            </ul>
            {stage.notes?.length ? (
              <ul className="mt-1 space-y-0.5 text-ink-soft">
                {stage.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

import type { FieldChange } from "~/modules/briefs/brief-diff";

/** A readable diff: per changed field, what it said and what it says now; long texts word by word. */
export function BriefDiff({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-ink-muted">No differences.</p>;
  return (
    <ul className="space-y-4" data-testid="brief-diff">
      {changes.map((change) => (
        <li key={change.key} className="rounded-lg ring-1 ring-slate-200">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2">
            <h3 className="text-sm font-semibold text-ink">{change.label}</h3>
            {change.material ? (
              <span className="text-xs font-medium text-amber-800">Needs acknowledgment</span>
            ) : (
              <span className="text-xs text-ink-muted">Wording only</span>
            )}
          </div>
          {change.segments ? (
            <p className="whitespace-pre-line break-words px-4 py-3 text-base leading-7 text-ink">
              {change.segments.map((s, i) =>
                s.kind === "same" ? (
                  <span key={i}>{s.text}</span>
                ) : s.kind === "added" ? (
                  <ins key={i} className="rounded bg-emerald-100 px-0.5 text-emerald-900 no-underline">
                    <span className="sr-only">added: </span>
                    {s.text}
                  </ins>
                ) : (
                  <del key={i} className="rounded bg-red-100 px-0.5 text-red-900">
                    <span className="sr-only">removed: </span>
                    {s.text}
                  </del>
                ),
              )}
            </p>
          ) : (
            <dl className="grid gap-3 px-4 py-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-ink-muted">Before</dt>
                <dd className="mt-1 whitespace-pre-line break-words text-red-900">
                  {change.before || <em className="text-ink-muted">empty</em>}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-ink-muted">Now</dt>
                <dd className="mt-1 whitespace-pre-line break-words text-emerald-900">
                  {change.after || <em className="text-ink-muted">empty</em>}
                </dd>
              </div>
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}

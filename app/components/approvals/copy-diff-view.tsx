import type { DiffSegment } from "~/modules/approvals/copy-diff";

/** The copy diff between two versions: removed text struck through in red, added text in green. */
export function CopyDiffView({ segments, from, to }: { segments: DiffSegment[]; from: number; to: number }) {
  const changed = segments.some((s) => s.kind !== "same");
  return (
    <figure className="space-y-2">
      <figcaption className="flex flex-wrap items-center gap-3 text-xs text-ink-muted">
        <span>
          Changes from v{from} to v{to}
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="rounded bg-red-100 px-1 text-red-800 line-through">removed</span>
          <span className="rounded bg-emerald-100 px-1 text-emerald-900">added</span>
        </span>
      </figcaption>
      {changed ? (
        <p className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 text-sm leading-6 text-ink ring-1 ring-inset ring-slate-200">
          {segments.map((segment, index) =>
            segment.kind === "same" ? (
              <span key={index}>{segment.text}</span>
            ) : segment.kind === "removed" ? (
              <del key={index} className="rounded bg-red-100 text-red-800">
                <span className="sr-only">[removed: </span>
                {segment.text}
                <span className="sr-only">]</span>
              </del>
            ) : (
              <ins key={index} className="rounded bg-emerald-100 text-emerald-900 no-underline">
                <span className="sr-only">[added: </span>
                {segment.text}
                <span className="sr-only">]</span>
              </ins>
            ),
          )}
        </p>
      ) : (
        <p className="text-sm text-ink-muted">The copy is the same in both versions.</p>
      )}
    </figure>
  );
}

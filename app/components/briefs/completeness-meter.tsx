import { ProgressBar } from "~/components/ui";

/** The completeness meter: a bar and the names of the required fields still missing, each a link to its input. */
export function CompletenessMeter({ percent, missing, linkToFields = true }: { percent: number; missing: { key: string; label: string }[]; linkToFields?: boolean }) {
  const complete = missing.length === 0;
  return (
    <div aria-live="polite" data-testid="completeness">
      <ProgressBar value={percent} label="Brief completeness" tone={complete ? "success" : percent >= 60 ? "accent" : "warning"} valueText={complete ? "Complete" : `${percent}%`} />
      {complete ? (
        <p className="mt-2 text-sm text-emerald-700">Every required field is filled. The brief can be published.</p>
      ) : (
        <div className="mt-2 text-sm text-ink-soft">
          <p className="font-medium text-ink">Still missing ({missing.length}):</p>
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {missing.map((m) => (
              <li key={m.key}>
                {linkToFields ? (
                  <a href={`#field-${m.key.replace(/\./g, "-")}`} className="inline-block rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/25 hover:underline">
                    {m.label}
                  </a>
                ) : (
                  <span className="inline-block rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/25">{m.label}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

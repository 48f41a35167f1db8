import { ProgressBar } from "~/components/ui";

type Named = { key: string; label: string };
const CHIP = "inline-block rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/25";

/**
 * The completeness meter: a bar, the names of the required fields still missing, and the fields
 * that are filled but would refuse a publish (an impossible plan), each a link to its input.
 */
export function CompletenessMeter({
  percent,
  missing,
  problems = [],
  linkToFields = true,
  hrefOf,
}: {
  percent: number;
  missing: Named[];
  problems?: (Named & { message: string })[];
  linkToFields?: boolean;
  /** Where a field's chip links to, its input in the editor's form; without it the chips are plain names. */
  hrefOf?: (key: string) => string;
}) {
  const complete = missing.length === 0 && problems.length === 0;
  const chip = (m: Named) =>
    linkToFields && hrefOf ? (
      <a href={hrefOf(m.key)} className={`${CHIP} hover:underline`}>
        {m.label}
      </a>
    ) : (
      <span className={CHIP}>{m.label}</span>
    );
  return (
    <div aria-live="polite" data-testid="completeness">
      <ProgressBar
        value={percent}
        label="Brief completeness"
        tone={complete ? "success" : percent >= 60 ? "accent" : "warning"}
        valueText={complete ? "Complete" : `${percent}%`}
      />
      {complete ? (
        <p className="mt-2 text-sm text-emerald-700">Every required field is filled. The brief can be published.</p>
      ) : (
        <div className="mt-2 space-y-2 text-sm text-ink-soft">
          {missing.length > 0 ? (
            <div>
              <p className="font-medium text-ink">Still missing ({missing.length}):</p>
              <ul className="mt-1 flex flex-wrap gap-1.5">
                {missing.map((m) => (
                  <li key={m.key}>{chip(m)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {problems.length > 0 ? (
            <div>
              <p className="font-medium text-ink">To fix before publishing ({problems.length}):</p>
              <ul className="mt-1 space-y-1">
                {problems.map((p, i) => (
                  <li key={`${p.key}-${i}`}>
                    {chip(p)} <span className="text-xs">{p.message}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

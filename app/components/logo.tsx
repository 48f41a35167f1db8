import { cx } from "./ui/cx";

export type BatonLogoProps = {
  className?: string;
  /** Hide the "Baton" text and keep only the mark (it then gets an accessible name). */
  markOnly?: boolean;
};

/** Baton wordmark: a tilted baton in the workspace accent colour + "Baton". */
export function BatonLogo({ className, markOnly = false }: BatonLogoProps) {
  return (
    <span className={cx("inline-flex items-center gap-2 text-ink", className)}>
      <svg
        width="24"
        height="24"
        viewBox="0 0 24 24"
        className="h-6 w-6 shrink-0 text-accent"
        role={markOnly ? "img" : undefined}
        aria-hidden={markOnly ? undefined : true}
        aria-label={markOnly ? "Baton" : undefined}
        focusable="false"
      >
        <rect x="0" y="0" width="24" height="24" rx="6" fill="currentColor" opacity="0.12" />
        <path d="M6.5 17.5 17.5 6.5" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" />
        <circle cx="6.5" cy="17.5" r="2.25" fill="currentColor" />
        <circle cx="17.5" cy="6.5" r="2.25" fill="currentColor" />
      </svg>
      {markOnly ? null : <span className="text-base font-semibold tracking-tight">Baton</span>}
    </span>
  );
}

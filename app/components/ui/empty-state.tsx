import type { ReactNode } from "react";
import { InboxIcon } from "../icons";
import { cx } from "./cx";

export type EmptyStateProps = {
  title: ReactNode;
  description: ReactNode;
  action?: ReactNode;
  /** Replaces the default inbox icon (pass an icon element). */
  icon?: ReactNode;
  className?: string;
};

export function EmptyState({ title, description, action, icon, className }: EmptyStateProps) {
  return (
    <div
      className={cx(
        "flex flex-col items-center rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center sm:py-12",
        className,
      )}
    >
      <div className="flex h-10 w-10 items-center justify-center rounded-full bg-slate-100 text-ink-muted [&>svg]:h-5 [&>svg]:w-5">
        {icon ?? <InboxIcon />}
      </div>
      <h3 className="mt-4 text-sm font-semibold text-ink">{title}</h3>
      <p className="mt-1 max-w-sm text-sm text-ink-muted">{description}</p>
      {action ? <div className="mt-6 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}

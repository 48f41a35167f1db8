import { useId } from "react";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cx } from "./cx";

export type TableProps = HTMLAttributes<HTMLTableElement> & {
  /** Describes the table for screen readers (visually hidden unless `showCaption`). */
  caption?: ReactNode;
  showCaption?: boolean;
  /** Class for the scrolling wrapper. */
  wrapperClassName?: string;
};

/** Responsive table: scrolls horizontally inside its own keyboard-focusable region on small screens. */
export function Table({ caption, showCaption = false, wrapperClassName, className, children, ...props }: TableProps) {
  const captionId = useId();
  return (
    <div
      className={cx("relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-accent", wrapperClassName)}
      role={caption ? "region" : undefined}
      aria-labelledby={caption ? captionId : undefined}
      tabIndex={caption ? 0 : undefined}
    >
      <table className={cx("min-w-full divide-y divide-slate-200 text-left text-sm", className)} {...props}>
        {caption ? (
          <caption id={captionId} className={showCaption ? "px-4 py-3 text-left text-sm font-medium text-ink sm:px-6" : "sr-only"}>
            {caption}
          </caption>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cx("bg-slate-50", className)} {...props} />;
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cx("divide-y divide-slate-200 bg-white", className)} {...props} />;
}

export function TR({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("align-top", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope={scope}
      className={cx(
        "whitespace-nowrap px-4 py-3 text-xs font-semibold uppercase tracking-wide text-ink-muted first:pl-4 sm:first:pl-6 last:pr-4 sm:last:pr-6",
        scope === "row" && "normal-case text-sm font-medium tracking-normal text-ink",
        className,
      )}
      {...props}
    />
  );
}

export function TD({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-4 py-3 text-ink-soft first:pl-4 sm:first:pl-6 last:pr-4 sm:last:pr-6", className)} {...props} />;
}

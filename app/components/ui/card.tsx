import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export type CardProps = Omit<HTMLAttributes<HTMLElement>, "title"> & {
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons or links shown at the right of the header. */
  actions?: ReactNode;
  /** Heading level for the title (default 2). */
  headingLevel?: 2 | 3 | 4;
  /** Remove the body padding (e.g. for a flush Table or a list of CardSections). */
  flush?: boolean;
};

/** White surface with subtle ring and shadow. Renders a <section> labelled by its title. */
export function Card({ title, description, actions, headingLevel = 2, flush = false, className, children, ...props }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  const hasHeader = Boolean(title || description || actions);
  return (
    <section className={cx("rounded-lg bg-white shadow-sm ring-1 ring-slate-200", flush && "overflow-hidden", className)} {...props}>
      {hasHeader ? (
        <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
          <div className="min-w-0">
            {title ? <Heading className="text-base font-semibold leading-6 text-ink">{title}</Heading> : null}
            {description ? <p className="mt-1 text-sm text-ink-muted">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {children !== undefined && children !== null ? <div className={flush ? undefined : "px-4 py-5 sm:px-6"}>{children}</div> : null}
    </section>
  );
}

export type CardSectionProps = Omit<HTMLAttributes<HTMLDivElement>, "title"> & {
  title?: ReactNode;
  description?: ReactNode;
};

/** A divided block inside a Card (use with `flush` on the Card, or stacked anywhere). */
export function CardSection({ title, description, className, children, ...props }: CardSectionProps) {
  return (
    <div className={cx("border-t border-slate-200 px-4 py-5 first:border-t-0 sm:px-6", className)} {...props}>
      {title ? <h3 className="text-sm font-semibold text-ink">{title}</h3> : null}
      {description ? <p className="mt-1 text-sm text-ink-muted">{description}</p> : null}
      {children !== undefined && children !== null ? <div className={title || description ? "mt-4" : undefined}>{children}</div> : null}
    </div>
  );
}

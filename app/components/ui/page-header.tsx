import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChevronRightIcon } from "../icons";
import { cx } from "./cx";

export type Breadcrumb = { label: string; to: string };

export type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: Breadcrumb[];
  className?: string;
};

/** Page title (the page's single h1), optional breadcrumbs, description and actions. */
export function PageHeader({ title, description, actions, breadcrumbs, className }: PageHeaderProps) {
  return (
    <header className={cx("mb-6 sm:mb-8", className)}>
      {breadcrumbs && breadcrumbs.length > 0 ? (
        <nav aria-label="Breadcrumb" className="mb-2">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-ink-muted">
            {breadcrumbs.map((crumb, index) => (
              <li key={`${crumb.to}-${index}`} className="flex items-center gap-1">
                {index > 0 ? <ChevronRightIcon size={14} className="shrink-0 text-slate-400" /> : null}
                <Link to={crumb.to} className="hover:text-ink hover:underline">
                  {crumb.label}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight text-ink">{title}</h1>
          {description ? <p className="mt-1 max-w-3xl text-sm text-ink-muted sm:text-base">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}

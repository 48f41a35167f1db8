import { Link, useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { CSSProperties } from "react";
import { AlertCircleIcon, AlertTriangleIcon, ExternalLinkIcon, XIcon } from "~/components/icons";
import { Badge, buttonClasses, cx } from "~/components/ui";
import { SignoffBadge, statusTone, type Item } from "./items";

/**
 * The peek: a panel with an item's details and a link to it. It is a URL (?peek=…), so it works
 * without JavaScript and can be shared; with JavaScript it opens without reloading the calendar,
 * takes focus, and Escape closes it and returns focus to the item.
 */
export function Peek({ item, closeHref, conflictsHref }: { item: Item; closeHref: string; conflictsHref: string | null }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();
  useEffect(() => {
    headingRef.current?.focus();
  }, [item.key]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      navigate(closeHref, { preventScrollReset: true, replace: true });
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-item="${CSS.escape(item.key)}"]`)?.focus());
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [closeHref, item.key, navigate]);

  const rows: [string, string | null][] = [
    ["When", item.when],
    ["Brand's time", item.brandWhen],
    ["Brand", item.brandName],
    ["Campaign", item.campaignName],
    [item.kind === "campaign" ? "Channels" : "Channel", item.channels.join(", ") || null],
    [item.agencyNames.length > 1 ? "Agencies" : "Agency", item.agencyNames.join(", ") || null],
    ["Creator", item.creatorName],
  ];

  return (
    <aside
      role="dialog"
      aria-modal="false"
      aria-labelledby="peek-title"
      className="fixed inset-x-0 bottom-0 z-40 max-h-[75vh] overflow-y-auto rounded-t-2xl bg-white shadow-2xl ring-1 ring-slate-200 sm:inset-x-auto sm:bottom-4 sm:right-4 sm:top-auto sm:w-[26rem] sm:rounded-2xl"
    >
      <div className="h-1.5 rounded-t-2xl" style={{ backgroundColor: item.color } as CSSProperties} aria-hidden="true" />
      <div className="p-5">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-xs font-medium uppercase tracking-wide text-ink-muted">
              {item.kind === "campaign" ? "Campaign" : "Deliverable"}
            </p>
            <h2
              id="peek-title"
              ref={headingRef}
              tabIndex={-1}
              className={cx("mt-0.5 break-words text-lg font-semibold text-ink focus:outline-none", item.masked && "italic")}
            >
              {item.title}
            </h2>
          </div>
          <Link
            to={closeHref}
            preventScrollReset
            replace
            className={buttonClasses("ghost", "sm", "shrink-0 px-2")}
            aria-label="Close details"
          >
            <XIcon />
          </Link>
        </div>
        <div className="mt-3 flex flex-wrap gap-1.5">
          <Badge tone={statusTone(item.status)}>{item.statusLabel}</Badge>
          <SignoffBadge item={item} />
        </div>
        {item.masked ? (
          <p className="mt-3 text-sm text-ink-muted">Another creator&rsquo;s post for this brand. Only its timing is shared with you.</p>
        ) : null}
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {rows
            .filter((r): r is [string, string] => Boolean(r[1]))
            .map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-ink-muted">{label}</dt>
                <dd className="min-w-0 break-words text-ink">{value}</dd>
              </div>
            ))}
        </dl>
        {item.conflicts.length > 0 ? (
          <div className="mt-4">
            <h3 className="text-sm font-semibold text-ink">Conflicts</h3>
            <ul className="mt-2 space-y-2">
              {item.conflicts.map((c) => (
                <li
                  key={c.key}
                  className={cx(
                    "flex gap-2 rounded-lg p-2.5 text-sm",
                    c.severity === "error" ? "bg-red-50 text-red-900" : "bg-amber-50 text-amber-900",
                  )}
                >
                  {c.severity === "error" ? (
                    <AlertCircleIcon size={16} className="mt-0.5 shrink-0" />
                  ) : (
                    <AlertTriangleIcon size={16} className="mt-0.5 shrink-0" />
                  )}
                  <span>
                    <span className="font-semibold">{c.title}. </span>
                    {c.message}
                  </span>
                </li>
              ))}
            </ul>
            {item.conflictCount > item.conflicts.length ? (
              <p className="mt-2 text-sm text-ink-muted">And {item.conflictCount - item.conflicts.length} more on the conflicts page.</p>
            ) : null}
          </div>
        ) : null}
        <div className="mt-5 flex flex-wrap gap-2">
          {item.url ? (
            <Link to={item.url} className={buttonClasses("primary", "sm")}>
              Open {item.kind === "campaign" ? "campaign" : "deliverable"}
              <ExternalLinkIcon />
            </Link>
          ) : null}
          {conflictsHref && item.conflicts.length > 0 ? (
            <Link to={conflictsHref} className={buttonClasses("secondary", "sm")}>
              Resolve conflicts
            </Link>
          ) : null}
        </div>
      </div>
    </aside>
  );
}

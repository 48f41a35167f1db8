import { Link } from "@remix-run/react";
import type { CSSProperties } from "react";
import { AlertCircleIcon, AlertTriangleIcon } from "~/components/icons";
import { Badge, cx, type Tone } from "~/components/ui";
import type { CalendarItem } from "~/modules/calendar/view.server";
import { DragChip } from "./drag-context";

export type Item = CalendarItem;

const STATUS_TONES: Record<string, Tone> = {
  planning: "neutral",
  briefed: "info",
  active: "success",
  completed: "neutral",
  cancelled: "neutral",
  draft: "neutral",
  in_review: "info",
  changes_requested: "warning",
  signed_off: "success",
  scheduled: "accent",
  published: "success",
};

export function statusTone(status: string): Tone {
  return STATUS_TONES[status] ?? "neutral";
}

const SIGNOFF_TONES: Record<string, Tone> = {
  signed_off: "success",
  published: "success",
  pending: "neutral",
  due_soon: "warning",
  overdue: "danger",
  blocked: "danger",
};

/** The sign-off when it adds to the status (a published item is not "Published, Published"). */
function signoffBeyondStatus(item: Item): string | null {
  const label = item.signoff?.label;
  return label && label.toLowerCase() !== item.statusLabel.toLowerCase() ? label : null;
}

export function SignoffBadge({ item }: { item: Item }) {
  if (!item.signoff || !signoffBeyondStatus(item)) return null;
  return (
    <Badge tone={SIGNOFF_TONES[item.signoff.state] ?? "neutral"} dot>
      {item.signoff.label}
    </Badge>
  );
}

export function conflictText(count: number, worst: "error" | "warning" | null): string {
  if (count === 0) return "";
  const noun = worst === "error" ? (count === 1 ? "conflict" : "conflicts") : count === 1 ? "warning" : "warnings";
  return `${count} ${noun}`;
}

/**
 * The badge on an item: icon plus text, so colour is never the only signal. The compact one (on a
 * grid chip) is a count for the eye; the chip's name says the conflicts in words (`itemDetails`).
 */
export function ConflictBadge({ count, worst, compact = false }: { count: number; worst: Item["worst"]; compact?: boolean }) {
  if (count === 0 || !worst) return null;
  const Icon = worst === "error" ? AlertCircleIcon : AlertTriangleIcon;
  const text = conflictText(count, worst);
  if (compact) {
    return (
      <span
        className={cx(
          "inline-flex shrink-0 items-center gap-0.5 rounded px-1 text-[11px] font-semibold",
          worst === "error" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900",
        )}
        title={text}
        data-conflict-badge={worst}
      >
        <Icon size={12} />
        {count}
      </span>
    );
  }
  return (
    <span data-conflict-badge={worst}>
      <Badge tone={worst === "error" ? "danger" : "warning"}>
        <Icon size={12} />
        {text}
      </Badge>
    </span>
  );
}

/** A light wash of the brand colour behind dark text (readable whatever the brand picked). */
export function tint(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}2e` : "#e2e8f0";
}

/**
 * What an item on the grid says besides its visible text (time and title), read after it as part
 * of the link's name: brand, channels or dates, status, sign-off (only when it says something the
 * status does not: a published item is not "Published, Published") and conflicts. WCAG 2.5.3: the
 * name starts with what is on screen, so a voice user's "click Unboxing reel" finds the link.
 */
export function itemDetails(item: Item): string {
  const parts = [
    item.brandName,
    item.kind === "campaign" ? `campaign, ${item.when}` : item.channels.join(", "),
    item.statusLabel,
    signoffBeyondStatus(item),
    conflictText(item.conflictCount, item.worst) || null,
  ];
  return parts.filter(Boolean).join(", ");
}

/** The rest of an item's name, for screen readers only (the text before it is what is on screen). */
function ItemDetails({ item }: { item: Item }) {
  return <span className="sr-only">, {itemDetails(item)}</span>;
}

/**
 * What every item on the grid links like: opening it keeps the page where it is (no scroll, no
 * history entry, so Back leaves the calendar), its name is its visible text followed by
 * `ItemDetails`, and the open one is marked. `data-item` is what the peek returns focus to when it closes.
 */
function itemLink(item: Item, href: string, active: boolean) {
  return {
    to: href,
    preventScrollReset: true,
    replace: true,
    "aria-current": active ? ("true" as const) : undefined,
    "data-item": item.key,
  };
}

/** A deliverable on the month or week grid: brand colour, time, title, conflict badge. */
export function DeliverableChip({ item, href, active }: { item: Item; href: string; active: boolean }) {
  return (
    <DragChip item={item}>
      {({ ref, style, ...drag }) => (
        <Link
          {...itemLink(item, href, active)}
          {...drag}
          ref={ref}
          className={cx(
            "group block min-w-0 rounded-md border-l-[3px] px-1.5 py-0.5 text-xs text-ink shadow-sm ring-1 ring-slate-200 hover:bg-slate-50",
            "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
            active && "ring-2 ring-accent",
            // Published is quieter (a grey card), not faded: faded text fails contrast.
            item.status === "published" ? "bg-slate-50" : "bg-white",
          )}
          style={{ borderLeftColor: item.color, ...style } as CSSProperties}
        >
          <span className="flex items-center gap-1">
            <span className="tabular-nums text-ink-muted">{item.time}</span>
            {/* The count is said in words by ItemDetails; read here it would be "14:00 1 1 conflict". */}
            <span className="ml-auto" aria-hidden="true">
              <ConflictBadge count={item.conflictCount} worst={item.worst} compact />
            </span>
          </span>
          <span className={cx("block truncate font-medium", item.masked && "italic font-normal text-ink-muted")}>{item.title}</span>
          <ItemDetails item={item} />
        </Link>
      )}
    </DragChip>
  );
}

/** A campaign bar: brand-coloured, spanning its days. */
export function CampaignBar({
  item,
  href,
  active,
  continuesBefore,
  continuesAfter,
}: {
  item: Item;
  href: string;
  active: boolean;
  continuesBefore?: boolean;
  continuesAfter?: boolean;
}) {
  return (
    <Link
      {...itemLink(item, href, active)}
      className={cx(
        "flex min-w-0 items-center gap-1 border-l-[3px] px-2 py-0.5 text-xs font-medium text-ink ring-1 ring-inset ring-black/5 hover:brightness-95",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-1",
        continuesBefore ? "rounded-l-none" : "rounded-l-md",
        continuesAfter ? "rounded-r-none" : "rounded-r-md",
        active && "ring-2 ring-ink ring-offset-1",
      )}
      style={{ backgroundColor: tint(item.color), borderLeftColor: continuesBefore ? "transparent" : item.color } as CSSProperties}
    >
      {continuesBefore ? <span aria-hidden="true">‹</span> : null}
      <span className="min-w-0 flex-1 truncate">{item.title}</span>
      <ItemDetails item={item} />
      {item.worst ? (
        <span
          aria-hidden="true"
          className={cx(
            "inline-flex shrink-0 items-center gap-0.5 rounded bg-white px-1 text-[11px] font-semibold",
            item.worst === "error" ? "text-red-800" : "text-amber-900",
          )}
          data-conflict-badge={item.worst}
        >
          {item.worst === "error" ? <AlertCircleIcon size={12} /> : <AlertTriangleIcon size={12} />}
          {item.conflictCount}
        </span>
      ) : null}
      {continuesAfter ? <span aria-hidden="true">›</span> : null}
    </Link>
  );
}

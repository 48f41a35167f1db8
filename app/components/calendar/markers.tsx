import { CalendarIcon, LockIcon, SparklesIcon, InfoIcon } from "~/components/icons";
import { cx } from "~/components/ui";
import { onDay, type MarkerKind } from "~/modules/calendar/markers";

/** What a marker carries to a page (the server's ShownMarker, as JSON). */
export interface MarkerView {
  id: string;
  kind: MarkerKind;
  kindLabel: string;
  title: string;
  note: string | null;
  brandId: string | null;
  brandName: string | null;
  startDay: string;
  endDay: string;
  when: string;
}

// Dark text on a pale wash, and an icon plus the kind's word: colour is never the only signal.
const STYLE: Record<MarkerKind, { className: string; Icon: typeof InfoIcon }> = {
  launch: { className: "bg-emerald-50 text-emerald-900 ring-emerald-200", Icon: SparklesIcon },
  embargo: { className: "bg-rose-50 text-rose-900 ring-rose-200", Icon: LockIcon },
  note: { className: "bg-sky-50 text-sky-900 ring-sky-200", Icon: InfoIcon },
};

/** A marker on a day of a grid: icon, kind and title, on one line. */
export function MarkerPill({ marker }: { marker: MarkerView }) {
  const { className, Icon } = STYLE[marker.kind];
  return (
    <span
      className={cx("flex min-w-0 items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset", className)}
      title={`${marker.kindLabel}: ${marker.title}${marker.brandName ? ` (${marker.brandName})` : ""} · ${marker.when}`}
      data-marker={marker.kind}
    >
      <Icon size={12} className="shrink-0" />
      <span className="sr-only">{marker.kindLabel}: </span>
      <span className="truncate">{marker.title}</span>
    </span>
  );
}

/** Markers of a period as a list (the list view, and under the grids on a phone). */
export function MarkerList({ markers, title = "Markers this period" }: { markers: MarkerView[]; title?: string }) {
  if (markers.length === 0) return null;
  return (
    <section aria-label={title} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4">
      <h2 className="text-sm font-semibold text-ink">{title}</h2>
      <ul className="mt-2 space-y-2">
        {markers.map((m) => {
          const { className, Icon } = STYLE[m.kind];
          return (
            <li key={m.id} className="flex items-start gap-2 text-sm" data-marker={m.kind}>
              <span
                className={cx(
                  "mt-0.5 inline-flex shrink-0 items-center gap-1 rounded px-1.5 text-xs font-semibold ring-1 ring-inset",
                  className,
                )}
              >
                <Icon size={12} />
                {m.kindLabel}
              </span>
              <span className="min-w-0">
                <span className="font-medium text-ink">{m.title}</span>
                {m.brandName ? <span className="text-ink-soft"> · {m.brandName}</span> : null}
                <span className="block text-xs text-ink-muted">{m.when}</span>
                {m.note ? <span className="block text-xs text-ink-soft">{m.note}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** An overlay's event (a holiday, a trade show) as a page gets it. */
export interface OverlayEventView {
  id: string;
  title: string;
  source: string;
  startDay: string;
  endDay: string;
  when: string;
}

export function OverlayPill({ event }: { event: OverlayEventView }) {
  return (
    <span
      className="flex min-w-0 items-center gap-1 rounded bg-violet-50 px-1.5 py-0.5 text-[11px] font-medium text-violet-900 ring-1 ring-inset ring-violet-200"
      title={`${event.title} (${event.source}) · ${event.when}`}
      data-overlay-event=""
    >
      <CalendarIcon size={12} className="shrink-0" />
      <span className="sr-only">{event.source}: </span>
      <span className="truncate">{event.title}</span>
    </span>
  );
}

/** What a grid day shows above its items: its markers, then its overlay events. */
export function dayContext(markers: MarkerView[], overlays: OverlayEventView[]) {
  return function DayContext(date: string) {
    const marks = markers.filter((m) => onDay(m, date));
    const events = overlays.filter((e) => onDay(e, date));
    if (marks.length === 0 && events.length === 0) return null;
    return (
      <ul className="mb-1 space-y-1" aria-label="Markers and events">
        {marks.map((m) => (
          <li key={m.id}>
            <MarkerPill marker={m} />
          </li>
        ))}
        {events.map((e) => (
          <li key={e.id}>
            <OverlayPill event={e} />
          </li>
        ))}
      </ul>
    );
  };
}

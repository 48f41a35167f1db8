import type { CSSProperties } from "react";
import { CalendarIcon, ChevronLeftIcon, ChevronRightIcon } from "~/components/icons";
import { Badge, EmptyState, cx } from "~/components/ui";
import { longDate } from "~/modules/calendar/format";
import { onDay } from "~/modules/calendar/markers";
import type { SharedCalendar, SharedItem, ShownMarker } from "~/modules/calendar/share-page.server";
import { MarkerList, MarkerPill } from "./markers";

/**
 * A brand's calendar as its share link shows it (issue 21): read-only, no app bundle (plain links
 * and a CSS grid), one brand only. A month grid from 640 px, an agenda of the month's busy days
 * below that; the list view is the same month as a list.
 */

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function q(page: SharedCalendar, changes: { view?: string; month?: string }): string {
  const view = changes.view ?? page.view;
  const params = new URLSearchParams();
  if (view !== "month") params.set("view", view);
  params.set("month", changes.month ?? page.period.monthParam);
  return `?${params.toString()}`;
}

function ItemLine({ item }: { item: SharedItem }) {
  return (
    <span className="block min-w-0">
      <span className="block text-sm font-medium text-ink">
        {item.time ? <span className="mr-1.5 tabular-nums text-ink-muted">{item.time}</span> : null}
        {item.title}
      </span>
      <span className="mt-0.5 block text-xs text-ink-muted">
        {item.kind === "campaign" ? `Campaign, ${item.when}` : [item.channels.join(", "), item.campaignName].filter(Boolean).join(" · ")}
      </span>
    </span>
  );
}

function dayLabel(date: string): string {
  return longDate(date);
}

/**
 * What a day shows: a deliverable on its own day; a campaign on its first day, and again only where
 * a new run of days begins (a row of the grid, the top of the agenda) while it lasts. Listed on
 * every day it spans, a month-long campaign buried each day's posts under its own name.
 */
function itemsOn(items: SharedItem[], date: string, runStarts: boolean): SharedItem[] {
  return items.filter((i) => i.startDay === date || (i.kind === "campaign" && runStarts && i.startDay < date && i.endDay >= date));
}

function MonthGrid({ page }: { page: SharedCalendar }) {
  return (
    <div className="hidden overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 sm:block">
      <div aria-hidden="true" className="grid grid-cols-7 border-b border-slate-200 bg-slate-50">
        {WEEKDAYS.map((d) => (
          <div key={d} className="px-2 py-2 text-xs font-semibold uppercase tracking-wide text-ink-muted">
            {d.slice(0, 3)}
          </div>
        ))}
      </div>
      <ol className="grid grid-cols-7">
        {page.period.weeks.flat().map((day, index) => {
          const list = itemsOn(page.items, day.date, index % 7 === 0);
          const marks = page.markers.filter((m) => onDay(m, day.date));
          const isToday = day.date === page.today;
          return (
            <li
              key={day.date}
              aria-label={`${dayLabel(day.date)}${isToday ? ", today" : ""}`}
              className={cx(
                "min-h-[7rem] border-b border-l border-slate-200 p-1.5 [&:nth-child(7n+1)]:border-l-0",
                !day.inMonth && "bg-slate-50",
              )}
            >
              <span
                className={cx(
                  "inline-flex h-7 w-7 items-center justify-center rounded-full text-sm tabular-nums",
                  isToday ? "bg-accent font-semibold text-[rgb(var(--accent-fg))]" : day.inMonth ? "text-ink" : "text-ink-muted",
                )}
              >
                {Number(day.date.slice(8, 10))}
              </span>
              {marks.length ? (
                <ul className="mt-1 space-y-1">
                  {marks.map((m) => (
                    <li key={m.id}>
                      <MarkerPill marker={m} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {list.length ? (
                <ul className="mt-1 space-y-1">
                  {list.map((item) => (
                    <li
                      key={item.key}
                      className={cx(
                        "rounded border-l-[3px] bg-white px-1.5 py-0.5 text-xs text-ink ring-1 ring-slate-200",
                        item.kind === "campaign" && "bg-slate-50",
                      )}
                      style={{ borderLeftColor: page.brand.color } as CSSProperties}
                    >
                      {item.time ? <span className="tabular-nums text-ink-muted">{item.time} </span> : null}
                      <span className="font-medium">{item.title}</span>
                      {item.kind === "campaign" ? <span className="sr-only"> (campaign)</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Under 640 px the month is an agenda of its days that hold something. */
function MonthAgenda({ page }: { page: SharedCalendar }) {
  const days = page.period.weeks
    .flat()
    .filter((d) => d.inMonth)
    .map((d, index) => ({
      date: d.date,
      items: itemsOn(page.items, d.date, index === 0),
      marks: page.markers.filter((m) => onDay(m, d.date)),
    }))
    .filter((d) => d.items.length || d.marks.length);
  return (
    <div className="space-y-4 sm:hidden">
      {days.map((d) => (
        <DaySection key={d.date} date={d.date} label={dayLabel(d.date)} items={d.items} markers={d.marks} />
      ))}
    </div>
  );
}

function DaySection({ date, label, items, markers }: { date: string; label: string; items: SharedItem[]; markers: ShownMarker[] }) {
  return (
    <section aria-labelledby={`share-${date}`}>
      <h3 id={`share-${date}`} className="mb-2 text-sm font-semibold text-ink">
        {label}
      </h3>
      {markers.length ? (
        <ul className="mb-2 flex flex-wrap gap-1.5">
          {markers.map((m) => (
            <li key={m.id}>
              <MarkerPill marker={m} />
            </li>
          ))}
        </ul>
      ) : null}
      {items.length ? (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {items.map((item) => (
            <li key={item.key} className="flex items-start gap-3 px-3 py-3 sm:px-4">
              <ItemLine item={item} />
              <span className="ml-auto shrink-0">
                <Badge tone="neutral">{item.statusLabel}</Badge>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function SharedCalendarView({ page }: { page: SharedCalendar }) {
  const empty = page.items.length === 0 && page.markers.length === 0;
  const tab = (view: "month" | "list", label: string) => (
    <a
      href={q(page, { view })}
      aria-current={page.view === view ? "page" : undefined}
      className={cx(
        "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
        page.view === view ? "bg-white text-ink shadow-sm" : "text-slate-700 hover:text-ink",
      )}
    >
      {label}
    </a>
  );
  const nav =
    "inline-flex items-center rounded-lg bg-white px-2 py-1.5 text-sm font-medium text-ink ring-1 ring-slate-300 hover:bg-slate-50";
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-ink">{page.brand.name} calendar</h1>
        <p className="mt-1 text-sm text-ink-soft">
          What is planned for {page.brand.name}, read-only. Times in {page.timeZoneLabel}.
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <a href={q(page, { month: page.period.prev })} className={nav} aria-label="Previous month">
            <ChevronLeftIcon />
          </a>
          <a href={q(page, { month: page.period.next })} className={nav} aria-label="Next month">
            <ChevronRightIcon />
          </a>
          <h2 className="ml-2 text-lg font-semibold text-ink">{page.period.title}</h2>
        </div>
        <nav aria-label="Calendar view" className="inline-flex rounded-lg bg-slate-100 p-1">
          {tab("month", "Month")}
          {tab("list", "List")}
        </nav>
      </div>
      {page.truncated ? (
        <p className="text-sm text-ink-soft">This month holds more than the page shows; ask your agency for the full list.</p>
      ) : null}
      {empty ? (
        <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <EmptyState
            icon={<CalendarIcon />}
            title="Nothing planned this month"
            description="Campaigns and posts appear here once they are planned."
          />
        </div>
      ) : page.view === "month" ? (
        <>
          <MonthGrid page={page} />
          <MonthAgenda page={page} />
        </>
      ) : (
        <div className="space-y-6">
          {page.markers.length ? <MarkerList markers={page.markers} title="Launches, embargoes and notes" /> : null}
          {page.listDays.map((d) => (
            <DaySection key={d.date} date={d.date} label={d.label} items={d.items} markers={[]} />
          ))}
        </div>
      )}
    </div>
  );
}

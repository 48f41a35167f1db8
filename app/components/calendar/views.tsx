import { Link } from "@remix-run/react";
import type { CSSProperties, KeyboardEvent, ReactNode } from "react";
import { Badge, cx } from "~/components/ui";
import { withParams } from "~/modules/calendar/filters";
import { MONTH_CAMPAIGN_LANES, layoutWeek } from "~/modules/calendar/layout";
import { DropDay } from "./drag-context";
import { CampaignBar, ConflictBadge, DeliverableChip, SignoffBadge, statusTone, tint, type Item } from "./items";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MAX_CHIPS = 3;

export interface ViewProps {
  items: Item[];
  search: string;
  peek: string | null;
  today: string;
  /** Markers and overlay events of a day (issue 21), shown above its items. */
  dayExtras?: (date: string) => ReactNode;
}

function dayNumber(date: string): number {
  return Number(date.slice(8, 10));
}

function longLabel(date: string, weekdayIndex: number): string {
  return `${WEEKDAYS_LONG[weekdayIndex]} ${dayNumber(date)} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** Arrow keys move between days (the day links carry data-day-index); Home/End go to week edges. */
function onGridKeyDown(event: KeyboardEvent<HTMLElement>) {
  const target = event.target as HTMLElement;
  const index = target.dataset.dayIndex;
  if (index === undefined) return;
  const i = Number(index);
  const delta: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -(i % 7), End: 6 - (i % 7) };
  if (!(event.key in delta)) return;
  const next = event.currentTarget.querySelector<HTMLElement>(`[data-day-index="${i + delta[event.key]}"]`);
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

function byTime(a: Item, b: Item) {
  return a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title);
}

function deliverablesByDay(items: Item[]): Map<string, Item[]> {
  const map = new Map<string, Item[]>();
  for (const item of items) {
    if (item.kind !== "deliverable") continue;
    (map.get(item.startDay) ?? map.set(item.startDay, []).get(item.startDay)!).push(item);
  }
  for (const list of map.values()) list.sort(byTime);
  return map;
}

export function MonthView({
  items,
  search,
  peek,
  today,
  weeks,
  listHref,
  hiddenByDay = {},
  droppedCampaignsByWeek = {},
  dayExtras,
}: ViewProps & {
  weeks: { date: string; inMonth: boolean }[][];
  listHref: (date: string) => string;
  hiddenByDay?: Record<string, number>;
  /** Campaigns of a week the server did not send because the grid places them in no week. */
  droppedCampaignsByWeek?: Record<string, number>;
}) {
  const campaigns = items.filter((i) => i.kind === "campaign");
  const byKey = new Map(items.map((i) => [i.key, i]));
  const perDay = deliverablesByDay(items);
  let dayIndex = 0;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="min-w-[46rem]" onKeyDown={onGridKeyDown}>
        <div aria-hidden="true" className="grid grid-cols-7 border-b border-slate-200 bg-slate-50">
          {WEEKDAYS.map((d, i) => (
            <div key={d} className="px-2 py-2 text-xs font-semibold uppercase tracking-wide text-ink-muted">
              <abbr title={WEEKDAYS_LONG[i]} className="no-underline">
                {d}
              </abbr>
            </div>
          ))}
        </div>
        {weeks.map((week) => {
          const dates = week.map((d) => d.date);
          const layout = layoutWeek(dates, campaigns, MONTH_CAMPAIGN_LANES);
          const laneCount = layout.lanes.length;
          const moreCampaigns = layout.hidden.length + (droppedCampaignsByWeek[dates[0]] ?? 0);
          return (
            <div
              key={dates[0]}
              className="relative grid grid-cols-7 border-b border-slate-200 last:border-b-0"
              style={{ gridTemplateRows: `2.25rem repeat(${laneCount}, auto) 1fr` } as CSSProperties}
            >
              {week.map((day, col) => {
                const index = dayIndex++;
                const chips = perDay.get(day.date) ?? [];
                const more = Math.max(0, chips.length - MAX_CHIPS) + (hiddenByDay[day.date] ?? 0);
                const total = Math.min(chips.length, MAX_CHIPS) + more;
                const isToday = day.date === today;
                return (
                  <DropDay
                    key={day.date}
                    date={day.date}
                    className={cx("min-h-[7.5rem] border-l border-slate-200 first:border-l-0", !day.inMonth && "bg-slate-50/70")}
                    style={{ gridColumn: col + 1, gridRow: `1 / span ${laneCount + 2}` } as CSSProperties}
                  >
                    <div className="flex items-center justify-between px-1.5 pt-1.5">
                      <Link
                        id={`day-${day.date}`}
                        to={listHref(day.date)}
                        data-day-index={index}
                        tabIndex={index === 0 ? 0 : -1}
                        aria-label={`${longLabel(day.date, col)}${isToday ? ", today" : ""}: ${total} ${total === 1 ? "deliverable" : "deliverables"}`}
                        className={cx(
                          "inline-flex h-7 w-7 items-center justify-center rounded-full text-sm tabular-nums focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
                          isToday
                            ? "bg-accent font-semibold text-[rgb(var(--accent-fg))]"
                            : day.inMonth
                              ? "text-ink hover:bg-slate-100"
                              : "text-ink-muted hover:bg-slate-100",
                        )}
                      >
                        {dayNumber(day.date)}
                      </Link>
                    </div>
                    <div className="px-1.5 pb-1.5" style={{ marginTop: `${laneCount * 1.5 + 0.25}rem` } as CSSProperties}>
                      {dayExtras?.(day.date)}
                      <ul className="space-y-1" aria-label={`Deliverables on ${longLabel(day.date, col)}`}>
                        {chips.slice(0, MAX_CHIPS).map((item) => (
                          <li key={item.key}>
                            <DeliverableChip item={item} href={withParams(search, { peek: item.key })} active={peek === item.key} />
                          </li>
                        ))}
                      </ul>
                      {more > 0 ? (
                        <Link
                          to={listHref(day.date)}
                          className="mt-1 block rounded px-1 text-xs font-medium text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
                        >
                          +{more} more<span className="sr-only"> on {longLabel(day.date, col)}</span>
                        </Link>
                      ) : null}
                    </div>
                  </DropDay>
                );
              })}
              {layout.lanes.flatMap((lane, laneIndex) =>
                lane.map((span) => {
                  const item = byKey.get(span.key);
                  if (!item) return null;
                  return (
                    <div
                      key={`${span.key}-${dates[0]}`}
                      className="z-10 mt-1 min-w-0 px-0.5"
                      style={{ gridColumn: `${span.column} / span ${span.length}`, gridRow: laneIndex + 2 } as CSSProperties}
                    >
                      <CampaignBar
                        item={item}
                        href={withParams(search, { peek: item.key })}
                        active={peek === item.key}
                        continuesBefore={span.continuesBefore}
                        continuesAfter={span.continuesAfter}
                      />
                    </div>
                  );
                }),
              )}
              {moreCampaigns > 0 ? (
                <p
                  className="absolute right-1 top-2 z-10 rounded bg-white/90 px-1 text-[11px] text-ink-muted"
                  title={`${moreCampaigns} more ${moreCampaigns === 1 ? "campaign" : "campaigns"} this week: see the week or list view`}
                >
                  +{moreCampaigns} more
                  <span className="sr-only">
                    {" "}
                    {moreCampaigns === 1 ? "campaign" : "campaigns"} this week, listed in the week and list views
                  </span>
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function WeekView({
  items,
  search,
  peek,
  today,
  days,
  listHref,
  hiddenByDay = {},
  dayExtras,
}: ViewProps & { days: string[]; listHref: (date: string) => string; hiddenByDay?: Record<string, number> }) {
  const perDay = deliverablesByDay(items);
  const campaigns = items.filter((i) => i.kind === "campaign");
  return (
    <div
      className="grid gap-3 lg:grid-cols-7 lg:gap-0 lg:overflow-hidden lg:rounded-lg lg:bg-white lg:shadow-sm lg:ring-1 lg:ring-slate-200"
      onKeyDown={onGridKeyDown}
    >
      {days.map((date, col) => {
        const running = campaigns.filter((c) => c.startDay <= date && c.endDay >= date);
        const list = perDay.get(date) ?? [];
        const isToday = date === today;
        return (
          <DropDay
            key={date}
            date={date}
            className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 lg:rounded-none lg:border-l lg:border-slate-200 lg:shadow-none lg:ring-0 lg:first:border-l-0"
          >
            <div
              className={cx(
                "flex items-center justify-between border-b border-slate-200 px-3 py-2",
                isToday ? "bg-accent/10" : "bg-slate-50",
              )}
            >
              <Link
                to={listHref(date)}
                data-day-index={col}
                tabIndex={col === 0 ? 0 : -1}
                className="text-sm font-semibold text-ink hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
              >
                <span aria-hidden="true">
                  {WEEKDAYS[col]} {dayNumber(date)}
                </span>
                <span className="sr-only">{longLabel(date, col)}</span>
                {isToday ? <span className="ml-1 text-xs font-medium text-accent">Today</span> : null}
              </Link>
              {/* Muted grey is under 4.5:1 on today's accent tint; the darker grey reads on any tint. */}
              <span className={cx("text-xs", isToday ? "text-ink-soft" : "text-ink-muted")}>
                {list.length + (hiddenByDay[date] ?? 0) || ""}
              </span>
            </div>
            <div className="space-y-1.5 p-2 lg:min-h-[16rem]" aria-label={`Planned on ${longLabel(date, col)}`} role="group">
              {dayExtras?.(date)}
              {running.map((item) => (
                <CampaignBar
                  key={item.key}
                  item={item}
                  href={withParams(search, { peek: item.key })}
                  active={peek === item.key}
                  continuesBefore={item.startDay < date}
                  continuesAfter={item.endDay > date}
                />
              ))}
              {list.map((item) => (
                <DeliverableChip key={item.key} item={item} href={withParams(search, { peek: item.key })} active={peek === item.key} />
              ))}
              {hiddenByDay[date] ? (
                <Link
                  to={listHref(date)}
                  className="block rounded px-1 text-xs font-medium text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
                >
                  +{hiddenByDay[date]} more<span className="sr-only"> on {longLabel(date, col)}</span>
                </Link>
              ) : null}
              {running.length === 0 && list.length === 0 ? <p className="px-1 py-2 text-xs text-ink-muted">Nothing planned</p> : null}
            </div>
          </DropDay>
        );
      })}
    </div>
  );
}

/** The phone-friendly view: one section per day, one row per item. */
export function ListView({
  days,
  search,
  peek,
}: {
  days: { date: string; label: string; items: Item[] }[];
  search: string;
  peek: string | null;
}) {
  return (
    <div className="space-y-6">
      {days.map((day) => (
        <section key={day.date} id={`day-${day.date}`} aria-labelledby={`list-${day.date}`} className="scroll-mt-4">
          <h2 id={`list-${day.date}`} className="mb-2 text-sm font-semibold text-ink">
            {day.label}
          </h2>
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {day.items.map((item) => (
              <li key={item.key}>
                <Link
                  to={withParams(search, { peek: item.key })}
                  preventScrollReset
                  replace
                  data-item={item.key}
                  aria-current={peek === item.key ? "true" : undefined}
                  className={cx(
                    "flex gap-3 px-3 py-3 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent sm:px-4",
                    // The open one is outlined, not tinted: its grey details fall under 4.5:1 on an accent tint.
                    peek === item.key && "ring-2 ring-inset ring-accent",
                  )}
                >
                  <span className="w-12 shrink-0 pt-0.5 text-sm tabular-nums text-ink-muted">{item.time ?? "All day"}</span>
                  <span
                    className="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full"
                    style={{ backgroundColor: item.color } as CSSProperties}
                    aria-hidden="true"
                  />
                  <span className="min-w-0 flex-1">
                    <span className={cx("block text-sm font-medium text-ink", item.masked && "italic text-ink-soft")}>{item.title}</span>
                    <span className="mt-0.5 block text-xs text-ink-muted">
                      {item.brandName} · {item.kind === "campaign" ? `Campaign, ${item.when}` : item.channels.join(", ")}
                      {item.creatorName ? ` · ${item.creatorName}` : ""}
                    </span>
                    <span className="mt-1.5 flex flex-wrap gap-1.5">
                      <Badge tone={statusTone(item.status)}>{item.statusLabel}</Badge>
                      <SignoffBadge item={item} />
                      <ConflictBadge count={item.conflictCount} worst={item.worst} />
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function Legend({ brands }: { brands: { id: string; name: string; color: string }[] }) {
  if (brands.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-ink-soft">
      <h2 className="sr-only">Brand colours</h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1.5" aria-label="Brand colours">
        {brands.map((b) => (
          <li key={b.id} className="flex items-center gap-1.5">
            <span
              className="h-3 w-3 rounded-sm ring-1 ring-inset ring-black/10"
              style={{ backgroundColor: b.color } as CSSProperties}
              aria-hidden="true"
            />
            <span className="h-3 w-5 rounded-sm" style={{ backgroundColor: tint(b.color) } as CSSProperties} aria-hidden="true" />
            {b.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SharedCalendarView } from "~/components/calendar/share-view";
import type { SharedCalendar, SharedItem } from "~/modules/calendar/share-page.server";

/**
 * The share page's month (issue 21): a campaign is named on its first day and where a new run of
 * days begins (each row of the grid, the top of the phone agenda), not on every day it spans.
 * June 2026 starts on a Monday: five grid rows from 1 June to 5 July.
 */
const days = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
const grid = days("2026-06-01", 35);
const weeks = Array.from({ length: 5 }, (_, w) => grid.slice(w * 7, w * 7 + 7).map((date) => ({ date, inMonth: date < "2026-07-01" })));

const item = (over: Partial<SharedItem>): SharedItem => ({
  key: over.title ?? "x",
  kind: "deliverable",
  title: "x",
  campaignName: null,
  channels: [],
  statusLabel: "Draft",
  time: null,
  startsAt: `${over.startDay}T09:00:00Z`,
  when: "",
  startDay: "2026-06-01",
  endDay: "2026-06-01",
  ...over,
});

const page = {
  workspace: { name: "Northwind", logoUrl: null, accentColor: null },
  brand: { name: "Lumen", color: "#10b981" },
  label: "For Lumen",
  expiresOn: "1 Jul",
  view: "month",
  period: { title: "June 2026", monthParam: "2026-06", prev: "2026-05", next: "2026-07", weeks },
  today: "2026-06-10",
  timeZoneLabel: "UTC",
  items: [
    item({ kind: "campaign", title: "Summer Glow Campaign", startDay: "2026-06-01", endDay: "2026-06-30", when: "1–30 Jun" }),
    item({ title: "Serum reel", startDay: "2026-06-17", endDay: "2026-06-17" }),
  ],
  markers: [],
  listDays: [],
  truncated: false,
} as unknown as SharedCalendar;

const count = (html: string, text: string) => html.split(text).length - 1;

describe("a month-long campaign on the share page", () => {
  const html = renderToStaticMarkup(createElement(SharedCalendarView, { page }));

  it("is named once per grid row and once in the agenda, not on each of its 30 days", () => {
    // Grid: 1, 8, 15, 22 and 29 June; agenda: 1 June.
    expect(count(html, "Summer Glow Campaign")).toBe(6);
  });

  it("a deliverable stays on its own day, in the grid and the agenda", () => {
    expect(count(html, "Serum reel")).toBe(2);
  });
});

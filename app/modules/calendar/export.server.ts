// The list view as CSV: one row per campaign or deliverable, with the same filters and period as
// the page, times in the viewer's zone (and UTC, so a spreadsheet can sort across zones).

import { csvLine } from "~/utils/csv";
import type { CalendarItem } from "./view.server";

export const CALENDAR_CSV_HEADER = [
  "type",
  "title",
  "brand",
  "campaign",
  "channels",
  "agencies",
  "creator",
  "status",
  "sign_off",
  "when_local",
  "starts_utc",
  "ends_utc",
  "conflicts",
  "link",
];

export function calendarCsv(items: readonly CalendarItem[], appUrl: string): string {
  const base = appUrl.replace(/\/$/, "");
  const rows = [...items]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title))
    .map((i) =>
      csvLine([
        i.kind,
        i.title,
        i.brandName,
        i.kind === "campaign" ? i.title : (i.campaignName ?? ""),
        i.channels.join("; "),
        i.agencyNames.join("; "),
        i.creatorName ?? "",
        i.statusLabel,
        i.signoff?.label ?? "",
        i.when,
        i.startsAt,
        i.endsAt ?? "",
        i.conflicts.map((c) => `${c.code}: ${c.message}`).join(" | "),
        i.url ? `${base}${i.url}` : "",
      ]),
    );
  return csvLine(CALENDAR_CSV_HEADER) + rows.join("");
}

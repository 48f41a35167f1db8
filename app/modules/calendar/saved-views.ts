// Saved views (issue 21): a name for a set of calendar filters. What is stored is the calendar's
// query string reduced to what a view is (the view and the filters, parsed by ./filters, never the
// period or an open peek). A shared view is only filters: each viewer opens it through their own
// scope, and a value they could not choose themselves (another brand, an agency they do not meet)
// is dropped from their link, not shown.

import { FILTER_KEYS, parseFilter, parseView } from "./filters";

export type ViewQuery = Record<string, string>;

/** The view and filters of a calendar query string, malformed values dropped, in a stable order. */
export function viewQueryOf(search: string | URLSearchParams): ViewQuery {
  const params = new URLSearchParams(search);
  const view = parseView(params);
  const filter = parseFilter(params);
  const query: ViewQuery = {};
  if (view !== "month") query.view = view;
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) query[key] = value;
  }
  return query;
}

/** What the viewer may pick in the filters: the ids of brands, agencies and creators they see. */
export interface ViewerChoices {
  brands: ReadonlySet<string>;
  agencies: ReadonlySet<string>;
  creators: ReadonlySet<string>;
}

const SCOPED_KEYS = { brand: "brands", agency: "agencies", creator: "creators" } as const;

/** A stored query as one viewer may open it: anything else that no longer parses, or lies outside their choices, goes. */
export function scopedViewQuery(stored: Record<string, unknown>, choices: ViewerChoices): ViewQuery {
  const strings = Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === "string");
  const query = viewQueryOf(new URLSearchParams(strings));
  for (const [key, set] of Object.entries(SCOPED_KEYS) as [keyof typeof SCOPED_KEYS, keyof ViewerChoices][]) {
    if (query[key] && !choices[set].has(query[key])) delete query[key];
  }
  return query;
}

/** The calendar URL of a view's query. */
export function viewHref(slug: string, query: ViewQuery): string {
  const text = new URLSearchParams(query).toString();
  return `/w/${slug}/calendar${text ? `?${text}` : ""}`;
}

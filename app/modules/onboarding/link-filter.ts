import { z } from "zod";
import { ID_PATTERN } from "~/utils/ids";
import { text } from "~/utils/text-schema";
import type { LinkState } from "./link-model";

/**
 * The links list's search and filters, read from the query string so a filtered list can be
 * bookmarked and shared. A value that cannot be a filter (a made-up state, a malformed id) is
 * dropped rather than refused: the person still gets the list, filtered by what made sense.
 */

/** The states a listed link can be in (a replaced link is never listed: its successor is). */
export const LISTED_LINK_STATES = ["active", "completed", "verified", "expired", "revoked"] as const satisfies readonly LinkState[];

export const linkFilterSchema = z.object({
  q: text({ max: 100 }).optional().catch(undefined),
  brand: z.string().regex(ID_PATTERN).optional().catch(undefined),
  state: z.enum(LISTED_LINK_STATES).optional().catch(undefined),
  manager: z.string().regex(ID_PATTERN).optional().catch(undefined),
});
export type LinkFilter = z.infer<typeof linkFilterSchema>;

export function parseLinkFilter(params: URLSearchParams): LinkFilter {
  const raw = Object.fromEntries(["q", "brand", "state", "manager"].map((k) => [k, params.get(k)?.trim() || undefined]));
  return linkFilterSchema.parse(raw);
}

export const isFiltered = (filter: LinkFilter) => Object.values(filter).some(Boolean);

interface Filterable {
  clientName: string;
  brandId: string | null;
  brandName: string | null;
  state: LinkState;
  accountManagerId: string | null;
}

/** The links that match every filter given; the search looks in the client's and the brand's name, ignoring case. */
export function filterLinks<T extends Filterable>(links: T[], filter: LinkFilter): T[] {
  const needle = filter.q?.toLocaleLowerCase();
  return links.filter(
    (l) =>
      (!needle || l.clientName.toLocaleLowerCase().includes(needle) || (l.brandName ?? "").toLocaleLowerCase().includes(needle)) &&
      (!filter.brand || l.brandId === filter.brand) &&
      (!filter.state || l.state === filter.state) &&
      (!filter.manager || l.accountManagerId === filter.manager),
  );
}

import { filterQuery } from "./page-filter";
import type { Period } from "./periods";

/**
 * Where the monthly report links: the insights page filtered to the brand and the month reported,
 * written by the page's own filterQuery, so the figures on the page are the ones in the email.
 */
export function insightsReportPath(slug: string, brandId: string, period: Period): string {
  return `/w/${slug}/insights${filterQuery({ period, brandId, agencyId: null, channel: null })}`;
}

/** The coordinator's preview of a brand's report for a month. */
export function reportPreviewPath(slug: string, brandId?: string, month?: string): string {
  const query = new URLSearchParams();
  if (brandId) query.set("brand", brandId);
  if (month) query.set("month", month);
  const q = query.toString();
  return `/w/${slug}/insights/report${q ? `?${q}` : ""}`;
}

// Where an item on the calendar leads. One place, so the calendar, the conflicts page, the feed and
// the digest all agree.

export function calendarPath(slug: string): string {
  return `/w/${slug}/calendar`;
}

export function conflictsPath(slug: string): string {
  return `/w/${slug}/conflicts`;
}

export function campaignPath(slug: string, campaignId: string): string {
  return `/w/${slug}/campaigns/${campaignId}`;
}

export function deliverablePath(slug: string, deliverableId: string): string {
  return `/w/${slug}/approvals/${deliverableId}`;
}

export function brandRulesPath(slug: string, brandId: string): string {
  return `/w/${slug}/brands/${brandId}/rules`;
}

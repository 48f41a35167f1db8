// Small builders for conflict-detection tests: every field has a dull default, so each test
// spells out only what it is about.
import { detectConflicts } from "~/modules/calendar/conflicts/detect";
import type { Brand, Campaign, Conflict, ConflictCode, ConflictInput, Deliverable } from "~/modules/calendar/conflicts/types";

export const NOW = new Date("2026-11-21T12:00:00Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function at(iso: string): Date {
  return new Date(iso);
}

export function plus(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function brand(overrides: Partial<Brand> = {}): Brand {
  return { id: "brand-a", name: "Acme", category: "skincare", ...overrides };
}

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: "camp-1",
    brandId: "brand-a",
    agencyId: "agency-1",
    name: "Spring launch",
    channels: ["instagram"],
    startsAt: at("2026-12-01T00:00:00Z"),
    endsAt: at("2026-12-15T00:00:00Z"),
    keyMessage: null,
    ...overrides,
  };
}

export function deliverable(overrides: Partial<Deliverable> = {}): Deliverable {
  const publishAt = overrides.publishAt ?? at("2026-12-05T10:00:00Z");
  return {
    id: "del-1",
    campaignId: "camp-1",
    brandId: "brand-a",
    creatorId: "creator-1",
    channel: "instagram",
    title: "Teaser",
    signedOff: true,
    status: "approved",
    ...overrides,
    publishAt,
    signOffDeadline: overrides.signOffDeadline ?? plus(publishAt, -48 * HOUR),
  };
}

export function input(parts: Partial<ConflictInput>): ConflictInput {
  return { brands: [brand()], campaigns: [], deliverables: [], ...parts };
}

/** Runs one rule only, so a test is not distracted by what the others find. */
export function detectOnly<C extends ConflictCode>(
  code: C,
  parts: Partial<ConflictInput>,
  now: Date = NOW,
): Extract<Conflict, { code: C }>[] {
  return detectConflicts(input(parts), now, { only: [code] }).filter((c): c is Extract<Conflict, { code: C }> => c.code === code);
}

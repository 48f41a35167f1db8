// Exclusivity waivers (issue 21, decision 062): pure rules about whose side of a CREATOR_EXCLUSIVITY
// clash may be waived, when a clash still counts as open, and how a waiver is worded for a viewer
// who may or may not know the other brand's name.

import { DAY_MS, MINUTE_MS } from "~/utils/time";
import type { Conflict } from "./conflicts/types";

/** How a brand's people see the other side of a clash: never by name. */
export const COMPETING_BRAND = "a competing brand in your category";

export interface Waiver {
  brandId: string;
  reason: string;
  by: string | null;
  at: Date;
}

/**
 * The brands whose own exclusivity window the clash breaches: each brand protects a window around
 * its posts, so with 14 and 7 days and posts 10 days apart only the 14-day brand's is breached
 * (the detector flags the pair by the longer window). Empty for any other rule.
 */
export function breachedBrandIds(conflict: Conflict, exclusivityDaysOf: (brandId: string) => number): string[] {
  if (conflict.code !== "CREATOR_EXCLUSIVITY") return [];
  const gapMs = conflict.details.gapMinutes * MINUTE_MS;
  return [...new Set(conflict.details.brandIds)].filter((id) => exclusivityDaysOf(id) * DAY_MS > gapMs);
}

/**
 * A clash is settled by waivers once every breached brand has waived its side: a waiver speaks for
 * its own brand only, so one side's waiver leaves the clash open for the other brand.
 */
export function waivedByAll(conflict: Conflict, waivers: readonly Waiver[], exclusivityDaysOf: (brandId: string) => number): boolean {
  const breached = breachedBrandIds(conflict, exclusivityDaysOf);
  if (breached.length === 0 || waivers.length === 0) return false;
  const waived = new Set(waivers.map((w) => w.brandId));
  return breached.every((id) => waived.has(id));
}

/** Whether this brand still has to deal with the clash: its window is breached and it has not waived. */
export function openForBrand(
  conflict: Conflict,
  brandId: string,
  waivers: readonly Waiver[],
  exclusivityDaysOf: (brandId: string) => number,
): boolean {
  return breachedBrandIds(conflict, exclusivityDaysOf).includes(brandId) && !waivers.some((w) => w.brandId === brandId);
}

/**
 * A waiver in words for one viewer. `mayName` is the scoping module's answer for the waiving brand
 * (mayNameBrand): a viewer who may not know the other brand reads "a competing brand in your
 * category", and not its reason either, which is free text that may well name it.
 */
export function waiverLine(waiver: Waiver, brandName: string, mayName: boolean): string {
  return mayName ? `Waived by ${brandName} for its side: ${waiver.reason}` : `Waived by ${COMPETING_BRAND} for its side.`;
}

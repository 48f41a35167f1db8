// What one read of the calendar holds (calendar.server.ts computes it) and the pure helpers the
// pages use on it. No I/O here.

import type { ScopedConflict } from "~/modules/workspaces/scope.server";
import { MINUTE_MS } from "~/utils/time";
import type { Conflict, Severity } from "./conflicts/types";
import { waivedByAll, type Waiver } from "./waivers";

/** What a creator sees instead of another creator's draft title. */
export const MASKED_TITLE = "Scheduled post";

export interface CalendarBrand {
  id: string;
  name: string;
  category: string | null;
  timeZone: string;
  color: string;
  exclusivityDays: number;
  minSpacingMinutes: Record<string, number>;
  signoffWindowHours: number | null;
}

export interface CalendarCampaign {
  id: string;
  brandId: string;
  leadAgencyId: string;
  agencyIds: string[];
  creatorIds: string[];
  name: string;
  status: string;
  channels: string[];
  startsAt: Date;
  endsAt: Date;
  keyMessage: string | null;
}

export interface CalendarDeliverable {
  id: string;
  campaignId: string;
  /** null when the viewer may not see the campaign (a creator looking at its brand's timing). */
  campaignName: string | null;
  campaignStatus: string;
  brandId: string;
  creatorId: string | null;
  channel: string;
  title: string;
  /** Another creator's deliverable: only its timing is shown. */
  masked: boolean;
  publishAt: Date;
  status: string;
  /** The sign-off deadline passed without a sign-off: a flag beside the status (decision 052). */
  blocked: boolean;
  signOffDeadline: Date;
  signedOff: boolean;
  /** Lead agency and joined agencies of its campaign (empty when masked). */
  agencyIds: string[];
}

export interface Acknowledgment {
  note: string;
  by: string | null;
  at: Date;
}

export interface CalendarSnapshot {
  from: Date;
  to: Date;
  brands: Map<string, CalendarBrand>;
  agencyNames: Map<string, string>;
  creatorNames: Map<string, string>;
  /** Campaigns intersecting [from, to). */
  campaigns: CalendarCampaign[];
  /** Deliverables publishing in [from, to). */
  deliverables: CalendarDeliverable[];
  /** Every conflict the viewer may see that involves something in the window, acknowledged or not. */
  conflicts: Conflict[];
  acknowledgments: Map<string, Acknowledgment>;
  /** Exclusivity waivers per conflict key (decision 062); only keys of conflicts in `conflicts`. */
  waivers: Map<string, Waiver[]>;
}

/** Settled by waivers: every brand whose window the clash breaches waived its side (decision 062). */
export function settledByWaivers(snapshot: Pick<CalendarSnapshot, "waivers" | "brands">, conflict: Conflict): boolean {
  const waivers = snapshot.waivers.get(conflict.key);
  return waivers !== undefined && waivedByAll(conflict, waivers, (id) => snapshot.brands.get(id)?.exclusivityDays ?? 14);
}

/** Neither acknowledged nor settled by waivers. */
export function openConflicts(snapshot: Pick<CalendarSnapshot, "conflicts" | "acknowledgments" | "waivers" | "brands">): Conflict[] {
  return snapshot.conflicts.filter((c) => !snapshot.acknowledgments.has(c.key) && !settledByWaivers(snapshot, c));
}

/** Conflicts per object id (campaign or deliverable), for the badges on the calendar. */
export function conflictsByObject(conflicts: readonly Conflict[]): Map<string, Conflict[]> {
  const byObject = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    for (const id of c.objectIds) (byObject.get(id) ?? byObject.set(id, []).get(id)!).push(c);
  }
  return byObject;
}

export function worstSeverity(conflicts: readonly { severity: Severity }[]): Severity | null {
  if (conflicts.length === 0) return null;
  return conflicts.some((c) => c.severity === "error") ? "error" : "warning";
}

/** Windows that start "now" start at the minute instead, so reads within a minute share a cached snapshot. */
export function minuteOf(now: Date): number {
  return Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
}

/** The brands a conflict's message names: CREATOR_EXCLUSIVITY names the competitor too. */
function namedBrandIds(conflict: Conflict): readonly string[] {
  return conflict.code === "CREATOR_EXCLUSIVITY" ? conflict.details.brandIds : [conflict.brandId];
}

/** A conflict as the scoping module judges it (`conflictVisibleTo`): the one rule for names across brands. */
export function scopedConflict(conflict: Conflict): ScopedConflict {
  return {
    namesCompetingBrand: namedBrandIds(conflict).some((id) => id !== conflict.brandId),
    creatorId: conflict.code === "CREATOR_EXCLUSIVITY" ? conflict.details.creatorId : null,
    objectIds: conflict.objectIds,
  };
}

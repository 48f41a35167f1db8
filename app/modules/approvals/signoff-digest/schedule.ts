import { inZone } from "~/utils/time";

/**
 * When a brand's daily sign-off digest goes out (issue 17 part 3): at 08:00 on the brand's own
 * clock (`brands.time_zone`), whatever UTC date or offset that is. Pure: the job and its tests ask
 * these functions; luxon (through ~/utils/time) knows each zone's daylight-saving changes.
 */

/** The brand's local hour the digest is sent at. */
export const DIGEST_LOCAL_HOUR = 8;

export interface DigestSlot {
  /** The instant of 08:00 in the brand's zone. */
  at: Date;
  /** That day in the brand's zone, "2026-03-08": what makes a digest once per brand, person and day. */
  localDate: string;
}

const eightOClock = { hour: DIGEST_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 };

/**
 * The first 08:00 in `timeZone` strictly after `after`. Set on the local day, not by adding 24
 * hours, so the day daylight saving starts or ends still gets its digest at 08:00 local (23 or 25
 * hours after the one before). An unknown zone reads as UTC (inZone), so a bad stored zone never
 * stops the digest.
 */
export function nextDigestSlot(after: Date, timeZone: string): DigestSlot {
  const local = inZone(after, timeZone);
  let at = local.set(eightOClock);
  if (at.toMillis() <= after.getTime()) at = local.plus({ days: 1 }).set(eightOClock);
  return { at: at.toJSDate(), localDate: at.toFormat("yyyy-MM-dd") };
}

/**
 * Whether `at` is 08:00 in `timeZone`. A job scheduled before the brand moved to another zone is
 * not, and schedules the right one instead of sending at the wrong hour.
 */
export function isDigestSlot(at: Date, timeZone: string): boolean {
  const local = inZone(at, timeZone);
  return local.hour === DIGEST_LOCAL_HOUR && local.minute === 0 && local.second === 0 && local.millisecond === 0;
}

/** The brand's local day of a slot. */
export const slotDate = (at: Date, timeZone: string): string => inZone(at, timeZone).toFormat("yyyy-MM-dd");

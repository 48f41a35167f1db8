// A what-if (what-if.ts) in words for one viewer: instants as day and time in the viewer's zone, the
// new sign-off deadline also in the brand's own zone when it differs. Shared by the conflicts page's
// confirm step and the calendar's drag (decision 066). Pure.

import { zonePlace } from "~/utils/time";
import { dayAndTime } from "./format";
import type { WhatIf } from "./what-if";

const inWords = (d: Date, tz: string) => `${dayAndTime(d, tz)} ${zonePlace(tz)}`;

export function whatIfInWords(w: WhatIf & { title: string }, tz: string, brandTz: string | null = null) {
  return {
    deliverableId: w.deliverableId,
    title: w.title,
    from: inWords(w.from, tz),
    to: inWords(w.to, tz),
    previousDeadline: inWords(w.previousDeadline, tz),
    deadline: inWords(w.deadline, tz),
    /** The new deadline on the brand's clock, when the brand keeps another zone than the viewer. */
    brandDeadline: brandTz && brandTz !== tz ? inWords(w.deadline, brandTz) : null,
    signOff: w.signOff,
    insideWindow: w.insideWindow,
    unblocks: w.unblocks,
    resolved: w.resolved,
    created: w.created,
    remaining: w.remaining,
  };
}

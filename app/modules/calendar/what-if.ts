// "What would this move do?" The confirm step before a deliverable moves (issue 21; the calendar's
// drag to reschedule reuses it): the new sign-off deadline and whether the sign-off is kept, lost or
// the deliverable blocks, from approvals' own reschedule rule, and the conflicts the move resolves
// and creates, from two runs of the calendar's detector (before and after). Pure.

import { isInsideWindow, reschedule, signOffDeadline } from "~/modules/approvals/signoff-rule";
import { conflictRuleMetadata } from "./conflicts/detect";
import type { Conflict, Severity } from "./conflicts/types";

export interface WhatIfInput {
  deliverableId: string;
  from: Date;
  to: Date;
  /** The sign-off that counts now (its instant), or null. */
  signedOffAt: Date | null;
  blocked: boolean;
  windowHours: number;
  now: Date;
  /** Conflicts as detected with the deliverable where it is, and as if it were at `to`. */
  before: readonly Conflict[];
  after: readonly Conflict[];
}

export interface WhatIfConflict {
  key: string;
  title: string;
  severity: Severity;
  message: string;
}

export interface WhatIf {
  deliverableId: string;
  from: Date;
  to: Date;
  previousDeadline: Date;
  deadline: Date;
  signOff: "none" | "kept" | "lost";
  /** Inside the sign-off window at `to`: the move would start (or stay) blocked and needs the deliverable page's confirmation. */
  insideWindow: boolean;
  unblocks: boolean;
  resolved: WhatIfConflict[];
  created: WhatIfConflict[];
  /** Conflicts of the deliverable that hold either way. */
  remaining: WhatIfConflict[];
}

const shown = (c: Conflict): WhatIfConflict => ({
  key: c.key,
  title: conflictRuleMetadata(c.code).title,
  severity: c.severity,
  message: c.message,
});

export function whatIf(input: WhatIfInput): WhatIf {
  const { deliverableId, from, to, windowHours, now } = input;
  const rule = reschedule({ oldPublishAt: from, newPublishAt: to, signedOffAt: input.signedOffAt, windowHours, now });
  const insideWindow = isInsideWindow({ publishAt: to, windowHours, now });
  const mine = (list: readonly Conflict[]) => list.filter((c) => c.objectIds.includes(deliverableId));
  const before = mine(input.before);
  const after = mine(input.after);
  const beforeKeys = new Set(before.map((c) => c.key));
  const afterKeys = new Set(after.map((c) => c.key));
  return {
    deliverableId,
    from,
    to,
    previousDeadline: signOffDeadline(from, windowHours),
    deadline: rule.newDeadline,
    signOff: input.signedOffAt === null ? "none" : rule.signOffKept ? "kept" : "lost",
    insideWindow,
    unblocks: input.blocked && !insideWindow,
    resolved: before.filter((c) => !afterKeys.has(c.key)).map(shown),
    created: after.filter((c) => !beforeKeys.has(c.key)).map(shown),
    remaining: after.filter((c) => beforeKeys.has(c.key)).map(shown),
  };
}

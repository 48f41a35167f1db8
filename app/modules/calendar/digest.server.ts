// The weekly conflict digest: every Monday at 07:00 UTC each coordinator of a workspace gets the
// open conflicts of the coming two weeks. The job reschedules itself for the next Monday, and a
// dedupe key per workspace and week means it is scheduled (and each email queued) once per week
// however many times something asks for it.

import { and, eq, inArray } from "drizzle-orm";
import { memberships, users, workspaces } from "@db/schema";
import { CONFLICT_DIGEST_LIMIT } from "@emails/conflict-digest";
import { db, type Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { queueEmail } from "~/modules/email/send.server";
import { enqueue } from "~/modules/jobs/queue.server";
import { emailModeFor } from "~/modules/notifications/notify.server";
import { systemContext } from "~/modules/workspaces/authz.server";
import { loadSnapshot } from "./calendar.server";
import { openConflicts } from "./snapshot";
import { shortDay } from "./format";
import { conflictsPath } from "./links";
import { DAY_MS } from "~/utils/time";

export const CONFLICT_DIGEST_JOB = "calendar.conflict-digest";
export const DIGEST_DAYS = 14;
/** The email shows the first CONFLICT_DIGEST_LIMIT; the rest only count, so the outbox row stays small. */
const MAX_LISTED = CONFLICT_DIGEST_LIMIT * 10;

/** The next Monday 07:00 UTC strictly after `now`. */
export function nextDigestAt(now: Date): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7));
  let add = (1 - at.getUTCDay() + 7) % 7;
  if (add === 0 && at.getTime() <= now.getTime()) add = 7;
  at.setUTCDate(at.getUTCDate() + add);
  return at;
}

function weekKey(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Schedules the workspace's next digest once (idempotent: the dedupe key is per week). */
export async function ensureConflictDigestScheduled(tx: Queryable, workspaceId: string, now: Date): Promise<void> {
  const runAt = nextDigestAt(now);
  await enqueue(tx, {
    kind: CONFLICT_DIGEST_JOB,
    payload: { workspaceId },
    runAt,
    workspaceId,
    dedupeKey: `conflict-digest:${workspaceId}:${weekKey(runAt)}`,
  });
}

/** Coordinators get the digest; a workspace without any falls back to its owners and admins. */
async function recipients(workspaceId: string) {
  const rows = await db()
    .select({ user: users, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ["owner", "admin", "coordinator"])));
  const coordinators = rows.filter((r) => r.role === "coordinator");
  return (coordinators.length > 0 ? coordinators : rows).map((r) => r.user);
}

/** Runs one workspace's digest at `now` and schedules the next one, in one transaction. */
export async function runConflictDigest(workspaceId: string, now: Date): Promise<number> {
  const workspace = await db().query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId) });
  if (!workspace) return 0;
  const people = await recipients(workspaceId);
  let queued = 0;
  const to = new Date(now.getTime() + DIGEST_DAYS * DAY_MS);
  const conflicts = people.length
    ? openConflicts(
        await loadSnapshot(
          // Workspace-wide: the digest goes to coordinators, who see every brand.
          systemContext(workspace, "conflict digest"),
          { from: now, to },
          { now },
        ),
      )
    : [];
  const week = weekKey(now);
  const base = env().APP_URL.replace(/\/$/, "");
  await db().transaction(async (tx) => {
    if (conflicts.length > 0) {
      for (const person of people) {
        if ((await emailModeFor(tx, person.id, "conflicts")) === "off") continue;
        const tz = person.timeZone || "UTC";
        await queueEmail(
          tx,
          {
            to: person.email,
            template: "conflict-digest",
            props: {
              workspace: { name: workspace.name, logoUrl: workspace.logoUrl, accentColor: workspace.accentColor },
              recipientName: person.name,
              periodLabel: `${shortDay(now, tz)} – ${shortDay(new Date(to.getTime() - 1), tz)}`,
              url: `${base}${conflictsPath(workspace.slug)}`,
              conflicts: conflicts.slice(0, MAX_LISTED).map((c) => ({
                severity: c.severity,
                code: c.code,
                message: c.message,
                dateText: shortDay(c.startsAt, tz),
                url: `${base}${conflictsPath(workspace.slug)}?brand=${c.brandId}`,
              })),
            },
          },
          { workspaceId, dedupeKey: `conflict-digest:${workspaceId}:${person.id}:${week}` },
        );
        queued++;
      }
    }
    await ensureConflictDigestScheduled(tx, workspaceId, now);
  });
  return queued;
}

// What the writer of `npm run bench:load` moves: generated deliverables going live in one to four
// weeks (inside the month views the clients read, well outside the sign-off window, not signed
// off, so moving them an hour and back changes nothing but the time), with their publish time as
// the coordinator's form shows it, in the coordinator's own zone.
import { DateTime } from "luxon";
import type postgres from "postgres";
import type { WriterTarget } from "./bench-load-http";
import { SCALE_TITLE } from "./bench-load-scale";

const FORM = "yyyy-MM-dd'T'HH:mm";

export async function chooseTargets(sql: postgres.Sql, workspaceId: string, email: string, count = 200): Promise<WriterTarget[]> {
  const [{ zone }] = await sql<{ zone: string }[]>`SELECT time_zone AS zone FROM users WHERE email = ${email}`;
  const rows = await sql<{ id: string; publishAt: Date }[]>`
    SELECT id, publish_at AS "publishAt" FROM deliverables
    WHERE workspace_id = ${workspaceId} AND title LIKE ${SCALE_TITLE + "%"} AND NOT blocked
      AND status IN ('draft', 'in_review', 'changes_requested')
      AND publish_at BETWEEN now() + interval '7 days' AND now() + interval '28 days'
    ORDER BY publish_at LIMIT ${count}`;
  if (rows.length === 0) throw new Error("No deliverable to reschedule: the writer has nothing to change.");
  return rows.map((r) => {
    const at = DateTime.fromJSDate(r.publishAt, { zone }).startOf("minute");
    return { id: r.id, local: at.toFormat(FORM), later: at.plus({ hours: 1 }).toFormat(FORM) };
  });
}

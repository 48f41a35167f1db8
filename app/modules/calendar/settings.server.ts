import { eq } from "drizzle-orm";
import { users } from "@db/schema";
import { db } from "~/utils/db.server";
import { ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import type { MemberContext } from "~/modules/workspaces/authz.server";

/** The viewer's own time zone (users.time_zone): every page and email shows times in it. */
export async function setTimeZone(ctx: MemberContext, { timeZone }: { timeZone: string }): Promise<Outcome> {
  await db().transaction(async (tx) => {
    await tx.update(users).set({ timeZone }).where(eq(users.id, ctx.user.id));
    await audit(tx, ctx, {
      action: "user.time_zone_changed",
      objectType: "user",
      objectId: ctx.user.id,
      data: { from: ctx.user.timeZone, to: timeZone },
    });
  });
  return ok();
}

/** Zones offered in the setting: common ones, plus the viewer's own if it is another. */
export const COMMON_TIME_ZONES = [
  "UTC",
  "Pacific/Honolulu",
  "America/Anchorage",
  "America/Los_Angeles",
  "America/Denver",
  "America/Phoenix",
  "America/Chicago",
  "America/New_York",
  "America/Toronto",
  "America/Mexico_City",
  "America/Bogota",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Istanbul",
  "Africa/Lagos",
  "Africa/Cairo",
  "Africa/Johannesburg",
  "Africa/Nairobi",
  "Asia/Dubai",
  "Asia/Karachi",
  "Asia/Kolkata",
  "Asia/Bangkok",
  "Asia/Singapore",
  "Asia/Hong_Kong",
  "Asia/Shanghai",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Australia/Perth",
  "Australia/Sydney",
  "Pacific/Auckland",
] as const;

import { and, eq, inArray } from "drizzle-orm";
import { brands, creators, memberships, users, workspaces } from "@db/schema";
import type { WorkspaceBranding } from "@emails/index";
import type { Queryable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { dualTimeLabel } from "./signoff-rule";

export interface Person {
  id: string;
  name: string;
  email: string;
  timeZone: string;
}

export async function usersByIds(tx: Queryable, ids: readonly (string | null | undefined)[]): Promise<Person[]> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (unique.length === 0) return [];
  return tx
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(users)
    .where(inArray(users.id, unique));
}

export async function creatorUserId(tx: Queryable, creatorId: string | null): Promise<string | null> {
  if (!creatorId) return null;
  const row = await tx.query.creators.findFirst({ where: eq(creators.id, creatorId), columns: { userId: true } });
  return row?.userId ?? null;
}

export async function memberIds(
  tx: Queryable,
  workspaceId: string,
  filter: { role: "agency_member" | "brand_lead"; agencyId?: string; brandId?: string },
): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.role, filter.role),
        filter.agencyId ? eq(memberships.agencyId, filter.agencyId) : undefined,
        filter.brandId ? eq(memberships.brandId, filter.brandId) : undefined,
      ),
    );
  return rows.map((r) => r.userId);
}

/** The brand's own time zone, for the second clock in emails and labels; UTC if the brand is gone. */
export async function brandTimeZone(q: Queryable, brandId: string): Promise<string> {
  const brand = await q.query.brands.findFirst({ where: eq(brands.id, brandId), columns: { timeZone: true } });
  return brand?.timeZone ?? "UTC";
}

/** What an approval email needs from its workspace: branding, slug for links, sign-off window. */
export async function workspaceEmailContext(
  tx: Queryable,
  workspaceId: string,
): Promise<{ branding: WorkspaceBranding; slug: string; windowHours: number }> {
  const ws = await tx.query.workspaces.findFirst({ where: eq(workspaces.id, workspaceId) });
  if (!ws) throw new Error(`workspace ${workspaceId} not found`);
  return {
    branding: { name: ws.name, logoUrl: ws.logoUrl, accentColor: ws.accentColor },
    slug: ws.slug,
    windowHours: ws.signoffWindowHours,
  };
}

export function deliverablePath(slug: string, deliverableId: string): string {
  return `/w/${slug}/deliverables/${deliverableId}`;
}

export function deliverableUrl(slug: string, deliverableId: string): string {
  return `${env().APP_URL}${deliverablePath(slug, deliverableId)}`;
}

/** A time for one recipient: their zone first, the brand's beside it. Unknown zones fall back to UTC. */
export function timeFor(date: Date, viewerTimeZone: string | null | undefined, brandTimeZone: string): string {
  try {
    return dualTimeLabel(date, viewerTimeZone || "UTC", brandTimeZone || "UTC");
  } catch {
    return dualTimeLabel(date, "UTC", "UTC");
  }
}

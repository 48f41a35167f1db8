import { and, asc, desc, eq, sql } from "drizzle-orm";
import { briefAcknowledgments, briefComments, briefVersions, users } from "@db/schema";
import { db, type Queryable } from "~/utils/db.server";

/** Reading a campaign's brief history: its versions, who acknowledged them, the comments on them. */

/** The newest published version of the campaign's brief; undefined before the first publish. */
export async function latestVersion(q: Queryable, campaignId: string) {
  const [row] = await q
    .select()
    .from(briefVersions)
    .where(eq(briefVersions.campaignId, campaignId))
    .orderBy(desc(briefVersions.version))
    .limit(1);
  return row;
}

export interface AckRow {
  userId: string;
  name: string;
  email: string;
  version: number;
  requestedAt: string;
  acknowledgedAt: string | null;
}

export async function versionsOf(campaignId: string) {
  return db()
    .select({
      id: briefVersions.id,
      version: briefVersions.version,
      templateVersion: briefVersions.templateVersion,
      publishedAt: briefVersions.publishedAt,
      publishedBy: users.name,
      changes: briefVersions.changes,
    })
    .from(briefVersions)
    .leftJoin(users, eq(users.id, briefVersions.publishedBy))
    .where(eq(briefVersions.campaignId, campaignId))
    .orderBy(desc(briefVersions.version));
}

export async function versionContent(campaignId: string, version: number) {
  const [row] = await db()
    .select()
    .from(briefVersions)
    .where(and(eq(briefVersions.campaignId, campaignId), eq(briefVersions.version, version)))
    .limit(1);
  return row ?? null;
}

export async function acknowledgmentsOf(briefVersionId: string): Promise<AckRow[]> {
  const rows = await db()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      version: briefAcknowledgments.version,
      requestedAt: briefAcknowledgments.requestedAt,
      acknowledgedAt: briefAcknowledgments.acknowledgedAt,
    })
    .from(briefAcknowledgments)
    .innerJoin(users, eq(users.id, briefAcknowledgments.userId))
    .where(eq(briefAcknowledgments.briefVersionId, briefVersionId))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null }));
}

/** The newest version this person acknowledged, to show them what changed since. */
export async function lastAcknowledgedVersion(campaignId: string, userId: string): Promise<number | null> {
  const [row] = await db()
    .select({ version: briefAcknowledgments.version })
    .from(briefAcknowledgments)
    .where(
      and(
        eq(briefAcknowledgments.campaignId, campaignId),
        eq(briefAcknowledgments.userId, userId),
        sql`${briefAcknowledgments.acknowledgedAt} is not null`,
      ),
    )
    .orderBy(desc(briefAcknowledgments.version))
    .limit(1);
  return row?.version ?? null;
}

export async function commentsOf(campaignId: string) {
  const rows = await db()
    .select({
      id: briefComments.id,
      section: briefComments.sectionKey,
      kind: briefComments.kind,
      body: briefComments.body,
      createdAt: briefComments.createdAt,
      author: users.name,
      version: briefVersions.version,
    })
    .from(briefComments)
    .innerJoin(users, eq(users.id, briefComments.userId))
    .innerJoin(briefVersions, eq(briefVersions.id, briefComments.briefVersionId))
    .where(eq(briefComments.campaignId, campaignId))
    .orderBy(asc(briefComments.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

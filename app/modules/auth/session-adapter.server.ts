import { and, eq, lt } from "drizzle-orm";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { sessions, users } from "@db/schema";
import { db } from "~/utils/db.server";
import { sha256 } from "~/utils/crypto.server";

/**
 * A lucia v3 adapter over drizzle that stores only the SHA-256 of each session id, so a copy of
 * the database cannot be turned into live sessions. Lucia hands us the clear id; we hash it at
 * the boundary and hand it back unchanged.
 */
export class HashedSessionAdapter implements Adapter {
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const rows = await db()
      .select({ session: sessions, user: { id: users.id } })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sha256(sessionId)))
      .limit(1);
    const row = rows[0];
    if (!row) return [null, null];
    return [
      { id: sessionId, userId: row.session.userId, expiresAt: row.session.expiresAt, attributes: { createdAt: row.session.createdAt } },
      { id: row.user.id, attributes: {} },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    // Only hashes are stored, so the clear ids cannot be returned; lucia only needs this for listing.
    const rows = await db().select().from(sessions).where(eq(sessions.userId, userId));
    return rows.map((s) => ({ id: s.id, userId: s.userId, expiresAt: s.expiresAt, attributes: { createdAt: s.createdAt } }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await db()
      .insert(sessions)
      .values({
        id: sha256(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt,
        createdAt: session.attributes.createdAt,
      });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await db()
      .update(sessions)
      .set({ expiresAt })
      .where(eq(sessions.id, sha256(sessionId)));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await db()
      .delete(sessions)
      .where(eq(sessions.id, sha256(sessionId)));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await db().delete(sessions).where(eq(sessions.userId, userId));
  }

  async deleteExpiredSessions(): Promise<void> {
    await db()
      .delete(sessions)
      .where(and(lt(sessions.expiresAt, new Date())));
  }
}

import type { Database, Queryable } from "./client";
import { agencies, brands, creators, memberships, users, workspaces, type Role } from "./schema";
import { hashPassword } from "../app/modules/auth/password.server";

/** Factories shared by the demo seed and the tests, so both build the world the same way. */

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A verified account unless `emailVerified: false` (the demo people and most tests own their address). */
export async function createUser(
  db: Queryable,
  input: { email?: string; name?: string; password?: string | null; timeZone?: string; emailVerified?: boolean } = {},
) {
  const password = input.password === undefined ? "correct horse battery" : input.password;
  const [user] = await db
    .insert(users)
    .values({
      email: (input.email ?? `user-${unique()}@example.test`).toLowerCase(),
      name: input.name ?? "Test User",
      passwordHash: password ? await hashPassword(password) : null,
      timeZone: input.timeZone ?? "UTC",
      emailVerifiedAt: input.emailVerified === false ? null : new Date(),
    })
    .returning();
  return user;
}

export async function createWorkspace(db: Queryable, input: Partial<typeof workspaces.$inferInsert> = {}) {
  const slug = input.slug ?? `ws-${unique()}`;
  const [ws] = await db
    .insert(workspaces)
    .values({ name: input.name ?? "Test Workspace", ...input, slug })
    .returning();
  return ws;
}

export async function createBrand(db: Queryable, workspaceId: string, input: Partial<typeof brands.$inferInsert> = {}) {
  const [row] = await db
    .insert(brands)
    .values({ name: "Brand", ...input, workspaceId })
    .returning();
  return row;
}

export async function createAgency(db: Queryable, workspaceId: string, input: Partial<typeof agencies.$inferInsert> = {}) {
  const [row] = await db
    .insert(agencies)
    .values({ name: "Agency", ...input, workspaceId })
    .returning();
  return row;
}

export async function createCreator(db: Queryable, workspaceId: string, input: Partial<typeof creators.$inferInsert> = {}) {
  const [row] = await db
    .insert(creators)
    .values({ name: "Creator", ...input, workspaceId })
    .returning();
  return row;
}

export async function addMember(
  db: Queryable,
  workspaceId: string,
  userId: string,
  role: Role,
  scope: { agencyId?: string; brandId?: string; creatorId?: string } = {},
) {
  const [row] = await db
    .insert(memberships)
    .values({ workspaceId, userId, role, ...scope })
    .returning();
  return row;
}

export type { Database };

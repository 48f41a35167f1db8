import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { isForeignKeyViolation, isUniqueViolation } from "~/utils/db.server";
import { useTestDatabase } from "../support/db";

/*
 * The conflict answers for lost races (approvals, brief publish, template save) and for deleting a
 * directory entry still in use rest on recognising the driver's error as it really arrives, on
 * PGlite and on PostgreSQL, so these errors come from the database rather than being hand-made.
 */
const t = useTestDatabase();

async function errorOf(statement: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await t.db.execute(statement);
  } catch (error) {
    return error;
  }
  throw new Error("expected the statement to fail");
}

describe("SQLSTATE checks", () => {
  beforeAll(async () => {
    await t.db.execute(sql`CREATE TABLE sqlstate_parent (id integer PRIMARY KEY)`);
    await t.db.execute(sql`CREATE TABLE sqlstate_child (parent_id integer NOT NULL REFERENCES sqlstate_parent (id))`);
    await t.db.execute(sql`INSERT INTO sqlstate_parent (id) VALUES (1)`);
    await t.db.execute(sql`INSERT INTO sqlstate_child (parent_id) VALUES (1)`);
  });

  it("recognise a duplicate key as a unique violation only", async () => {
    const error = await errorOf(sql`INSERT INTO sqlstate_parent (id) VALUES (1)`);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isForeignKeyViolation(error)).toBe(false);
  });

  it("recognise deleting a referenced row as a foreign-key violation only", async () => {
    const error = await errorOf(sql`DELETE FROM sqlstate_parent WHERE id = 1`);
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it("find the code through errors that wrap it, and nothing in other errors", async () => {
    const error = await errorOf(sql`INSERT INTO sqlstate_parent (id) VALUES (1)`);
    expect(isUniqueViolation(new Error("transaction failed", { cause: new Error("query failed", { cause: error }) }))).toBe(true);
    expect(isUniqueViolation(new Error("duplicate key value violates unique constraint"))).toBe(false);
    expect(isUniqueViolation("23505")).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});

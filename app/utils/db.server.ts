import type { Database } from "@db/client";

export type { Database, Transaction, Queryable } from "@db/client";

/*
 * The server (and each test file) opens the database once and installs it here. It lives on
 * globalThis because the Remix build and the tsx-loaded server are separate module graphs.
 */
const holder = globalThis as unknown as { __batonDb?: Database };

export function installDb(db: Database | undefined): void {
  holder.__batonDb = db;
}

export function db(): Database {
  if (!holder.__batonDb) throw new Error("Database not opened: call installDb() at start-up.");
  return holder.__batonDb;
}

/**
 * True when `error`, or an error it wraps (drizzle and the transaction helpers wrap the driver's
 * error in `cause`), carries this PostgreSQL SQLSTATE. postgres.js and PGlite both set `code`.
 */
function hasSqlState(error: unknown, sqlState: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === sqlState) return true;
  }
  return false;
}

/** A concurrent writer inserted the same key first (SQLSTATE 23505): answer a conflict, not a 500. */
export function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, "23505");
}

/** PostgreSQL refused a delete because other rows still point at it (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return hasSqlState(error, "23503");
}

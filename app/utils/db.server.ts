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

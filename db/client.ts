import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

/** One type for both drivers: PGlite's drizzle database speaks the same query builder. */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Queryable = Database | Transaction;

export interface OpenDatabase {
  db: Database;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * postgres.js when a URL is given, otherwise embedded PGlite persisted in `dataDir`
 * (or in memory when dataDir is "memory://"). Importing this file has no side effects.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number }): Promise<OpenDatabase> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.databaseUrl, { max: opts.poolSize ?? 10, onnotice: () => {} });
    return { db: drizzle(client, { schema }), kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(path.resolve(dataDir), { recursive: true });
  const client = new PGlite(dataDir.startsWith("memory://") ? undefined : path.resolve(dataDir, "pg"));
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: "pglite", close: () => client.close() };
}

export async function migrate(open: OpenDatabase): Promise<void> {
  if (open.kind === "postgres") {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await run(open.db, { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(open.db as unknown as Parameters<typeof run>[0], { migrationsFolder });
  }
}

export { schema };

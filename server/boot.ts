import { count } from "drizzle-orm";
import { migrate, openDatabase, type OpenDatabase } from "@db/client";
import { workspaces } from "@db/schema";
import { seedDemo } from "@db/seed";
import { installDb } from "~/utils/db.server";
import type { Env } from "~/utils/env.server";

/** Opens the database (PostgreSQL if DATABASE_URL, else embedded PGlite), migrates, seeds once. */
export async function boot(e: Env, opts: { seed: boolean }): Promise<OpenDatabase & { seeded: boolean }> {
  const open = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR });
  await migrate(open);
  installDb(open.db);
  let seeded = false;
  if (opts.seed && e.SEED_DEMO) {
    const [{ n }] = await open.db.select({ n: count() }).from(workspaces);
    if (n === 0) {
      await seedDemo(open.db);
      seeded = true;
    }
  }
  return { ...open, seeded };
}

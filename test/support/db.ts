import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { migrate, openDatabase, type OpenDatabase } from "../../db/client";
import { installDb } from "~/utils/db.server";
import { setEnvForTests, type Env } from "~/utils/env.server";
import { resetLuciaForTests } from "~/modules/auth/lucia.server";

export const TEST_APP_URL = "http://localhost:3000";

export interface TestDatabase {
  open: OpenDatabase;
  /** A URL for another process (a second worker, the e2e server); null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

/** A database of this test file's own: a clone of the migrated template, or in-memory PGlite. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.BATON_TEST_TEMPLATE_URL;
  if (!template) {
    const open = await openDatabase({ dataDir: "memory://" });
    await migrate(open);
    return { open, url: null, drop: () => open.close() };
  }
  const tplName = new URL(template).pathname.slice(1);
  const name = `baton_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(template.replace(`/${tplName}`, "/postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${tplName}`);
  const url = template.replace(`/${tplName}`, `/${name}`);
  const open = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    open,
    url,
    drop: async () => {
      await open.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Installs a fresh database and a test environment for the whole file. */
export function useTestDatabase(envOverrides: Partial<Env> = {}) {
  const state: { db?: TestDatabase } = {};
  beforeAll(async () => {
    setEnvForTests({ APP_URL: TEST_APP_URL, ...envOverrides });
    resetLuciaForTests();
    state.db = await createTestDatabase();
    installDb(state.db.open.db);
  });
  afterAll(async () => {
    installDb(undefined);
    await state.db?.drop();
  });
  return {
    get db() {
      if (!state.db) throw new Error("test database not ready");
      return state.db.open.db;
    },
    get url() {
      return state.db?.url ?? null;
    },
  };
}

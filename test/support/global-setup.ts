import postgres from "postgres";
import { migrate, openDatabase } from "../../db/client";

/**
 * With DATABASE_URL set (CI), one migrated template database is made here and every test file
 * clones it (CREATE DATABASE ... TEMPLATE), so each file has its own real PostgreSQL database.
 * Without it, each file gets an in-memory PGlite instead.
 */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = `baton_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const tplUrl = withDatabase(url, name);
  const open = await openDatabase({ databaseUrl: tplUrl, poolSize: 1 });
  await migrate(open);
  await open.close();
  process.env.BATON_TEST_TEMPLATE_URL = tplUrl;
  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

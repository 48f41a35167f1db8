import { migrate, openDatabase } from "./client";

/** `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded database. */
const open = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "./.data" });
await migrate(open);
console.log(`Migrations applied (${open.kind}).`);
await open.close();

import { count } from "drizzle-orm";
import { migrate, openDatabase } from "./client";
import { workspaces } from "./schema";
import { seedDemo } from "./seed";

/** `npm run db:seed`: the demo workspace, only into an empty database. */
const open = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? "./.data" });
await migrate(open);
const [{ n }] = await open.db.select({ n: count() }).from(workspaces);
if (n > 0) console.log("The database already has data; the demo seed was not applied.");
else {
  await seedDemo(open.db);
  console.log("Demo workspace created.");
}
await open.close();

import { parseEnv } from "~/utils/env.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { startWorker } from "~/modules/jobs/worker.server";
import { boot } from "./boot";

/** `npm run worker`: the job worker alone, for deployments that run it apart from the web processes. */
const e = parseEnv();
(globalThis as { __batonEnv?: unknown }).__batonEnv = e;
const database = await boot(e, { seed: false });
const stop = startWorker(jobHandlers, e.WORKER_POLL_MS, (err) => console.error("worker:", err));
console.log(`Baton worker started (${database.kind}).`);
const shutdown = async () => {
  // Finish the jobs in flight (a webhook waits at most its timeout); an unfinished one is retaken after its lease.
  await stop();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

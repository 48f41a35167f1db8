import type { HandlerMap } from "~/modules/jobs/worker.server";

/** Background jobs of the briefs capability (reminders, escalations), registered in jobs/handlers.server.ts. */
export const briefsJobs: HandlerMap = {};

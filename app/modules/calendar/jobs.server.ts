import type { HandlerMap } from "~/modules/jobs/worker.server";

/** Background jobs of the calendar capability (reminders, escalations), registered in jobs/handlers.server.ts. */
export const calendarJobs: HandlerMap = {};

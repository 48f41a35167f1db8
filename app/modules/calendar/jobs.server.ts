import type { HandlerMap } from "~/modules/jobs/worker.server";
import { CONFLICT_DIGEST_JOB, runConflictDigest } from "./digest.server";

/** Background jobs of the calendar capability, registered in jobs/handlers.server.ts. */
export const calendarJobs: HandlerMap = {
  [CONFLICT_DIGEST_JOB]: async (job, now) => {
    const { workspaceId } = job.payload as { workspaceId?: unknown };
    if (typeof workspaceId !== "string") throw new Error("conflict digest job without a workspace id");
    await runConflictDigest(workspaceId, now);
  },
};

import { z } from "zod";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { CONFLICT_DIGEST_JOB, runConflictDigest } from "./digest.server";

/** Background jobs of the calendar capability, registered in jobs/handlers.server.ts. */
export const calendarJobs = {
  [CONFLICT_DIGEST_JOB]: defineJob({
    payload: z.object({ workspaceId: payloadId }),
    run: ({ workspaceId }, _job, now) => runConflictDigest(workspaceId, now),
  }),
};

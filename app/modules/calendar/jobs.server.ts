import { z } from "zod";
import { defineJob, payloadId } from "~/modules/jobs/job-kinds";
import { CONFLICT_DIGEST_JOB, runConflictDigest } from "./digest.server";
import { OVERLAY_REFRESH_JOB, OVERLAYS_DAILY_JOB, queueOverlayRefreshes, runOverlayRefresh } from "./overlay-jobs.server";

/** Background jobs of the calendar capability, registered in jobs/handlers.server.ts. */
export const calendarJobs = {
  [CONFLICT_DIGEST_JOB]: defineJob({
    payload: z.object({ workspaceId: payloadId }),
    run: ({ workspaceId }, _job, now) => runConflictDigest(workspaceId, now),
  }),
  [OVERLAYS_DAILY_JOB]: defineJob({ payload: z.object({}), run: (_payload, _job, now) => queueOverlayRefreshes(now) }),
  [OVERLAY_REFRESH_JOB]: defineJob({
    payload: z.object({ overlayId: payloadId }),
    run: ({ overlayId }, _job, now) => runOverlayRefresh(overlayId, now),
  }),
};

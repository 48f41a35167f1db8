import type { EmailRequest } from "~/modules/email/send.server";
import { sendEmail } from "~/modules/email/send.server";
import { sendNotificationDigest } from "~/modules/notifications/notify.server";
import { deliverWebhook } from "~/modules/webhooks/webhooks.server";
import { approvalsJobs } from "~/modules/approvals/jobs.server";
import { briefsJobs } from "~/modules/briefs/jobs.server";
import { calendarJobs } from "~/modules/calendar/jobs.server";
import { onboardingJobs } from "~/modules/onboarding/jobs.server";
import type { HandlerMap } from "./worker.server";

/** Every kind of background job and the function that runs it. Capabilities add theirs here. */
export const jobHandlers: HandlerMap = {
  email: (job) => sendEmail(job.payload as unknown as EmailRequest, job.id),
  webhook: (job) => deliverWebhook(job),
  "notification-digest": (job, now) => {
    const { userId, workspaceId } = job.payload as { userId: string; workspaceId: string };
    return sendNotificationDigest(userId, workspaceId, now, job.id);
  },
  ...onboardingJobs,
  ...briefsJobs,
  ...approvalsJobs,
  ...calendarJobs,
};

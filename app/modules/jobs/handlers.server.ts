import { z } from "zod";
import { isEmailTemplateName, type EmailTemplateName } from "@emails/index";
import type { EmailRequest } from "~/modules/email/send.server";
import { sendEmail } from "~/modules/email/send.server";
import { sendNotificationDigest } from "~/modules/notifications/notify.server";
import { WEBHOOK_EVENT_TYPES } from "~/modules/webhooks/events";
import { deliverWebhook } from "~/modules/webhooks/webhooks.server";
import { approvalsJobs } from "~/modules/approvals/jobs.server";
import { escalationJobs } from "~/modules/approvals/escalation.server";
import { signoffDigestJobs } from "~/modules/approvals/signoff-digest/job.server";
import { briefsJobs } from "~/modules/briefs/jobs.server";
import { calendarJobs } from "~/modules/calendar/jobs.server";
import { insightsJobs } from "~/modules/insights/jobs.server";
import { monthlyReportJobs } from "~/modules/insights/monthly-report-job.server";
import { retentionJobs } from "./retention.server";
import { onboardingJobs } from "~/modules/onboarding/jobs.server";
import { accessCheckJobs } from "~/modules/onboarding/access-checks/jobs.server";
import { defineJob, handlersOf, payloadId, type EnqueuePayload } from "./job-kinds";

const webhookEventType = z.enum(WEBHOOK_EVENT_TYPES);

/**
 * Every kind of background job: its payload schema, its sealed keys and its handler (job-kinds.ts).
 * Capabilities add theirs here. enqueue takes each kind's payload typed from this; the worker
 * parses each payload with it before the handler runs.
 */
export const jobKinds = {
  email: defineJob({
    payload: z.object({
      to: z.string().min(1),
      template: z.custom<EmailTemplateName>(isEmailTemplateName, "Not an email template"),
      props: z.record(z.unknown()),
    }),
    sealed: ["props"],
    // The template's own props type is not known here; the renderer is what reads them.
    run: (payload, job) => sendEmail(payload as EmailRequest, job.id),
  }),
  webhook: defineJob({
    payload: z.object({
      endpointId: payloadId,
      messageId: z.string().min(1),
      type: webhookEventType,
      body: z.object({ type: webhookEventType, timestamp: z.string().datetime(), data: z.record(z.unknown()) }),
    }),
    // Signs and sends the stored body exactly as queued.
    run: (_payload, job) => deliverWebhook(job),
  }),
  "notification-digest": defineJob({
    payload: z.object({ userId: payloadId, workspaceId: payloadId }),
    run: ({ userId, workspaceId }, job, now) => sendNotificationDigest(userId, workspaceId, now, job.id),
  }),
  ...onboardingJobs,
  ...accessCheckJobs(),
  ...briefsJobs,
  ...approvalsJobs,
  ...escalationJobs,
  ...signoffDigestJobs,
  ...calendarJobs,
  ...insightsJobs,
  ...monthlyReportJobs,
  ...retentionJobs,
};

export type JobKindName = keyof typeof jobKinds;
/** What enqueue takes for a kind: `payload` (readable) and, for kinds with sealed keys, `secret`. */
export type EnqueuePayloadOf<K extends JobKindName> = EnqueuePayload<(typeof jobKinds)[K]>;

/** Every kind's handler, its payload parsed first. */
export const jobHandlers = handlersOf(jobKinds);

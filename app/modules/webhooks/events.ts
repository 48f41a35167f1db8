/** Every event type Baton emits; admins subscribe endpoints to any of them. */
export const WEBHOOK_EVENT_TYPES = [
  "member.invited",
  "member.joined",
  "onboarding.opened",
  "onboarding.step_confirmed",
  "onboarding.completed",
  "access.verified",
  "access.rejected",
  "access.revoked",
  "access.lost",
  "brief.published",
  "brief.acknowledged",
  "draft.submitted",
  "draft.changes_requested",
  "draft.signed_off",
  "deliverable.blocked",
  "deliverable.published",
  "conflict.detected",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** How many delivery attempts an endpoint's log shows (the page and the query read this one number). */
export const DELIVERY_LOG_SIZE = 50;

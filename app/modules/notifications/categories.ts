export const NOTIFICATION_CATEGORIES = {
  members: "Invitations and membership changes",
  onboarding: "Client onboarding and platform access",
  briefs: "Briefs to acknowledge and brief changes",
  approvals: "Drafts to review, sign-offs and deadlines",
  conflicts: "Calendar conflicts",
} as const;

export type NotificationCategory = keyof typeof NOTIFICATION_CATEGORIES;
export type EmailMode = "immediate" | "digest" | "off";
export const EMAIL_MODES: Record<EmailMode, string> = {
  immediate: "Email me right away",
  digest: "One daily digest",
  off: "In Baton only",
};

import { DAY_MS, HOUR_MS } from "~/utils/time";
/**
 * When to nudge people about an onboarding link (PRODUCT.md §3). Pure functions of a clock passed
 * in, so a job can call them every few minutes and tests can pin time. Each answers "is something
 * due now?" and is built so that repeated calls send it once: the caller records what it sent.
 */

export const CLIENT_REMINDER_FIRST_AFTER_MS = 2 * DAY_MS;
export const CLIENT_REMINDER_EVERY_MS = 2 * DAY_MS;
export const CLIENT_REMINDER_MAX = 3;
export const ACCOUNT_MANAGER_ALERT_AFTER_MS = 48 * HOUR_MS;

/** When the client reminders fall due: 2, 4 and 6 days after the link was created. */
export function clientReminderDueTimes(linkCreatedAt: Date): Date[] {
  return Array.from(
    { length: CLIENT_REMINDER_MAX },
    (_, i) => new Date(linkCreatedAt.getTime() + CLIENT_REMINDER_FIRST_AFTER_MS + i * CLIENT_REMINDER_EVERY_MS),
  );
}

/**
 * The number (1-3) of the client reminder to send now, or null. After sending, the caller stores
 * remindersSent = that number, which is what makes the next call return null until the next due
 * time. If the job was down across several due times, only the latest is sent: one email saying
 * "still waiting", never a burst of three.
 */
export function dueClientReminder(input: { createdAt: Date; remindersSent: number; now: Date; openSteps: number }): number | null {
  if (input.openSteps <= 0) return null;
  const passed = clientReminderDueTimes(input.createdAt).filter((due) => due.getTime() <= input.now.getTime()).length;
  return passed > input.remindersSent ? passed : null;
}

/**
 * Whether to alert the account manager that a required step has stalled: 48 hours since the last
 * progress on the link, once per stall. The caller stores the lastProgressAt it alerted for, so
 * the same stall never alerts twice, and new progress followed by a new stall alerts again.
 */
export function accountManagerAlertDue(input: {
  lastProgressAt: Date;
  alertedForProgressAt: Date | null;
  now: Date;
  hasOpenRequiredStep: boolean;
}): boolean {
  if (!input.hasOpenRequiredStep) return false;
  if (input.alertedForProgressAt?.getTime() === input.lastProgressAt.getTime()) return false;
  return input.now.getTime() - input.lastProgressAt.getTime() >= ACCOUNT_MANAGER_ALERT_AFTER_MS;
}

/**
 * The same alert for a step forwarded to a colleague: its clock starts when it was forwarded (its
 * own createdAt), since the colleague only heard of it then. Alerts once: a forwarded step has
 * no partial progress, so the stall can only end with the step done.
 */
export function forwardedStepAlertDue(input: { createdAt: Date; alertedAt: Date | null; now: Date; isOpen: boolean }): boolean {
  return accountManagerAlertDue({
    lastProgressAt: input.createdAt,
    alertedForProgressAt: input.alertedAt ? input.createdAt : null,
    now: input.now,
    hasOpenRequiredStep: input.isOpen,
  });
}

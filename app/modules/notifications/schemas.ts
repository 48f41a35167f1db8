import { z } from "zod";
import { ID_PATTERN } from "~/utils/ids";
import { EMAIL_MODES, NOTIFICATION_CATEGORIES, type EmailMode, type NotificationCategory } from "./categories";

/** The notifications page's forms, read by the action on the server and by conform in the page. */

export const CATEGORY_KEYS = Object.keys(NOTIFICATION_CATEGORIES) as [NotificationCategory, ...NotificationCategory[]];
export const MODE_KEYS = Object.keys(EMAIL_MODES) as [EmailMode, ...EmailMode[]];

export const readOneSchema = z.object({
  id: z.string({ required_error: "Which notification?" }).trim().regex(ID_PATTERN, "That is not a notification id."),
});

const modeField = (category: NotificationCategory) =>
  z.enum(MODE_KEYS, {
    errorMap: () => ({ message: `Choose how to hear about ${NOTIFICATION_CATEGORIES[category].toLowerCase()}.` }),
  });

export const preferencesSchema = z.object(
  Object.fromEntries(CATEGORY_KEYS.map((c) => [c, modeField(c)])) as Record<NotificationCategory, ReturnType<typeof modeField>>,
);
export type Preferences = z.infer<typeof preferencesSchema>;

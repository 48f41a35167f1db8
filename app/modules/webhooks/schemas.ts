import { z } from "zod";
import { ID_PATTERN } from "~/utils/ids";
import { text } from "~/utils/text-schema";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events";

/**
 * The webhooks page's forms, read by the action on the server and by conform in the page (pure: no
 * server imports). Whether the address is public is checked by the action only (a DNS lookup).
 */

const EVENT_SET = new Set<string>(WEBHOOK_EVENT_TYPES);

/** The registration form; plain http:// is only accepted when private targets are allowed (development). */
export function endpointSchema(allowPrivate: boolean) {
  return z.object({
    url: text({
      required: "Enter the URL that should receive events.",
      min: 1,
      max: 2000,
      tooLong: "That URL is too long (2,000 characters at most).",
    })
      .pipe(z.string().url("Enter a full URL, like https://example.com/webhooks/baton."))
      .superRefine((value, ctx) => {
        let parsed: URL;
        try {
          parsed = new URL(value);
        } catch {
          return;
        }
        const okProtocol = parsed.protocol === "https:" || (allowPrivate && parsed.protocol === "http:");
        if (!okProtocol) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: allowPrivate ? "Use an http:// or https:// URL." : "Webhook endpoints must use https://.",
          });
        } else if (parsed.username || parsed.password) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: "Leave the user name and password out of the URL; verify the signature instead.",
          });
        }
      }),
    description: text({ max: 200, tooLong: "Keep the description under 200 characters." }).default(""),
    eventTypes: z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string(), { invalid_type_error: "Pick at least one event type." })
        .min(1, "Pick at least one event type.")
        .max(WEBHOOK_EVENT_TYPES.length, "Too many event types.")
        .refine((list) => list.every((t) => EVENT_SET.has(t)), "One of the event types is not one Baton sends.")
        .transform((list) => WEBHOOK_EVENT_TYPES.filter((t) => list.includes(t)) as WebhookEventType[]),
    ),
  });
}

export type EndpointInput = z.infer<ReturnType<typeof endpointSchema>>;

/** The disable button of an endpoint: which one. */
export const disableSchema = z.object({
  id: z.string({ required_error: "Which endpoint?" }).trim().regex(ID_PATTERN, "That is not an endpoint id."),
});

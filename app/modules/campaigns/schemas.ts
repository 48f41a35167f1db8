import { DateTime } from "luxon";
import { z } from "zod";
import { CHANNELS, CHANNEL_LIMITS, type Channel } from "~/modules/channels/channels";
import { CAMPAIGN_EVENTS, CAMPAIGN_STATUSES } from "~/modules/campaigns/campaign-status";
import { ID_PATTERN } from "~/utils/ids";
import { text } from "~/utils/text-schema";

/** Inputs of the campaign forms and the list's filters, shared by the server and the pages. */

export { CHANNELS, type Channel };
export const CHANNEL_LABELS: Record<Channel, string> = Object.fromEntries(CHANNELS.map((c) => [c, CHANNEL_LIMITS[c].label])) as Record<
  Channel,
  string
>;

export const STATUS_LABELS: Record<(typeof CAMPAIGN_STATUSES)[number], string> = {
  planning: "Planning",
  briefed: "Briefed",
  active: "Active",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const EVENT_LABELS: Record<(typeof CAMPAIGN_EVENTS)[number], string> = {
  publish_brief: "Publish brief",
  activate: "Activate campaign",
  complete: "Mark completed",
  cancel: "Cancel campaign",
};

const id = (message: string) => z.string({ required_error: message, invalid_type_error: message }).regex(ID_PATTERN, message);
const ids = (message: string, max: number) =>
  z
    .preprocess(
      (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? [v] : v),
      z.array(z.string().regex(ID_PATTERN, message), { invalid_type_error: message }).max(max, `Pick at most ${max}.`),
    )
    .transform((list) => [...new Set(list)]);
const day = (label: string) =>
  z
    .string({ required_error: `Enter the ${label} date.`, invalid_type_error: `Enter the ${label} date.` })
    .trim()
    .min(1, `Enter the ${label} date.`)
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, "Enter a date as YYYY-MM-DD.");

export const campaignFormSchema = z
  .object({
    name: text({ required: "Give the campaign a name.", min: 1, max: 120, tooLong: "Keep the name under 120 characters." }),
    brandId: id("Choose a brand."),
    leadAgencyId: id("Choose the lead agency."),
    agencyIds: ids("Choose agencies from the list.", 20),
    creatorIds: ids("Choose creators from the list.", 200),
    channels: z
      .preprocess(
        (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? [v] : v),
        z.array(z.enum(CHANNELS, { errorMap: () => ({ message: "Choose channels from the list." }) }), {
          invalid_type_error: "Choose channels from the list.",
        }),
      )
      .transform((list) => [...new Set(list)])
      .refine((list) => list.length > 0, "Pick at least one channel."),
    startsOn: day("start"),
    endsOn: day("end"),
    coordinatorId: z.preprocess((v) => (v === "" ? undefined : v), id("Choose a coordinator from the list.").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The campaign must end on or after its start date." });
  })
  .transform(({ agencyIds, leadAgencyId, ...rest }) => ({ ...rest, leadAgencyId, agencyIds: agencyIds.filter((a) => a !== leadAgencyId) }));
export type CampaignInput = z.infer<typeof campaignFormSchema>;

export const campaignFilterSchema = z.object({
  q: text({ max: 100 }).optional().catch(undefined),
  status: z.enum(CAMPAIGN_STATUSES).optional().catch(undefined),
  brand: z.string().regex(ID_PATTERN).optional().catch(undefined),
  agency: z.string().regex(ID_PATTERN).optional().catch(undefined),
  creator: z.string().regex(ID_PATTERN).optional().catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
});
export type CampaignFilter = z.infer<typeof campaignFilterSchema>;

export function parseCampaignFilter(params: URLSearchParams): CampaignFilter {
  const raw = Object.fromEntries(["q", "status", "brand", "agency", "creator", "channel"].map((k) => [k, params.get(k) || undefined]));
  return campaignFilterSchema.parse(raw);
}

export const transitionSchema = z.object({
  event: z.enum(CAMPAIGN_EVENTS, { errorMap: () => ({ message: "Unknown status change." }) }),
  rowVersion: z.coerce.number({ invalid_type_error: "Reload the page and try again." }).int().min(0),
});

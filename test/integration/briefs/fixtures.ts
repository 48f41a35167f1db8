import { DateTime } from "luxon";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import type { World } from "../../support/world";

type Fn = ((args: LoaderFunctionArgs) => unknown) | ((args: ActionFunctionArgs) => unknown);
type Who = keyof World["users"];
type Form = Record<string, string | string[] | Blob>;

export const routes = {
  template: () => import("~/routes/w.$workspace.brief-template"),
  list: () => import("~/routes/w.$workspace.campaigns._index"),
  create: () => import("~/routes/w.$workspace.campaigns.new"),
  page: () => import("~/routes/w.$workspace.campaigns.$campaignId._index"),
  edit: () => import("~/routes/w.$workspace.campaigns.$campaignId.edit"),
  read: () => import("~/routes/w.$workspace.campaigns.$campaignId.brief._index"),
  editor: () => import("~/routes/w.$workspace.campaigns.$campaignId.brief.edit"),
  changes: () => import("~/routes/w.$workspace.campaigns.$campaignId.brief.changes"),
  home: () => import("~/routes/w.$workspace._index"),
};

/** Calls a route's loader or action as `who`, the way Remix would; returns the Response. */
export function client(world: World) {
  const cookies = new Map<Who, string>();
  const cookieOf = async (who: Who) => {
    if (!cookies.has(who)) cookies.set(who, await sessionCookie(world.users[who].id));
    return cookies.get(who)!;
  };
  const params = (campaignId?: string) => ({ workspace: world.a.slug, ...(campaignId ? { campaignId } : {}) });
  return {
    async get(fn: Fn, who: Who, path: string, campaignId?: string) {
      return call(fn, makeRequest(`/w/${world.a.slug}${path}`, { cookie: await cookieOf(who) }), params(campaignId));
    },
    async post(fn: Fn, who: Who, path: string, form: Form, campaignId?: string) {
      return call(fn, makeRequest(`/w/${world.a.slug}${path}`, { form, cookie: await cookieOf(who) }), params(campaignId));
    },
    json: jsonOf,
  };
}

const day = (d: DateTime) => d.toISODate() ?? "";

/** Every required core field of a brief as the editor posts it, dated from today. */
export function completeBriefForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const start = DateTime.now().plus({ days: 20 });
  return {
    brandStory: "Lumen makes skincare for real mornings.",
    audience: "Busy people aged 25 to 40 who skip long routines.",
    keyMessage: "Glow in one step.",
    "timeline.kickoff": day(start.minus({ days: 10 })),
    "timeline.draftDue": day(start.minus({ days: 4 })),
    "timeline.publishStart": day(start),
    "timeline.publishEnd": day(start.plus({ days: 14 })),
    "guardrails.sacred": "Real skin, daylight.",
    "guardrails.flexible": "Music and setting.",
    "successMetrics.0.kpi": "Engagement rate",
    "successMetrics.0.target": "4%",
    "deliverables.0.channel": "instagram",
    "deliverables.0.format": "Reel",
    "deliverables.0.count": "2",
    disclosure: "#ad",
    "tracking.utm.0.param": "utm_source",
    "tracking.namingRule": "lumen_glow_yyyymm",
    usageRights: "Organic reposts for 12 months.",
    "approvers.0": "Lena Lumen",
    ...overrides,
  };
}

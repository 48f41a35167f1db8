import { z } from "zod";
import { env } from "~/utils/env.server";
import type { CheckResult, PlatformDriver } from "../driver";
import { GOOGLE_ADS_API_VERSION, googleApiUrl } from "../endpoints.server";
import { googleErrors } from "../http.server";
import { MAX_PAGES, callOptions, getParsed, presenceResult, unknownResult } from "./common.server";

/**
 * Google Ads (GoogleAdsService.search, scope adwords): the `customer_client_link` from the agency's
 * manager account (the workspace's Google Ads manager ID, sent as `login-customer-id` too) to the
 * client's customer ID, with the developer token. ACTIVE is found; PENDING (not accepted yet),
 * REFUSED, CANCELED and INACTIVE are not. A link gives the manager's access, not a user role:
 * presence only.
 */

const searchPage = z.object({
  results: z
    .array(
      z.object({
        customerClientLink: z.object({
          clientCustomer: z.string(),
          status: z.string(),
          managerLinkId: z.union([z.string(), z.number()]).optional(),
        }),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});

const NOT_ACTIVE: Record<string, string> = {
  PENDING: "the link request is waiting for the client to accept it",
  REFUSED: "the client refused the link request",
  CANCELED: "the link request was cancelled",
  INACTIVE: "the link was ended",
};

export const googleAdsDriver: PlatformDriver = {
  provider: "google",
  platform: "google_ads",
  confirms: "presence",
  endpoints: ["POST googleads customers/{manager}/googleAds:search (customer_client_link)"],
  async check(request, credentials, fetcher, options): Promise<CheckResult> {
    const manager = typeof credentials.settings.managerCustomerId === "string" ? credentials.settings.managerCustomerId : null;
    const developerToken = env().GOOGLE_ADS_DEVELOPER_TOKEN;
    if (!manager || !developerToken) {
      return {
        outcome: "unavailable",
        confirms: "presence",
        reason: !manager
          ? "The workspace has no Google Ads manager (MCC) ID in its access identities, so the link cannot be read."
          : "GOOGLE_ADS_DEVELOPER_TOKEN is not set, so the Google Ads API cannot be asked.",
        evidence: {},
      };
    }
    const client = request.assetId.replace(/\D/g, "");
    const query =
      "SELECT customer_client_link.client_customer, customer_client_link.status, customer_client_link.manager_link_id " +
      `FROM customer_client_link WHERE customer_client_link.client_customer = 'customers/${client}'`;
    const headers = { authorization: `Bearer ${credentials.accessToken}`, "developer-token": developerToken, "login-customer-id": manager };
    const links: { status: string; managerLinkId?: string | number }[] = [];
    let pageToken: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) return unknownResult("the Google Ads links (too many pages)", "presence");
      const answer = await getParsed(
        {
          url: googleApiUrl("googleads", `/${GOOGLE_ADS_API_VERSION}/customers/${manager}/googleAds:search`),
          method: "POST",
          headers,
          json: pageToken ? { query, pageToken } : { query },
        },
        searchPage,
        googleErrors,
        callOptions(fetcher, options),
        "the manager account's client links",
        "presence",
      );
      if (!answer.ok) return answer.result;
      for (const r of answer.value.results ?? []) {
        if (r.customerClientLink.clientCustomer === `customers/${client}`) links.push(r.customerClientLink);
      }
      pageToken = answer.value.nextPageToken || undefined;
      if (!pageToken) break;
    }
    const evidence = { managerCustomerId: manager, clientCustomer: `customers/${client}`, statuses: links.map((l) => l.status) };
    const active = links.find((l) => l.status === "ACTIVE");
    if (active) {
      return presenceResult(
        `Google Ads account ${client}`,
        { ...evidence, managerLinkId: String(active.managerLinkId ?? "") },
        "it is linked to the agency's manager account",
      );
    }
    const why = links.map((l) => NOT_ACTIVE[l.status]).find(Boolean);
    return {
      outcome: "not_found",
      confirms: "presence",
      reason: `Google Ads account ${client} is not linked to the agency's manager account${why ? `: ${why}` : ""}.`,
      evidence,
    };
  },
};

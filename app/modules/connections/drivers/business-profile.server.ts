import { z } from "zod";
import type { CheckResult, PlatformDriver } from "../driver";
import { googleApiUrl } from "../endpoints.server";
import { googleErrors, type CallOptions } from "../http.server";
import { MAX_PAGES, callOptions, getParsed, presenceResult, unknownResult, type Parsed } from "./common.server";

/**
 * Google Business Profile (scope business.manage, which has no read-only sibling): the accounts
 * the agency's Google account can act in (Account Management API), then each account's locations
 * (Business Information API, `readMask=name,title`), looking for `locations/<id>`. The account's
 * role is the agency's role on its own account, not on the client's profile: presence only.
 */

const accountsPage = z.object({
  accounts: z.array(z.object({ name: z.string(), accountName: z.string().optional(), type: z.string().optional() })).optional(),
  nextPageToken: z.string().optional(),
});

const locationsPage = z.object({
  locations: z.array(z.object({ name: z.string(), title: z.string().optional() })).optional(),
  nextPageToken: z.string().optional(),
});

async function accountsOf(token: string, call: CallOptions): Promise<Parsed<string[]>> {
  const names: string[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = googleApiUrl("mybusinessaccountmanagement", "/v1/accounts");
    url.searchParams.set("pageSize", "20");
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const answer = await getParsed(
      { url, headers: { authorization: `Bearer ${token}` } },
      accountsPage,
      googleErrors,
      call,
      "the Business Profile accounts",
      "presence",
    );
    if (!answer.ok) return answer;
    names.push(...(answer.value.accounts ?? []).map((a) => a.name));
    pageToken = answer.value.nextPageToken || undefined;
    if (!pageToken) return { ok: true, value: names };
  }
  return { ok: false, result: unknownResult("the Business Profile accounts (too many pages)", "presence") };
}

export const businessProfileDriver: PlatformDriver = {
  provider: "google",
  platform: "business_profile",
  confirms: "presence",
  endpoints: ["GET mybusinessaccountmanagement v1/accounts", "GET mybusinessbusinessinformation v1/{account}/locations"],
  async check(request, credentials, fetcher, options): Promise<CheckResult> {
    const call = callOptions(fetcher, options);
    const accounts = await accountsOf(credentials.accessToken, call);
    if (!accounts.ok) return accounts.result;
    const wanted = `locations/${request.assetId}`;
    for (const account of accounts.value) {
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = googleApiUrl("mybusinessbusinessinformation", `/v1/${account}/locations`);
        url.searchParams.set("readMask", "name,title");
        url.searchParams.set("pageSize", "100");
        if (pageToken) url.searchParams.set("pageToken", pageToken);
        const answer = await getParsed(
          { url, headers: { authorization: `Bearer ${credentials.accessToken}` } },
          locationsPage,
          googleErrors,
          call,
          "the Business Profile locations",
          "presence",
        );
        if (!answer.ok) return answer.result;
        const location = (answer.value.locations ?? []).find((l) => l.name === wanted);
        if (location) {
          return presenceResult(
            `Business Profile ${location.title ? `"${location.title}" ` : ""}(${request.assetId})`,
            { location: wanted, account },
            "Google reports the agency's role on its own account, not on this profile, so the role is not confirmed",
          );
        }
        pageToken = answer.value.nextPageToken || undefined;
        if (!pageToken) break;
      }
    }
    return {
      outcome: "not_found",
      confirms: "presence",
      reason: `Business Profile ${request.assetId} is not among the locations the agency's Google account manages.`,
      evidence: { location: wanted, accountsRead: accounts.value.length },
    };
  },
};

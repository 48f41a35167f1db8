import { z } from "zod";
import type { CheckResult, PlatformDriver } from "../driver";
import { googleApiUrl } from "../endpoints.server";
import { googleErrors } from "../http.server";
import { MAX_PAGES, callOptions, getParsed, presenceResult, unknownResult } from "./common.server";

/**
 * Google Tag Manager (API v2, scope tagmanager.readonly): the agency's accounts, then each
 * account's containers, looking for the container's public ID (GTM-XXXX). Reading who holds which
 * container permission needs tagmanager.manage.users, which is not read-only: presence only.
 */

const accountsPage = z.object({
  account: z.array(z.object({ accountId: z.string(), name: z.string().optional() })).optional(),
  nextPageToken: z.string().optional(),
});

const containersPage = z.object({
  container: z
    .array(
      z.object({ accountId: z.string().optional(), containerId: z.string(), publicId: z.string().optional(), name: z.string().optional() }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});

export const tagManagerDriver: PlatformDriver = {
  provider: "google",
  platform: "google_tag_manager",
  confirms: "presence",
  endpoints: ["GET tagmanager/v2/accounts", "GET tagmanager/v2/accounts/{accountId}/containers"],
  async check(request, credentials, fetcher, options): Promise<CheckResult> {
    const call = callOptions(fetcher, options);
    const headers = { authorization: `Bearer ${credentials.accessToken}` };
    const wanted = request.assetId.toUpperCase();
    const accounts: string[] = [];
    let pageToken: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) return unknownResult("the Tag Manager accounts (too many pages)", "presence");
      const url = googleApiUrl("tagmanager", "/tagmanager/v2/accounts");
      if (pageToken) url.searchParams.set("pageToken", pageToken);
      const answer = await getParsed({ url, headers }, accountsPage, googleErrors, call, "the Tag Manager accounts", "presence");
      if (!answer.ok) return answer.result;
      accounts.push(...(answer.value.account ?? []).map((a) => a.accountId));
      pageToken = answer.value.nextPageToken || undefined;
      if (!pageToken) break;
    }
    for (const accountId of accounts.slice(0, MAX_PAGES * 4)) {
      pageToken = undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = googleApiUrl("tagmanager", `/tagmanager/v2/accounts/${encodeURIComponent(accountId)}/containers`);
        if (pageToken) url.searchParams.set("pageToken", pageToken);
        const answer = await getParsed({ url, headers }, containersPage, googleErrors, call, "the Tag Manager containers", "presence");
        if (!answer.ok) return answer.result;
        const container = (answer.value.container ?? []).find((c) => c.publicId?.toUpperCase() === wanted);
        if (container) {
          return presenceResult(
            `Tag Manager container ${wanted}`,
            { publicId: wanted, accountId, containerId: container.containerId },
            "Tag Manager shows container permissions only with a scope that can change users, which Baton does not ask for",
          );
        }
        pageToken = answer.value.nextPageToken || undefined;
        if (!pageToken) break;
      }
    }
    return {
      outcome: "not_found",
      confirms: "presence",
      reason: `Container ${wanted} is not in any Tag Manager account the agency's Google account can see.`,
      evidence: { publicId: wanted, accountsRead: accounts.length },
    };
  },
};

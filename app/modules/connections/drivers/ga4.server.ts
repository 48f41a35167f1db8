import { z } from "zod";
import type { CheckRequest, CheckResult, PlatformDriver } from "../driver";
import { googleApiUrl } from "../endpoints.server";
import { googleErrors, type CallOptions } from "../http.server";
import { strongestRole } from "../roles";
import { MAX_PAGES, callOptions, getParsed, presenceResult, roleResult, unknownResult } from "./common.server";

/**
 * GA4 (Analytics Admin API): the property is among the agency's `accountSummaries` (v1beta,
 * scope analytics.readonly). Its role comes from the property's, else its account's, access
 * bindings (v1alpha, scope analytics.manage.users.readonly), which Google lists only to an
 * Administrator: otherwise the check confirms presence only.
 */

const accountSummaries = z.object({
  accountSummaries: z
    .array(
      z.object({
        account: z.string(),
        displayName: z.string().optional(),
        propertySummaries: z.array(z.object({ property: z.string(), displayName: z.string().optional() })).optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().optional(),
});

const accessBindings = z.object({
  accessBindings: z.array(z.object({ user: z.string().optional(), roles: z.array(z.string()).default([]) })).optional(),
  nextPageToken: z.string().optional(),
});

const authorization = (token: string) => ({ authorization: `Bearer ${token}` });

/** The roles bound to `email` on `parent` (properties/1 or accounts/1); null when Google will not list them. */
async function rolesOf(parent: string, email: string, token: string, call: CallOptions): Promise<string[] | null> {
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = googleApiUrl("analyticsadmin", `/v1alpha/${parent}/accessBindings`);
    url.searchParams.set("pageSize", "200");
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const answer = await getParsed({ url, headers: authorization(token) }, accessBindings, googleErrors, call, "access bindings", "role");
    if (!answer.ok) return null;
    const mine = (answer.value.accessBindings ?? []).find((b) => b.user?.toLowerCase() === email.toLowerCase());
    if (mine) return mine.roles;
    pageToken = answer.value.nextPageToken || undefined;
    if (!pageToken) return [];
  }
  return [];
}

export const ga4Driver: PlatformDriver = {
  provider: "google",
  platform: "ga4",
  confirms: "role",
  endpoints: ["GET analyticsadmin v1beta/accountSummaries", "GET analyticsadmin v1alpha/{property|account}/accessBindings"],
  async check(request: CheckRequest, credentials, fetcher, options): Promise<CheckResult> {
    const call = callOptions(fetcher, options);
    const wanted = `properties/${request.assetId}`;
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = googleApiUrl("analyticsadmin", "/v1beta/accountSummaries");
      url.searchParams.set("pageSize", "200");
      if (pageToken) url.searchParams.set("pageToken", pageToken);
      const answer = await getParsed(
        { url, headers: authorization(credentials.accessToken) },
        accountSummaries,
        googleErrors,
        call,
        "the account summaries",
        "role",
      );
      if (!answer.ok) return answer.result;
      for (const account of answer.value.accountSummaries ?? []) {
        const property = account.propertySummaries?.find((p) => p.property === wanted);
        if (!property) continue;
        const what = `GA4 property ${request.assetId}`;
        const evidence = { property: wanted, account: account.account };
        const email = typeof credentials.settings.accountEmail === "string" ? credentials.settings.accountEmail : null;
        if (!email) return presenceResult(what, evidence, "the connected Google account's email is unknown, so its role is not read");
        const roles = (await rolesOf(wanted, email, credentials.accessToken, call)) ?? null;
        const inherited = roles && roles.length === 0 ? await rolesOf(account.account, email, credentials.accessToken, call) : roles;
        if (inherited === null) {
          return presenceResult(what, evidence, "Google lists who has which role only to an Administrator, so the role is not confirmed");
        }
        const best = strongestRole("ga4", inherited);
        if (!best) return presenceResult(what, evidence, "the access comes through a group or is not listed, so the role is not confirmed");
        return roleResult("ga4", request.role, best, { what, evidence: { ...evidence, roles: inherited } });
      }
      pageToken = answer.value.nextPageToken || undefined;
      if (!pageToken) {
        return {
          outcome: "not_found",
          confirms: "role",
          reason: `GA4 property ${request.assetId} is not among the properties the agency's Google account can see.`,
          evidence: { property: wanted, pagesRead: page + 1 },
        };
      }
    }
    return unknownResult("the account summaries (too many pages)", "role");
  },
};

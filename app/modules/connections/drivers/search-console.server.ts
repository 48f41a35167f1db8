import { z } from "zod";
import type { CheckResult, PlatformDriver } from "../driver";
import { googleApiUrl } from "../endpoints.server";
import { googleErrors } from "../http.server";
import { callOptions, getParsed, roleResult } from "./common.server";

/**
 * Search Console (Webmasters API v3 `sites.list`, scope webmasters.readonly): every property the
 * agency's account can see, each with its permission level, which decides the role. Not paged.
 */

const sites = z.object({
  siteEntry: z.array(z.object({ siteUrl: z.string(), permissionLevel: z.string() })).optional(),
});

/** A property as Google names it: `sc-domain:example.com`, or a URL prefix with its trailing slash. */
export function sameProperty(a: string, b: string): boolean {
  const norm = (v: string) => {
    const t = v.trim().toLowerCase();
    return t.startsWith("sc-domain:") || t.endsWith("/") ? t : `${t}/`;
  };
  return norm(a) === norm(b);
}

export const searchConsoleDriver: PlatformDriver = {
  provider: "google",
  platform: "search_console",
  confirms: "role",
  endpoints: ["GET searchconsole webmasters/v3/sites"],
  async check(request, credentials, fetcher, options): Promise<CheckResult> {
    const answer = await getParsed(
      { url: googleApiUrl("searchconsole", "/webmasters/v3/sites"), headers: { authorization: `Bearer ${credentials.accessToken}` } },
      sites,
      googleErrors,
      callOptions(fetcher, options),
      "the Search Console properties",
      "role",
    );
    if (!answer.ok) return answer.result;
    const site = (answer.value.siteEntry ?? []).find((s) => sameProperty(s.siteUrl, request.assetId));
    const evidence = { siteUrl: site?.siteUrl ?? request.assetId, permissionLevel: site?.permissionLevel ?? null };
    if (!site || site.permissionLevel === "siteUnverifiedUser") {
      return {
        outcome: "not_found",
        confirms: "role",
        reason: site
          ? `Search Console lists ${site.siteUrl}, but the agency is not a user of it (unverified).`
          : `${request.assetId} is not among the Search Console properties the agency's Google account can see.`,
        evidence,
      };
    }
    return roleResult("search_console", request.role, site.permissionLevel, { what: `Search Console property ${site.siteUrl}`, evidence });
  },
};

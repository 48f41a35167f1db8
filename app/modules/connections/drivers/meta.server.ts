import { z } from "zod";
import type { PlatformKey } from "~/modules/onboarding/catalog/types";
import type { CheckResult, PlatformDriver } from "../driver";
import { metaGraphUrl } from "../endpoints.server";
import { metaErrors, type CallOptions } from "../http.server";
import { MAX_PAGES, callOptions, getParsed, roleResult, unknownResult, presenceResult } from "./common.server";

/**
 * Meta (Graph API, the business portfolio's system-user token): the client assets the agency's
 * business can access — `client_ad_accounts`, `client_pages`, `client_pixels` (then
 * `owned_pixels`) — each with the `permitted_tasks` the agency's business holds on it, which decide
 * the role. Pages follow `paging.cursors.after` on Baton's own base URL (never the `paging.next`
 * address, which can carry a token).
 */

const edgePage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      account_id: z.string().optional(),
      name: z.string().optional(),
      permitted_tasks: z.array(z.string()).optional(),
    }),
  ),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});
type Node = z.infer<typeof edgePage>["data"][number];

/** Finds the node on a business's edge, reading every page; null when the answer ends without it. */
async function findOnEdge(
  businessId: string,
  edge: string,
  token: string,
  matches: (node: Node) => boolean,
  call: CallOptions,
  confirms: "role",
): Promise<{ ok: true; node: Node | null } | { ok: false; result: CheckResult }> {
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = metaGraphUrl(`/${encodeURIComponent(businessId)}/${edge}`);
    url.searchParams.set("fields", "id,account_id,name,permitted_tasks");
    url.searchParams.set("limit", "100");
    if (after) url.searchParams.set("after", after);
    const answer = await getParsed(
      { url, headers: { authorization: `Bearer ${token}` } },
      edgePage,
      metaErrors,
      call,
      `the business's ${edge}`,
      confirms,
    );
    if (!answer.ok) return answer;
    const node = answer.value.data.find(matches);
    if (node) return { ok: true, node };
    after = answer.value.paging?.next ? answer.value.paging.cursors?.after : undefined;
    if (!after) return { ok: true, node: null };
  }
  return { ok: false, result: unknownResult(`the business's ${edge} (too many pages)`, confirms) };
}

interface MetaAsset {
  platform: PlatformKey;
  noun: string;
  edges: readonly string[];
  matches: (assetId: string) => (node: Node) => boolean;
}

function metaDriver(asset: MetaAsset): PlatformDriver {
  return {
    provider: "meta",
    platform: asset.platform,
    confirms: "role",
    endpoints: asset.edges.map((e) => `GET graph {business-id}/${e}?fields=id,name,permitted_tasks`),
    async check(request, credentials, fetcher, options): Promise<CheckResult> {
      const businessId = typeof credentials.settings.businessId === "string" ? credentials.settings.businessId : null;
      if (!businessId) return unknownResult("the connection (no business portfolio ID)", "role");
      const call = callOptions(fetcher, options);
      for (const edge of asset.edges) {
        const found = await findOnEdge(businessId, edge, credentials.accessToken, asset.matches(request.assetId), call, "role");
        if (!found.ok) return found.result;
        if (!found.node) continue;
        const what = `${asset.noun} ${request.assetId}`;
        const evidence = { edge, id: found.node.id, permittedTasks: found.node.permitted_tasks ?? null };
        if (!found.node.permitted_tasks) return presenceResult(what, evidence, "Meta did not say which tasks the agency holds on it");
        return roleResult(asset.platform, request.role, found.node.permitted_tasks, { what, evidence });
      }
      return {
        outcome: "not_found",
        confirms: "role",
        reason: `${asset.noun} ${request.assetId} is not among the assets the client shared with the agency's business portfolio.`,
        evidence: { edges: asset.edges, businessId },
      };
    },
  };
}

const byId = (assetId: string) => (node: Node) => node.id === assetId;

export const metaAdAccountDriver = metaDriver({
  platform: "meta_ad_account",
  noun: "Ad account",
  edges: ["client_ad_accounts"],
  // The link page stores the digits, but grants recorded as shown in Ads Manager ("act_123…", the
  // demo's among them) name the same account: compare the digits either way.
  matches: (assetId) => {
    const digits = assetId.replace(/^act_/i, "");
    return (node) => node.account_id === digits || node.id === `act_${digits}`;
  },
});

export const metaPageDriver = metaDriver({ platform: "meta_page", noun: "Facebook Page", edges: ["client_pages"], matches: byId });

export const metaPixelDriver = metaDriver({
  platform: "meta_pixel",
  noun: "Pixel (dataset)",
  edges: ["client_pixels", "owned_pixels"],
  matches: byId,
});

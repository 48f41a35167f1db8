import type { Database } from "../../../db/client";
import { digestLinkExpiry } from "~/modules/approvals/decision-links/link-rules";
import { issueLink } from "~/modules/approvals/decision-links/tokens.server";
import type { World } from "../../support/world";
import { EVERYONE, type RouteCase } from "../route-types";

const page = () => import("~/routes/d.digest.$token");
/** Forms are posted as written (only params are looked up): a pick that parses, so a 404 comes from the token alone. */
const WELL_FORMED_PICK = `${"0".repeat(32)}.1`;

/**
 * The sign-off digest route (issue 17 part 3), covered by the tenant-isolation test. As with
 * decision links, the token is the key and a session never widens it: a digest reaches only its own
 * person's sign-offs at its own brand, so each case below is 404 for every session.
 */
const nobody = (name: string, c: Omit<RouteCase, "name" | "allowed" | "denied">): RouteCase => ({
  name,
  ...c,
  allowed: [],
  denied: [...EVERYONE],
});

export const ROUTES: RouteCase[] = [
  nobody("sign-off digest (unknown token)", {
    path: "/d/digest/:token",
    method: "GET",
    params: { token: "unknownDigestToken" },
    load: page,
  }),
  nobody("sign-off digest, sign off (unknown token)", {
    path: "/d/digest/:token",
    method: "POST",
    params: { token: "unknownDigestToken" },
    load: page,
    form: { intent: "sign-off", pick: WELL_FORMED_PICK },
  }),
  nobody("sign-off digest of brand X's lead for brand Y", {
    path: "/d/digest/:token",
    method: "GET",
    params: { token: "digestLeadXOnBrandY" },
    load: page,
  }),
  nobody("sign-off digest of brand X's lead for brand Y (sign off)", {
    path: "/d/digest/:token",
    method: "POST",
    params: { token: "digestLeadXOnBrandY" },
    load: page,
    form: { intent: "sign-off", pick: WELL_FORMED_PICK },
  }),
  nobody("sign-off digest of an agency member", {
    path: "/d/digest/:token",
    method: "GET",
    params: { token: "digestOfAgencyMember" },
    load: page,
  }),
];

/** Links the routes above refer to (by key in their `params`), in workspace A. */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const link = (userId: string, brandId: string) =>
    issueLink(db, { purpose: "digest", workspaceId: world.a.id, userId, brandId, expiresAt: digestLinkExpiry(new Date()) });
  return {
    digestLeadXOnBrandY: await link(world.users.brandLead.id, world.brandY.id),
    digestOfAgencyMember: await link(world.users.agencyMember.id, world.brandX.id),
    unknownDigestToken: "D".repeat(43),
  };
}

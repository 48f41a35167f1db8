import { accessSteps, onboardingLinks } from "@db/schema";
import type { Database } from "../../../db/client";
import type { World } from "../../support/world";
import { ADMINS, type RouteCase, type Who } from "../route-types";

/** Roles that manage onboarding (an agency member only its own agency's links). */
const MANAGERS: Who[] = ["owner", "admin", "coordinator", "agencyMember"];
const NOT_MANAGERS: Who[] = ["brandLead", "creator", "clientContact"];
const WORKSPACE_WIDE: Who[] = ["owner", "admin", "coordinator"];

const list = () => import("~/routes/w.$workspace.onboarding._index");
const create = () => import("~/routes/w.$workspace.onboarding.new");
const detail = () => import("~/routes/w.$workspace.onboarding.$linkId");
const identities = () => import("~/routes/w.$workspace.access-identities");
const ledger = () => import("~/routes/w.$workspace.brands.$brandId.access");

/** The onboarding capability's workspace routes, covered by the tenant-isolation test. */
export const ROUTES: RouteCase[] = [
  { name: "onboarding links", path: "/w/:workspace/onboarding", method: "GET", load: list, allowed: MANAGERS, denied: NOT_MANAGERS },
  {
    name: "new onboarding link",
    path: "/w/:workspace/onboarding/new",
    method: "GET",
    load: create,
    allowed: MANAGERS,
    denied: NOT_MANAGERS,
  },
  {
    name: "new onboarding link (action)",
    path: "/w/:workspace/onboarding/new",
    method: "POST",
    load: create,
    form: { idempotencyKey: "isolation-key-1", brandId: "new", newClientName: "X", contacts: "on" },
    allowed: MANAGERS,
    denied: NOT_MANAGERS,
  },
  // A link created by the workspace (no agency): an agency member does not see it either.
  {
    name: "onboarding link",
    path: "/w/:workspace/onboarding/:linkId",
    method: "GET",
    params: { linkId: "onboardingLinkA" },
    load: detail,
    allowed: WORKSPACE_WIDE,
    denied: ["agencyMember", ...NOT_MANAGERS],
  },
  {
    name: "onboarding link (verify)",
    path: "/w/:workspace/onboarding/:linkId",
    method: "POST",
    params: { linkId: "onboardingLinkA" },
    form: { intent: "verify", stepId: "x0000000000" },
    load: detail,
    allowed: WORKSPACE_WIDE,
    denied: ["agencyMember", ...NOT_MANAGERS],
  },
  {
    name: "onboarding link (revoke)",
    path: "/w/:workspace/onboarding/:linkId",
    method: "POST",
    params: { linkId: "onboardingLinkA" },
    form: { intent: "revoke-link" },
    load: detail,
    allowed: WORKSPACE_WIDE,
    denied: ["agencyMember", ...NOT_MANAGERS],
  },
  {
    name: "onboarding link (re-issue)",
    path: "/w/:workspace/onboarding/:linkId",
    method: "POST",
    params: { linkId: "onboardingLinkA" },
    form: { intent: "reissue", expiresInDays: "30" },
    load: detail,
    allowed: WORKSPACE_WIDE,
    denied: ["agencyMember", ...NOT_MANAGERS],
  },
  {
    name: "access identities",
    path: "/w/:workspace/access-identities",
    method: "GET",
    load: identities,
    allowed: ADMINS,
    denied: ["coordinator", "agencyMember", ...NOT_MANAGERS],
  },
  {
    name: "access identities (action)",
    path: "/w/:workspace/access-identities",
    method: "POST",
    form: { metaBusinessPortfolioId: "1234567890123456" },
    load: identities,
    allowed: ADMINS,
    denied: ["coordinator", "agencyMember", ...NOT_MANAGERS],
  },
  {
    name: "brand access ledger",
    path: "/w/:workspace/brands/:brandId/access",
    method: "GET",
    params: { brandId: "brandX" },
    load: ledger,
    allowed: MANAGERS,
    denied: NOT_MANAGERS,
  },
  {
    name: "brand access ledger (offboarding)",
    path: "/w/:workspace/brands/:brandId/access",
    method: "POST",
    params: { brandId: "brandX" },
    form: { intent: "start-offboarding" },
    load: ledger,
    allowed: MANAGERS,
    denied: NOT_MANAGERS,
  },
  {
    name: "brand access ledger (check now)",
    path: "/w/:workspace/brands/:brandId/access",
    method: "POST",
    params: { brandId: "brandX" },
    form: { intent: "check-now" },
    load: ledger,
    allowed: MANAGERS,
    denied: NOT_MANAGERS,
  },
  {
    name: "brand access ledger of workspace B's brand (check now)",
    path: "/w/:workspace/brands/:brandId/access",
    method: "POST",
    params: { brandId: "brandB" },
    form: { intent: "check-now" },
    load: ledger,
    allowed: [],
    denied: ["owner", "admin", "coordinator", "agencyMember"],
  },
  {
    name: "brand access ledger of workspace B's brand",
    path: "/w/:workspace/brands/:brandId/access",
    method: "GET",
    params: { brandId: "brandB" },
    load: ledger,
    allowed: [],
    denied: ["owner", "admin", "coordinator", "agencyMember"],
  },
  {
    name: "onboarding link of workspace B",
    path: "/w/:workspace/onboarding/:linkId",
    method: "GET",
    params: { linkId: "onboardingLinkB" },
    load: detail,
    allowed: [],
    denied: ["owner", "admin", "coordinator"],
  },
];

/** Objects the routes above refer to (by key in their `params`), created in workspace A (and one in B). */
export async function seedIds(db: Database, world: World): Promise<Record<string, string>> {
  const expiresAt = new Date(Date.now() + 30 * 86_400_000);
  const [a] = await db
    .insert(onboardingLinks)
    .values({
      workspaceId: world.a.id,
      brandId: world.brandX.id,
      clientName: "Brand X",
      tokenHash: `isolation-a-${Math.random()}`,
      intake: { contacts: true },
      createdBy: world.users.owner.id,
      expiresAt,
    })
    .returning();
  await db
    .insert(accessSteps)
    .values({ workspaceId: world.a.id, linkId: a.id, platformKey: "ga4", role: "Analyst", status: "confirmed", assetId: "123456789" });
  const [b] = await db
    .insert(onboardingLinks)
    .values({
      workspaceId: world.b.id,
      brandId: world.brandB.id,
      clientName: "Beta Brand",
      tokenHash: `isolation-b-${Math.random()}`,
      createdBy: world.users.outsider.id,
      expiresAt,
    })
    .returning();
  return { onboardingLinkA: a.id, onboardingLinkB: b.id };
}

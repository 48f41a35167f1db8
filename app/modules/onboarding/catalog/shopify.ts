import { accept, refuser, tidy } from "./asset-id-rules";
import type { PlatformEntry } from "./types";

const STORE_DOMAIN = /([a-z0-9][a-z0-9-]*)\.myshopify\.com/;
// The new admin lives at admin.shopify.com/store/<handle>; the handle is the myshopify.com name.
const ADMIN_URL = /admin\.shopify\.com\/store\/([a-z0-9][a-z0-9-]*)/;
const WHERE_DOMAIN = "Settings > Domains in your Shopify admin lists it (for example lumen-skincare.myshopify.com).";
const WHERE_CODE = "Find the 4-digit collaborator request code under Settings > Users > Security in your Shopify admin.";

const errors = {
  empty: `Enter your store's myshopify.com address and the 4-digit collaborator request code. ${WHERE_CODE}`,
  public_domain: `That is your shop's public domain; we need its myshopify.com address. ${WHERE_DOMAIN}`,
  no_address: `Add your store's myshopify.com address before the code. ${WHERE_DOMAIN}`,
  no_code: `Add the collaborator request code after the address. ${WHERE_CODE}`,
  wrong_code: `Add the collaborator request code after the address. The code has exactly 4 digits. ${WHERE_CODE}`,
};
const refuse = refuser(errors);

/**
 * One field holds both things the agency needs to send a collaborator request, stored as
 * "<store>.myshopify.com <code>". The code is not a secret: it only lets us ask; you still approve.
 */
export function parseShopifyAsset(value: string): { storeDomain: string; collaboratorCode: string } | null {
  const match = /^([a-z0-9][a-z0-9-]*\.myshopify\.com) (\d{4})$/.exec(value);
  return match ? { storeDomain: match[1], collaboratorCode: match[2] } : null;
}

function validateShopifyAsset(raw: string) {
  const value = tidy(raw).toLowerCase();
  if (!value) return refuse("empty");
  const handle = ADMIN_URL.exec(value)?.[1] ?? STORE_DOMAIN.exec(value)?.[1];
  const rest = value.replace(ADMIN_URL, " ").replace(STORE_DOMAIN, " ");
  const digitRuns = rest.match(/\d+/g) ?? [];
  if (!handle) {
    if (/[a-z0-9-]+\.[a-z]{2,}/.test(rest)) {
      return refuse("public_domain");
    }
    return refuse("no_address");
  }
  const code = digitRuns.find((run) => run.length === 4);
  if (!code) {
    return refuse(digitRuns.length > 0 ? "wrong_code" : "no_code");
  }
  return accept(`${handle}.myshopify.com ${code}`);
}

export const shopify: PlatformEntry = {
  key: "shopify",
  name: "Shopify store",
  family: "shopify",
  grantMethod: "collaborator_code",
  agencyIdentity: "shopify_partner",
  steps: [
    "Sign in to your Shopify admin as the store owner (or a staff member allowed to manage users).",
    "Go to Settings > Users > Security and copy the 4-digit collaborator request code.",
    "Enter your myshopify.com address and the code below: we then send a collaborator request as {agencyId}.",
    "When it arrives, open Settings > Users > Collaborators, check the permissions ({role}) and approve.",
  ],
  // Not in platforms.md, which only says the client approves permissions: these are the
  // permission areas of Shopify's collaborator screen, ticked together.
  roles: ["Full permissions", "Orders", "Products", "Customers", "Analytics", "Marketing", "Discounts", "Online Store", "Apps", "Settings"],
  combinableRoles: ["Orders", "Products", "Customers", "Analytics", "Marketing", "Discounts", "Online Store", "Apps", "Settings"],
  assetId: {
    label: "Store address and collaborator code",
    help: `Your store's myshopify.com address, then the code. ${WHERE_CODE}`,
    placeholder: "your-store.myshopify.com 1234",
    example: "lumen-skincare.myshopify.com 4821",
    errors,
    validate: validateShopifyAsset,
  },
  notes: ["Staff invitations expire after 7 days: approve the request when it arrives."],
  lastChecked: "2026-11-01",
};

import { eq } from "drizzle-orm";
import { accessSteps, onboardingLinks, workspaces, type stepForwards } from "@db/schema";
import { db } from "~/utils/db.server";
import { clientActor, forwardedActor } from "~/modules/workspaces/actor";
import type { ClientContext, ForwardedContext } from "~/modules/onboarding/token-context.server";
import type { Database } from "../../../db/client";
import { listMailbox, mailboxMessage } from "~/modules/email/mailbox.server";
import { createLink } from "~/modules/onboarding/links.server";
import type { CreateLinkInput } from "~/modules/onboarding/schemas";
import type { PlatformKey } from "~/modules/onboarding/catalog";
import { memberContext } from "../services/helpers";
import type { World } from "../../support/world";

export const IDENTITIES = {
  metaBusinessPortfolioId: "1234567890123456",
  googleAdsManagerId: "1112223333",
  googleAccountEmail: "access@agency.example",
  tiktokBusinessCenterId: "7000000000000000001",
  linkedinEmail: "ads@agency.example",
  shopifyPartnerId: "123456",
  shopifyPartnerName: "Agency Partner",
};

export async function setIdentities(db: Database, workspaceId: string) {
  await db.update(workspaces).set({ accessIdentities: IDENTITIES }).where(eq(workspaces.id, workspaceId));
}

let counter = 0;

export function linkInput(
  overrides: Partial<CreateLinkInput> & { platforms?: Array<{ platformKey: PlatformKey; role: string }> } = {},
): CreateLinkInput {
  return {
    idempotencyKey: `idem-${Date.now().toString(36)}-${counter++}`,
    brandId: "new",
    newClientName: "Fresh Client",
    clientEmail: "client@fresh.example",
    recipientName: "Priya",
    serviceType: undefined,
    message: "Welcome aboard",
    locale: "en",
    expiresInDays: 30,
    accountManagerId: undefined,
    brandKit: false,
    contacts: false,
    questionnaire: false,
    agreement: false,
    agreementText: "",
    sendEmail: true,
    platforms: [
      { platformKey: "meta_ad_account", role: "Manage campaigns" },
      { platformKey: "ga4", role: "Analyst" },
      { platformKey: "google_tag_manager", role: "Publish" },
    ],
    ...overrides,
  };
}

/** Creates a link as `userId` would through the page; returns its id and the token. */
export async function makeLink(world: World, userId: string, overrides: Parameters<typeof linkInput>[0] = {}, now = new Date()) {
  const ctx = await memberContext(userId, world.a.slug);
  const outcome = await createLink(ctx, linkInput(overrides), now);
  if (!outcome.ok || outcome.value.existing) throw new Error(`link not created: ${JSON.stringify(outcome)}`);
  const result = outcome.value;
  const token = result.url.slice(result.url.lastIndexOf("/") + 1);
  return { linkId: result.linkId, token, url: result.url, ctx };
}

/**
 * The token of the newest email to `to` whose body links to `/onboard/...` (after the worker ran).
 * Newest of those that carry such a link, not the newest email: the email lane sends side by side,
 * so two emails queued together can land in either order.
 */
export async function tokenFromMail(to: string, prefix: "/onboard" | "/onboard/step" | "/invite"): Promise<string | null> {
  const re =
    prefix === "/onboard"
      ? /\/onboard\/([A-Za-z0-9_-]{20,})/
      : prefix === "/onboard/step"
        ? /\/onboard\/step\/([A-Za-z0-9_-]{20,})/
        : /\/invite\/([A-Za-z0-9_-]{20,})/;
  for (const { id } of await listMailbox({ to, limit: 50 })) {
    const mail = await mailboxMessage(id);
    if (mail?.to.toLowerCase() !== to.trim().toLowerCase()) continue;
    const token = re.exec(mail.html)?.[1];
    if (token) return token;
  }
  return null;
}

/**
 * The context the token door gives (decision 051): the client of `linkId`, or with `via` the colleague
 * holding one forwarded step, acting from the IP the tests' requests use.
 */
export async function clientCtx(linkId: string, via?: typeof stepForwards.$inferSelect): Promise<ClientContext | ForwardedContext> {
  const link = (await db().select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
  const workspace = (await db().select().from(workspaces).where(eq(workspaces.id, link.workspaceId)))[0];
  const meta = { ip: "198.51.100.23", userAgent: null };
  if (!via) return { workspace, link, actor: clientActor(link.clientName, meta) };
  const step = (await db().select().from(accessSteps).where(eq(accessSteps.id, via.stepId)))[0];
  return { workspace, link, forward: via, step, actor: forwardedActor(via.email, meta) };
}

/** A custom platform as its settings form posts it (decision 061). */
export const PLATFORM_FORM = {
  intent: "create-platform",
  name: "Pinterest Ads",
  identity: "ads@agency.example",
  adminLanguage: "en",
  steps_en: "1. Open Business settings.\n2. Add {agencyId} as a partner with {role}.",
  steps_es: "1. Abra la configuración.\n2. Añada {agencyId} con el rol {role}.",
  idLabel: "Ad account ID",
  idPattern: "\\d{12}",
  idExample: "549755813888",
  idWrongMessage: "An ad account ID is 12 digits: Business settings > Ad accounts.",
  roles: "Analyst\nAdmin",
  presets: "paid_social",
};

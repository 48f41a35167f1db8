import { and, eq, isNull } from "drizzle-orm";
import { onboardingLinks } from "@db/schema";
import { db } from "~/utils/db.server";
import { gone, ok, type Outcome } from "~/utils/outcome";
import { audit } from "~/modules/audit/audit.server";
import { asLocale, type Locale } from "~/modules/i18n/locales";
import { asClient } from "./client-progress.server";
import { LINK_GONE, type ClientContext } from "./token-context.server";

/**
 * The client's language switch (decision 060): stored on the link, so the page, every later email
 * about the link and its forwarded steps follow it. Audited with the language it replaced.
 */
export async function setLinkLanguage(ctx: ClientContext, locale: Locale, now = new Date()): Promise<Outcome<null>> {
  return db().transaction(async (tx) => {
    const link = (
      await tx
        .select()
        .from(onboardingLinks)
        .where(and(eq(onboardingLinks.id, ctx.link.id), isNull(onboardingLinks.revokedAt), isNull(onboardingLinks.replacedById)))
        .for("update")
    )[0];
    if (!link || link.expiresAt.getTime() <= now.getTime()) return gone(LINK_GONE);
    const from = asLocale(link.locale);
    if (from === locale) return ok(null);
    await tx.update(onboardingLinks).set({ locale }).where(eq(onboardingLinks.id, link.id));
    ctx.link.locale = locale;
    await audit(tx, asClient(ctx), {
      action: "onboarding.language_changed",
      objectType: "onboarding_link",
      objectId: link.id,
      data: { from, to: locale },
    });
    return ok(null);
  });
}

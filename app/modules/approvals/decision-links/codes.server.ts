import { createHmac, randomInt } from "node:crypto";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { brands, decisionCodes } from "@db/schema";
import { safeEqual } from "~/utils/crypto.server";
import { db, type Queryable } from "~/utils/db.server";
import { appSecret } from "~/utils/env.server";
import { conflict, invalid, ok, type Outcome } from "~/utils/outcome";
import { checkRateLimit, LIMITS, type Limit } from "~/modules/auth/rate-limit.server";
import { queueEmail } from "~/modules/email/send.server";
import { workspaceEmailContext } from "../people.server";
import { refuse } from "../command.server";
import {
  CODE_DIGITS,
  CODE_MAX_TRIES,
  CODE_PROBLEM_MESSAGES,
  CODE_TTL_MINUTES,
  codeExpiry,
  codeProblem,
  wrongCodeMessage,
} from "./code-rules";
import type { DecisionLinkContext } from "./context.server";

/**
 * One-time codes (decision 052): when the deliverable's brand requires them, a decision through a
 * link counts only with the code last emailed to the link's own address. Stored as an HMAC keyed
 * with APP_SECRET, so neither the database nor a dump of it gives the code away.
 */

/**
 * What the code functions read of a link's context: a decision link's, or a sign-off digest's
 * (issue 17 part 3), whose `deliverable` names its brand and "<brand> sign-offs" for the email.
 */
export type CodeHolder = Pick<DecisionLinkContext, "workspace" | "actor" | "person" | "url"> & {
  link: { id: string };
  deliverable: { brandId: string; title: string };
};

/** Codes emailed per link: a few retries, never a way to flood someone's inbox. */
const CODE_SENDS: Limit = { max: 5, windowMinutes: 15 };

const hashOf = (linkId: string, code: string) => createHmac("sha256", appSecret()).update(`${linkId}:${code}`).digest("hex");

/** Whether the deliverable's brand asks for a code before a decision through a link counts. */
export async function codeRequired(q: Queryable, brandId: string): Promise<boolean> {
  const brand = await q.query.brands.findFirst({ where: eq(brands.id, brandId), columns: { requireDecisionCode: true } });
  return brand?.requireDecisionCode ?? false;
}

/** The newest code of a link (the only one that counts), or null. */
async function newestCode(q: Queryable, linkId: string) {
  const row = await q.query.decisionCodes.findFirst({
    where: eq(decisionCodes.linkId, linkId),
    orderBy: [desc(decisionCodes.createdAt), desc(decisionCodes.id)],
  });
  return row ?? null;
}

/** For the page: a code was sent and can still be tried (so the page asks for it). Reads only. */
export async function codePending(ctx: CodeHolder, now: Date): Promise<boolean> {
  return codeProblem(await newestCode(db(), ctx.link.id), now) === null;
}

/** Emails a new code to the link's person; it replaces any earlier one. Rate limited per link and per IP. */
export async function sendDecisionCode(ctx: CodeHolder, now: Date): Promise<Outcome<{ sentTo: string }>> {
  if (!(await codeRequired(db(), ctx.deliverable.brandId))) {
    return conflict("This brand does not ask for a code: decide straight away.", { code: "code_not_required" });
  }
  const perLink = await checkRateLimit([`decision-code:link:${ctx.link.id}`], CODE_SENDS);
  if (!perLink.ok) return perLink;
  const perIp = await checkRateLimit([`decision-code:ip:${ctx.actor.ip ?? "unknown"}`], LIMITS.emailSend);
  if (!perIp.ok) return perIp;
  const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");
  await db().transaction(async (tx) => {
    await tx
      .insert(decisionCodes)
      .values({ linkId: ctx.link.id, codeHash: hashOf(ctx.link.id, code), expiresAt: codeExpiry(now), createdAt: now });
    const { branding } = await workspaceEmailContext(tx, ctx.workspace.id);
    await queueEmail(
      tx,
      {
        to: ctx.person.email,
        template: "decision-code",
        props: {
          workspace: branding,
          recipientName: ctx.person.name,
          deliverableName: ctx.deliverable.title,
          code,
          expiresInMinutes: CODE_TTL_MINUTES,
          url: ctx.url,
        },
      },
      { workspaceId: ctx.workspace.id },
    );
  });
  return ok({ sentTo: ctx.person.email });
}

/**
 * Tries `code` against the link's newest code. Every try is counted first, in its own statement
 * (a refused decision rolls back, the count must not), and only while fewer than CODE_MAX_TRIES
 * were made: the sixth try is refused whatever it says. A right code is consumed by the decision's
 * own transaction (`useCode`), so it counts only if the decision does.
 */
export async function tryDecisionCode(ctx: CodeHolder, code: string | undefined, now: Date): Promise<Outcome<{ codeId: string }>> {
  const latest = await newestCode(db(), ctx.link.id);
  const problem = codeProblem(latest, now);
  const field = (message: string, extra: { code: string }) => invalid(message, { code: [message] }, extra);
  if (problem === "locked")
    return conflict(CODE_PROBLEM_MESSAGES.locked, { code: "code_locked", fields: { code: [CODE_PROBLEM_MESSAGES.locked] } });
  if (problem) return field(CODE_PROBLEM_MESSAGES[problem], { code: `code_${problem}` });
  if (!code) return field(`Enter the ${CODE_DIGITS}-digit code we emailed to ${ctx.person.email}.`, { code: "code_missing" });
  const counted = await db()
    .update(decisionCodes)
    .set({ attempts: sql`${decisionCodes.attempts} + 1` })
    .where(and(eq(decisionCodes.id, latest!.id), lt(decisionCodes.attempts, CODE_MAX_TRIES), isNull(decisionCodes.usedAt)))
    .returning({ attempts: decisionCodes.attempts });
  if (counted.length === 0) {
    return conflict(CODE_PROBLEM_MESSAGES.locked, { code: "code_locked", fields: { code: [CODE_PROBLEM_MESSAGES.locked] } });
  }
  if (!safeEqual(hashOf(ctx.link.id, code), latest!.codeHash)) return field(wrongCodeMessage(counted[0].attempts), { code: "code_wrong" });
  return ok({ codeId: latest!.id });
}

/** Marks the code used inside the decision's transaction; a code used meanwhile refuses the decision. */
export async function useCode(tx: Queryable, codeId: string, now: Date): Promise<void> {
  const used = await tx
    .update(decisionCodes)
    .set({ usedAt: now })
    .where(and(eq(decisionCodes.id, codeId), isNull(decisionCodes.usedAt)))
    .returning({ id: decisionCodes.id });
  if (used.length === 0) refuse(conflict(CODE_PROBLEM_MESSAGES.used, { code: "code_used" }));
}

import { db } from "~/utils/db.server";
import { conflict, notFound, ok, type Outcome } from "~/utils/outcome";
import { refuse, runCommand } from "../command.server";
import { decideOn } from "../decide.server";
import { codeGate } from "../decision-links/decide-by-link.server";
import { useCode, type CodeHolder } from "../decision-links/codes.server";
import { issueLink, decisionLinkPath } from "../decision-links/tokens.server";
import { digestDecider, type DigestContext } from "./context.server";
import { signOffsWaiting } from "./pending.server";
import { rowResultOf, type RowOutcome } from "./results";

/**
 * What a sign-off digest's page changes (issue 17 part 3). "Sign off selected" is one POST; each
 * ticked row then goes through the ONE decide command (`decideOn`) in its own transaction, with
 * compare-and-set on the row as read and on the version the page showed, so a row that changed
 * meanwhile (a new version, someone else's decision, its deadline) fails alone and the others
 * still count. Each sign-off is audited, emailed and sent to webhooks as any other.
 */

/** The code functions' view of a digest: the link, its person, and "<brand> sign-offs" for the code email. */
export const digestCodeHolder = (ctx: DigestContext): CodeHolder => ({
  ...ctx,
  deliverable: { brandId: ctx.brand.id, title: `${ctx.brand.name} sign-offs` },
});

export interface DigestPick {
  deliverableId: string;
  version: number;
}

/** One row: the version shown is still current, it still waits for this person's sign-off, then the decide command. */
async function signOffRow(ctx: DigestContext, pick: DigestPick, useCodeId: string | null, now: Date) {
  const decider = digestDecider(ctx);
  const row = await decider.find(pick.deliverableId);
  if (!row) return notFound("That deliverable does not exist.");
  return runCommand(async (tx) => {
    if (row.currentVersion !== pick.version) refuse(conflict(`Version ${row.currentVersion} is now current.`, { code: "stale_version" }));
    if (row.status !== "in_review") refuse(conflict("It was decided meanwhile."));
    if (row.blocked) refuse(conflict("Its sign-off deadline has passed.", { code: "deadline_passed" }));
    // Only a sign-off: the digest never approves a review stage, even one this person is on.
    const [waiting] = await signOffsWaiting(tx, ctx, { brandId: ctx.brand.id, now, ids: [row.id] });
    if (!waiting?.holderIds.includes(ctx.person.id)) refuse(conflict("It is not waiting for your sign-off.", { code: "not_waiting" }));
    if (useCodeId) await useCode(tx, useCodeId, now);
    return decideOn(tx, decider, row, { deliverableId: row.id, version: pick.version, decision: "approve", comment: null }, now);
  });
}

/**
 * Signs off the ticked rows, most urgent first. The brand's one-time code, when it asks for one, is
 * tried once for the whole post (one try counted) and spent by the first sign-off that commits.
 * A wrong or missing code refuses the post and nothing is signed off.
 */
export async function signOffSelected(
  ctx: DigestContext,
  input: { picks: readonly DigestPick[]; code?: string },
  now: Date,
): Promise<Outcome<RowOutcome[]>> {
  const code = await codeGate(digestCodeHolder(ctx), ctx.brand.id, input.code, now);
  if (!code.ok) return code;
  const unique = [...new Map(input.picks.map((p) => [p.deliverableId, p])).values()];
  let codeId = code.value;
  const results: RowOutcome[] = [];
  for (const pick of unique) {
    const outcome = await signOffRow(ctx, pick, codeId, now);
    if (outcome.ok) codeId = null;
    results.push({ deliverableId: pick.deliverableId, result: rowResultOf(outcome) });
  }
  return ok(results);
}

/**
 * "Open the full draft": the person's own decision link for one deliverable of the digest's brand
 * (the digest page shows essentials; the decision page shows the whole draft). Issued when asked,
 * on a POST, since opening the digest writes nothing; it speaks for the same person, and the
 * decision link's door checks their scope again.
 */
export async function openDraft(ctx: DigestContext, deliverableId: string): Promise<Outcome<{ path: string }>> {
  const row = await digestDecider(ctx).find(deliverableId);
  if (!row) return notFound("That deliverable does not exist.");
  const token = await issueLink(db(), { purpose: "decision", workspaceId: ctx.workspace.id, userId: ctx.person.id, deliverableId: row.id });
  return ok({ path: decisionLinkPath(token) });
}

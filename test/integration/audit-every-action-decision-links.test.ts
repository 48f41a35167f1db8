import { eq } from "drizzle-orm";
import { beforeAll } from "vitest";
import { brands } from "@db/schema";
import { digestLinkExpiry } from "~/modules/approvals/decision-links/link-rules";
import { issueLink } from "~/modules/approvals/decision-links/tokens.server";
import { toLocalInput } from "~/utils/time";
import { useTestDatabase } from "../support/db";
import { buildWorld, type World } from "../support/world";
import { atSignOff, freshIp } from "./approvals/decision-link-fixtures";
import { campaignFixture, deliverableRow, HOUR } from "./approvals/fixtures";
import { DECISION_LINK_AUDIT, DIGEST_AUDIT, describeAuditRows, type Case, type Form, type Prepared } from "./audit-table";

/**
 * Issue 13 point 9 for the decision link route (no account, decision 052): every intent of
 * `/d/:token` writes exactly the audit events DECISION_LINK_AUDIT names, as the link's person "via
 * decision link", and every intent of the sign-off digest's `/d/digest/:token` (issue 17 part 3).
 * The guard over all rows is in audit-every-action.test.ts.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
});

/** The brand lead's link to a fresh deliverable waiting for their sign-off, posting `form`. */
async function leadLink(form: (id: string) => Promise<Form> | Form): Promise<Prepared> {
  const { id, token } = await atSignOff(t.db, world, campaign);
  return { path: `/d/${token}`, params: { token }, form: await form(id), cookie: null, ip: freshIp() };
}

const CASES: Case[] = [
  {
    route: "d.$token",
    intent: "decide",
    expected: DECISION_LINK_AUDIT.decide,
    prepare: () => leadLink(() => ({ intent: "decide", version: "1", decision: "approve" })),
  },
  {
    route: "d.$token",
    intent: "move-and-sign-off",
    expected: DECISION_LINK_AUDIT["move-and-sign-off"],
    prepare: () =>
      leadLink(async (id) => {
        const row = await deliverableRow(t.db, id);
        return {
          intent: "move-and-sign-off",
          version: "1",
          publishAt: toLocalInput(new Date(row.publishAt.getTime() + 72 * HOUR), world.brandX.timeZone),
        };
      }),
  },
  {
    route: "d.$token",
    intent: "send-code",
    expected: DECISION_LINK_AUDIT["send-code"],
    prepare: async () => {
      await t.db.update(brands).set({ requireDecisionCode: true }).where(eq(brands.id, world.brandX.id));
      return leadLink(() => ({ intent: "send-code" }));
    },
  },
];

/* The sign-off digest route (issue 17 part 3): its link, for the brand lead, over drafts waiting for them. */

/** The brand lead's digest link, with two drafts waiting for their sign-off, posting `form`. */
async function leadDigest(form: (ids: string[]) => Form, opts: { code?: boolean } = {}): Promise<Prepared> {
  // The decision link rows above leave the brand asking for a code: each row says what it needs.
  await t.db
    .update(brands)
    .set({ requireDecisionCode: opts.code ?? false })
    .where(eq(brands.id, world.brandX.id));
  const ids = [(await atSignOff(t.db, world, campaign)).id, (await atSignOff(t.db, world, campaign)).id];
  const token = await issueLink(t.db, {
    purpose: "digest",
    workspaceId: world.a.id,
    userId: world.users.brandLead.id,
    brandId: world.brandX.id,
    expiresAt: digestLinkExpiry(new Date()),
  });
  return { path: `/d/digest/${token}`, params: { token }, form: form(ids), cookie: null, ip: freshIp() };
}

const DIGEST_CASES: Case[] = [
  {
    route: "d.digest.$token",
    intent: "sign-off",
    expected: DIGEST_AUDIT["sign-off"],
    prepare: () => leadDigest((ids) => ({ intent: "sign-off", pick: ids.map((id) => `${id}.1`) })),
  },
  {
    route: "d.digest.$token",
    intent: "open",
    expected: DIGEST_AUDIT.open,
    prepare: () => leadDigest(([id]) => ({ intent: "open", deliverableId: id })),
  },
  {
    route: "d.digest.$token",
    intent: "send-code",
    expected: DIGEST_AUDIT["send-code"],
    prepare: () => leadDigest(() => ({ intent: "send-code" }), { code: true }),
  },
];

describeAuditRows(() => t.db, [...CASES, ...DIGEST_CASES]);

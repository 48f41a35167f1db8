import { eq } from "drizzle-orm";
import { beforeAll, expect } from "vitest";
import { accessSteps } from "@db/schema";
import type { forwardIntents, LinkIntent } from "~/modules/onboarding/client-actions.server";
import { forwardStep } from "~/modules/onboarding/client-steps.server";
import { useTestDatabase } from "../support/db";
import { buildWorld, type World } from "../support/world";
import { CLIENT_TABLE, describeAuditRows, FORWARD_ROUTES, LINK_ROUTES, post, type Case, type Form, type Prepared } from "./audit-table";
import { makeLink, setIdentities, tokenFromMail, clientCtx } from "./onboarding/setup";
import { drain } from "./services/helpers";

/**
 * Issue 13 point 9 for the client's token routes (no account): every intent of `/onboard/:token`
 * and `/onboard/step/:token`, on the page and on its autosave endpoint, writes exactly the audit
 * event CLIENT_TABLE names. The guard over all rows is in audit-every-action.test.ts.
 */
const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

type ForwardIntent = (typeof forwardIntents)[number];
type LinkOptions = Parameters<typeof makeLink>[2];
/** Each link has its own IP, so the per-IP limit of the token routes never meets a row. */
let ipCounter = 10;

/** A client's link on `route`, already opened (the first POST records onboarding.opened, once). */
async function openedLink(route: string, options: LinkOptions = {}, by: "admin" | "owner" = "admin") {
  const { linkId, token } = await makeLink(world, world.users[by].id, options);
  const ip = `198.51.100.${ipCounter++}`;
  const path = route.endsWith(".autosave") ? `/onboard/${token}/autosave` : `/onboard/${token}`;
  const as = (form: Form): Prepared => ({ path, params: { token }, form, cookie: null, ip });
  const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
  return {
    linkId,
    token,
    as,
    steps,
    open: () =>
      post({
        route: "onboard.$token.autosave",
        path: `/onboard/${token}/autosave`,
        params: { token },
        form: { intent: "opened" },
        cookie: null,
        ip,
      }),
  };
}
async function opened(route: string, options: LinkOptions = {}) {
  const link = await openedLink(route, options);
  expect((await link.open()).status).toBe(200);
  return link;
}

const NA = { reason: "We run no such account." };
/** The first PNG bytes: a brand-kit file is accepted by its content. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);

const LINK: Record<LinkIntent, (route: string) => Promise<Prepared>> = {
  opened: async (route) => (await openedLink(route)).as({ intent: "opened" }),
  // Made by the owner: the admin's links already meet the per-member creation limit in this file.
  language: async (route) => (await openedLink(route, {}, "owner")).as({ intent: "language", locale: "es" }),
  "save-asset": async (route) => {
    const { as, steps } = await opened(route);
    return as({ intent: "save-asset", stepId: steps[0].id, assetId: "act_1234567890" });
  },
  confirm: async (route) => {
    const { as, steps } = await opened(route);
    return as({ intent: "confirm", stepId: steps[0].id, assetId: "act_1234567890" });
  },
  "not-applicable": async (route) => {
    const { as, steps } = await opened(route);
    return as({ intent: "not-applicable", stepId: steps[0].id, ...NA });
  },
  reopen: async (route) => {
    const link = await opened(route);
    expect((await post({ route, ...link.as({ intent: "not-applicable", stepId: link.steps[0].id, ...NA }) })).status).toBeLessThan(400);
    return link.as({ intent: "reopen", stepId: link.steps[0].id });
  },
  forward: async (route) => {
    const { as, steps } = await opened(route);
    return as({ intent: "forward", stepId: steps[0].id, name: "Sam", email: "sam@client.example", message: "" });
  },
  // The approver is already a member, so finishing the contacts invites nobody (that would be member.invited).
  contacts: async (route) => {
    const { as } = await opened(route, { contacts: true });
    return as({
      intent: "contacts",
      contactName: "Priya Client",
      contactEmail: "priya@client.example",
      contactRole: "Marketing lead",
      approverName: "Lena Lead",
      approverEmail: world.users.brandLead.email,
      otherContacts: "",
      complete: "1",
    });
  },
  questionnaire: async (route) => {
    const { as } = await opened(route, { questionnaire: true });
    return as({
      intent: "questionnaire",
      brandStory: "Tea for slow mornings since 1998.",
      audience: "Tea lovers in the UK.",
      keyCompetitors: "",
      toneOfVoice: "Warm, never jokey",
      complete: "1",
    });
  },
  "brand-kit": async (route) => {
    const { as } = await opened(route, { brandKit: true });
    return as({ intent: "brand-kit", brandKitNote: "Logos are in the shared folder.", complete: "1" });
  },
  upload: async (route) => {
    const { as } = await opened(route, { brandKit: true });
    return as({ intent: "upload", file: new File([PNG], "logo.png", { type: "image/png" }) });
  },
  agreement: async (route) => {
    const { as } = await opened(route, { agreement: true, agreementText: "We grant the agency access for the campaign." });
    return as({ intent: "agreement", agreementName: "Priya Client", agreementAccepted: "on" });
  },
};

/** A step forwarded to a colleague: the request on `route` with the forwarded link's own token. */
async function forwarded(route: string) {
  const { linkId, steps } = await opened("onboard.$token");
  const email = `fwd-${Math.random().toString(36).slice(2, 8)}@client.example`;
  expect((await forwardStep(await clientCtx(linkId), { stepId: steps[0].id, name: "", email, message: "" })).ok).toBe(true);
  await drain(new Date());
  const token = (await tokenFromMail(email, "/onboard/step"))!;
  const ip = `198.51.100.${ipCounter++}`;
  const path = route.endsWith(".autosave") ? `/onboard/step/${token}/autosave` : `/onboard/step/${token}`;
  return { stepId: steps[0].id, as: (form: Form): Prepared => ({ path, params: { token }, form, cookie: null, ip }) };
}

const FORWARD: Record<ForwardIntent, (route: string) => Promise<Prepared>> = {
  "save-asset": async (route) => {
    const { as, stepId } = await forwarded(route);
    return as({ intent: "save-asset", stepId, assetId: "act_1234567890" });
  },
  confirm: async (route) => {
    const { as, stepId } = await forwarded(route);
    return as({ intent: "confirm", stepId, assetId: "act_1234567890" });
  },
  "not-applicable": async (route) => {
    const { as, stepId } = await forwarded(route);
    return as({ intent: "not-applicable", stepId, ...NA });
  },
  reopen: async (route) => {
    const { as, stepId } = await forwarded(route);
    expect((await post({ route, ...as({ intent: "not-applicable", stepId, ...NA }) })).status).toBeLessThan(400);
    return as({ intent: "reopen", stepId });
  },
};

const byRoute = (route: string, intent: string): Case["prepare"] => {
  if ((LINK_ROUTES as readonly string[]).includes(route)) return () => LINK[intent as LinkIntent](route);
  if ((FORWARD_ROUTES as readonly string[]).includes(route)) return () => FORWARD[intent as ForwardIntent](route);
  throw new Error(`no client route ${route}`);
};

describeAuditRows(
  () => t.db,
  CLIENT_TABLE.map((row) => ({ ...row, prepare: byRoute(row.route, row.intent!) })),
);

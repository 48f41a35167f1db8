import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accessSteps, rateLimits } from "@db/schema";
import { forwardStep } from "~/modules/onboarding/client-steps.server";
import { allTables, changedTables, tableSnapshot } from "../../support/db-snapshot";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { makeLink, setIdentities, tokenFromMail, clientCtx } from "./setup";

/**
 * Issue 13 point 5 (security.md 12): a mail scanner or link preview opening `/onboard/:token` or
 * `/onboard/step/:token` must change nothing. Every table the database catalog lists is compared
 * before and after (row count and a hash of every row), except `rate_limits`, which counts requests.
 */
const t = useTestDatabase();
let world: World;
let token: string;
let stepToken: string;

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
  const link = await makeLink(world, world.users.admin.id, { clientEmail: "scanner@client.example" });
  token = link.token;
  const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, link.linkId)).orderBy(accessSteps.position);
  const forwarded = await forwardStep(await clientCtx(link.linkId), {
    stepId: step.id,
    name: "Marco",
    email: "scanner-fwd@client.example",
    message: "",
  });
  expect(forwarded.ok).toBe(true);
  await drain(new Date());
  stepToken = (await tokenFromMail("scanner-fwd@client.example", "/onboard/step"))!;
  expect(stepToken).toBeTruthy();
});

const rateLimitRows = async () => (await t.db.select({ n: count() }).from(rateLimits))[0].n;

describe("GET on the client's token pages writes nothing but rate limits", () => {
  it("the snapshot covers the tables the app writes to", async () => {
    const tables = await allTables(t.db);
    expect(tables.length).toBeGreaterThan(30);
    for (const name of ["onboarding_links", "access_steps", "audit_events", "jobs", "step_forwards", "notifications"]) {
      expect(
        tables.some((n) => n.endsWith(`.${name}`)),
        name,
      ).toBe(true);
    }
  });

  it.each([
    ["/onboard/:token", () => import("~/routes/onboard.$token"), () => `/onboard/${token}`, () => token],
    ["/onboard/step/:token", () => import("~/routes/onboard.step.$token"), () => `/onboard/step/${stepToken}`, () => stepToken],
  ] as const)("%s", async (_name, route, path, tokenOf) => {
    const { loader } = await route();
    const before = await tableSnapshot(t.db, { except: ["rate_limits"] });
    const limitsBefore = await rateLimitRows();
    for (const suffix of ["", "?saved=x"]) {
      for (let i = 0; i < 2; i++) {
        const res = await call(loader, makeRequest(`${path()}${suffix}`, { ip: `192.0.2.${10 + i}` }), { token: tokenOf() });
        expect(res.status).toBe(200);
      }
    }
    // The requests went through the whole loader: the rate limiter counted them (per IP, per token).
    expect(await rateLimitRows()).toBeGreaterThan(limitsBefore);
    expect(changedTables(before, await tableSnapshot(t.db, { except: ["rate_limits"] }))).toEqual([]);
  });
});

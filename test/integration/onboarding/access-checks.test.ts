import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accessChecks,
  accessSteps,
  auditEvents,
  campaigns,
  deliverables,
  jobs,
  localEmails,
  notifications,
  offboardingItems,
  platformConnections,
} from "@db/schema";
import type { CheckRequest, CheckResult } from "~/modules/connections/driver";
import { jobKinds } from "~/modules/jobs/handlers.server";
import { handlersOf } from "~/modules/jobs/job-kinds";
import { runDueJobs } from "~/modules/jobs/worker.server";
import type { AccessChecker } from "~/modules/onboarding/access-checks/checker.server";
import { accessCheckJobs, checkBrandNow, runNightlyChecks } from "~/modules/onboarding/access-checks/jobs.server";
import { CHECK_JOB } from "~/modules/onboarding/access-checks/run.server";
import { confirmStep } from "~/modules/onboarding/client-steps.server";
import { startOffboarding } from "~/modules/onboarding/ledger.server";
import { decideStep } from "~/modules/onboarding/step-decisions.server";
import { useTestDatabase } from "../../support/db";
import { call, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { memberContext } from "../services/helpers";
import { clientCtx, makeLink, setIdentities, tokenFromMail } from "./setup";

/**
 * Issue 19 points 2 and 3 through the services and the job worker, with the platform read by a
 * stand-in checker (the drivers' HTTP is tested with MSW in the connections' own tests): found
 * verifies, not found waits for a person with the reason, a platform that cannot answer changes
 * nothing, no connection is today's manual flow, a person or the client acting meanwhile wins,
 * the nightly check marks a grant gone as lost (alerts once, reopen link in the client's language,
 * ACCESS_MISSING), and an offboarding check ticks the client's item.
 */
const t = useTestDatabase();
let world: World;

const GA4 = "312456789";
const PAGE = "104729384756281";

/** What the stand-in platform answers, per asset; every call is recorded. */
const answers = new Map<string, CheckResult["outcome"]>();
const calls: CheckRequest[] = [];
let during: (() => Promise<void>) | null = null;
const fake: AccessChecker = async (workspaceId, request) => {
  calls.push(request);
  const connection = (
    await t.db
      .select()
      .from(platformConnections)
      .where(and(eq(platformConnections.workspaceId, workspaceId), eq(platformConnections.status, "connected")))
  )[0];
  if (!connection) return { noConnection: true };
  if (during) {
    const act = during;
    during = null;
    await act();
  }
  const outcome = answers.get(request.assetId) ?? "found";
  const reasons: Record<CheckResult["outcome"], string> = {
    found: `${request.assetId} is visible with the ${request.role} role.`,
    not_found: `${request.assetId} is not among the agency's assets.`,
    weaker_role: `${request.assetId} is visible, but only as Viewer.`,
    unavailable: "The API did not answer (503).",
    unknown: "The API answered something unexpected.",
  };
  return {
    connectionId: connection.id,
    result: { outcome, confirms: "role", reason: reasons[outcome], evidence: { id: request.assetId, tasks: ["ANALYZE"] } },
  };
};

const handlers = handlersOf({ ...jobKinds, ...accessCheckJobs(fake) });
async function drain(now = new Date()) {
  while ((await runDueJobs(handlers, { now })) > 0);
}

async function connect(provider: "google" | "meta") {
  await t.db
    .insert(platformConnections)
    .values({ workspaceId: world.a.id, provider, accountLabel: `${provider} account`, status: "connected" });
}

const stepOf = async (id: string) => (await t.db.select().from(accessSteps).where(eq(accessSteps.id, id)))[0];
const checksOf = (id: string) => t.db.select().from(accessChecks).where(eq(accessChecks.stepId, id));

async function linkWith(platforms: Array<{ platformKey: "ga4" | "meta_page" | "tiktok_ads"; role: string }>, extra = {}) {
  const made = await makeLink(world, world.users.admin.id, { brandId: world.brandX.id, platforms, ...extra });
  const steps = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, made.linkId));
  const byKey = (key: string) => steps.find((s) => s.platformKey === key)!;
  return { ...made, byKey };
}

async function confirm(linkId: string, stepId: string, assetId: string) {
  const r = await confirmStep(await clientCtx(linkId), { stepId, assetId });
  expect(r.ok).toBe(true);
}

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

describe("without a connection", () => {
  it("changes nothing: no check is queued and the step waits for a person, as before", async () => {
    const { linkId, byKey } = await linkWith([{ platformKey: "ga4", role: "Analyst" }]);
    await confirm(linkId, byKey("ga4").id, GA4);
    expect((await t.db.select().from(jobs).where(eq(jobs.kind, CHECK_JOB))).length).toBe(0);
    await drain();
    expect((await stepOf(byKey("ga4").id)).status).toBe("confirmed");
    expect(await checksOf(byKey("ga4").id)).toEqual([]);
  });
});

describe("after the client confirms, with Google and Meta connected", () => {
  beforeAll(async () => {
    await connect("google");
    await connect("meta");
  });

  it("found: the step is verified by automatic check, audited with what the platform answered", async () => {
    const { linkId, byKey } = await linkWith([{ platformKey: "ga4", role: "Analyst" }]);
    const id = byKey("ga4").id;
    await confirm(linkId, id, GA4);
    await drain();
    const step = await stepOf(id);
    expect(step).toMatchObject({ status: "verified", verifiedVia: "check", verifiedBy: null });
    expect(step.lastSeenAt).not.toBeNull();
    const [reading] = await checksOf(id);
    expect(reading).toMatchObject({ purpose: "verify", outcome: "found", confirms: "role" });
    expect(reading.detail).toMatchObject({ reason: `${GA4} is visible with the Analyst role.` });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, "access.verified")));
    expect(event.actorLabel).toBe("system (automatic access check)");
    expect(event.data).toMatchObject({ via: "check", check: { outcome: "found", confirms: "role", evidence: { id: GA4 } } });
  });

  it("not found or a weaker role: the step stays for a person, with the reason on the link page", async () => {
    answers.set("222333444", "not_found");
    answers.set("555666777", "weaker_role");
    for (const asset of ["222333444", "555666777"]) {
      const { linkId, byKey } = await linkWith([{ platformKey: "ga4", role: "Analyst" }]);
      const id = byKey("ga4").id;
      await confirm(linkId, id, asset);
      await drain();
      expect((await stepOf(id)).status).toBe("confirmed");
      expect((await stepOf(id)).lastCheckedAt).not.toBeNull();
      const { loader } = await import("~/routes/w.$workspace.onboarding.$linkId");
      const res = await call(
        loader,
        makeRequest(`/w/${world.a.slug}/onboarding/${linkId}`, { cookie: await sessionCookie(world.users.admin.id) }),
        {
          workspace: world.a.slug,
          linkId,
        },
      );
      const data = (await res.json()) as { steps: Array<{ id: string; check: { latest: { standing: string; reason: string } | null } }> };
      const shown = data.steps.find((s) => s.id === id)!.check.latest;
      expect(shown).toMatchObject({ standing: answers.get(asset), reason: expect.stringContaining(asset) });
    }
  });

  it("unavailable: nothing is verified, shown as couldn't check, and tried once more later", async () => {
    answers.set("888999000", "unavailable");
    const { linkId, byKey } = await linkWith([{ platformKey: "ga4", role: "Analyst" }]);
    const id = byKey("ga4").id;
    await confirm(linkId, id, "888999000");
    const now = new Date();
    await drain(now);
    expect((await stepOf(id)).status).toBe("confirmed");
    expect((await checksOf(id)).map((c) => c.outcome)).toEqual(["unavailable"]);
    await drain(new Date(now.getTime() + 16 * 60_000));
    await drain(new Date(now.getTime() + 60 * 60_000));
    // Two tries in all, both recorded, neither verified.
    expect((await checksOf(id)).map((c) => c.outcome)).toEqual(["unavailable", "unavailable"]);
    expect((await stepOf(id)).status).toBe("confirmed");
    answers.set("888999000", "unknown");
  });

  it("a person verifying while the platform answers wins; the check's reading is dropped", async () => {
    const { linkId, byKey } = await linkWith([{ platformKey: "ga4", role: "Analyst" }]);
    const id = byKey("ga4").id;
    await confirm(linkId, id, GA4);
    during = async () => {
      const ctx = await memberContext(world.users.coordinator.id, world.a.slug);
      expect((await decideStep(ctx, { linkId, stepId: id, event: "verify" })).ok).toBe(true);
    };
    await drain();
    const step = await stepOf(id);
    expect(step).toMatchObject({ status: "verified", verifiedVia: "person", verifiedBy: world.users.coordinator.id });
    expect(await checksOf(id)).toEqual([]);
    const verified = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, "access.verified")));
    expect(verified).toHaveLength(1);
  });

  it("the client changing the asset meanwhile wins: the new asset is what gets checked", async () => {
    answers.set("111000111", "found");
    answers.set("999000999", "not_found");
    const { linkId, byKey } = await linkWith([{ platformKey: "ga4", role: "Analyst" }]);
    const id = byKey("ga4").id;
    await confirm(linkId, id, "111000111");
    during = () => confirm(linkId, id, "999000999");
    await drain();
    // The new confirmation's check was queued after that batch's clock: the next run takes it.
    await drain(new Date(Date.now() + 1000));
    const step = await stepOf(id);
    // The first check (found, for the old asset) was dropped; the second read the new one: not found.
    expect(step).toMatchObject({ status: "confirmed", assetId: "999000999" });
    expect((await checksOf(id)).map((c) => (c.detail as { assetId: string }).assetId)).toEqual(["999000999"]);
  });

  it("a platform without a driver (TikTok) stays manual", async () => {
    const { linkId, byKey } = await linkWith([{ platformKey: "tiktok_ads", role: "Analyst" }]);
    await confirm(linkId, byKey("tiktok_ads").id, "7000000000000000002");
    expect(
      (await t.db.select().from(jobs).where(eq(jobs.kind, CHECK_JOB))).filter(
        (j) => (j.payload as { stepId: string }).stepId === byKey("tiktok_ads").id,
      ),
    ).toEqual([]);
  });
});

describe("the nightly check", () => {
  it("marks a grant gone as lost, alerts the account manager and the coordinator once, sends the client a reopen link, raises ACCESS_MISSING", async () => {
    const clientEmail = "lumen@client.example";
    const { linkId, byKey } = await linkWith(
      [
        { platformKey: "ga4", role: "Analyst" },
        { platformKey: "meta_page", role: "Content" },
      ],
      { clientEmail, locale: "es", accountManagerId: world.users.agencyMember.id },
    );
    const page = byKey("meta_page").id;
    await confirm(linkId, byKey("ga4").id, GA4);
    await confirm(linkId, page, PAGE);
    const t0 = new Date();
    await drain(t0);
    expect((await stepOf(page)).status).toBe("verified");

    // A running campaign of the brand, coordinated, with a Facebook post.
    const day = DateTime.utc().startOf("day");
    const [campaign] = await t.db
      .insert(campaigns)
      .values({
        workspaceId: world.a.id,
        brandId: world.brandX.id,
        leadAgencyId: world.agencyP.id,
        name: "Lumen launch",
        status: "active",
        channels: ["facebook"],
        startsAt: day.minus({ days: 1 }).toJSDate(),
        endsAt: day.plus({ days: 20 }).toJSDate(),
        coordinatorId: world.users.coordinator.id,
      })
      .returning();
    const publish = day.plus({ days: 5 }).set({ hour: 12 });
    await t.db.insert(deliverables).values({
      workspaceId: world.a.id,
      campaignId: campaign.id,
      brandId: world.brandX.id,
      creatorId: null,
      channel: "facebook",
      title: "Lumen serum on Facebook",
      publishAt: publish.toJSDate(),
      status: "draft",
    });
    const codes = async () => {
      const { loader } = await import("~/routes/w.$workspace.calendar");
      const res = await call(
        loader,
        makeRequest(`/w/${world.a.slug}/calendar?view=list&month=${publish.toFormat("yyyy-LL")}`, {
          cookie: await sessionCookie(world.users.coordinator.id),
        }),
        { workspace: world.a.slug },
      );
      const data = (await res.json()) as { items: Array<{ title: string; conflicts: Array<{ code: string }> }> };
      return data.items.find((i) => i.title === "Lumen serum on Facebook")!.conflicts.map((c) => c.code);
    };
    expect(await codes()).not.toContain("ACCESS_MISSING");

    answers.set(PAGE, "not_found");
    const night = new Date(t0.getTime() + 24 * 3_600_000);
    await runNightlyChecks(night);
    await drain(night);
    const lost = await stepOf(page);
    expect(lost).toMatchObject({ status: "lost" });
    expect(lost.lostAt?.toISOString()).toBe(night.toISOString());
    expect(lost.lastSeenAt!.getTime()).toBeLessThan(night.getTime());
    expect((await stepOf(byKey("ga4").id)).status).toBe("verified");
    expect(await codes()).toContain("ACCESS_MISSING");

    const alerts = async () =>
      (await t.db.select().from(notifications).where(eq(notifications.workspaceId, world.a.id))).filter((n) =>
        n.title.includes("access for Brand X is gone"),
      );
    const alerted = await alerts();
    expect(alerted.map((n) => n.userId).sort()).toEqual([world.users.agencyMember.id, world.users.coordinator.id].sort());
    const mails = await t.db
      .select()
      .from(localEmails)
      .where(sql`lower(${localEmails.to}) = ${clientEmail}`);
    const reopen = mails.filter((m) => m.subject.includes("ha perdido el acceso"));
    expect(reopen).toHaveLength(1);

    // The next night: still gone, nobody is told again.
    const next = new Date(night.getTime() + 24 * 3_600_000);
    await runNightlyChecks(next);
    await drain(next);
    expect(await alerts()).toHaveLength(2);
    expect((await stepOf(page)).status).toBe("lost");

    // The client grants again through the reopen link: confirmed, then verified by the check.
    answers.set(PAGE, "found");
    const token = await tokenFromMail(clientEmail, "/onboard/step");
    const { action } = await import("~/routes/onboard.step.$token");
    const res = await call(action, makeRequest(`/onboard/step/${token}`, { form: { intent: "confirm", stepId: page, assetId: PAGE } }), {
      token: token!,
    });
    expect(res.status).toBeLessThan(400);
    await drain(next);
    expect(await stepOf(page)).toMatchObject({ status: "verified", verifiedVia: "check", lostAt: null });
    expect(await codes()).not.toContain("ACCESS_MISSING");
  });
});

describe("offboarding", () => {
  it("a check that sees the access gone ticks the client's item (done via check); the agency's stays for a person", async () => {
    const brand = world.brandY;
    const made = await makeLink(world, world.users.admin.id, { brandId: brand.id, platforms: [{ platformKey: "ga4", role: "Analyst" }] });
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, made.linkId));
    answers.set("444555666", "found");
    await confirm(made.linkId, step.id, "444555666");
    await drain();
    expect((await stepOf(step.id)).status).toBe("verified");
    const ctx = await memberContext(world.users.admin.id, world.a.slug);
    expect((await startOffboarding(ctx, brand.id)).ok).toBe(true);

    // Still there: nothing is ticked.
    expect((await checkBrandNow(ctx, brand.id)).ok).toBe(true);
    await drain();
    let items = await t.db.select().from(offboardingItems).where(eq(offboardingItems.stepId, step.id));
    expect(items.every((i) => i.doneAt === null)).toBe(true);

    answers.set("444555666", "not_found");
    expect((await checkBrandNow(ctx, brand.id)).ok).toBe(true);
    await drain();
    items = await t.db.select().from(offboardingItems).where(eq(offboardingItems.stepId, step.id));
    expect(items.find((i) => i.side === "client")).toMatchObject({ doneVia: "check", doneBy: null });
    expect(items.find((i) => i.side === "agency")!.doneAt).toBeNull();
    // Being offboarded, the grant is not "lost": no alert, no reopen link.
    expect((await stepOf(step.id)).status).toBe("verified");
    expect((await checksOf(step.id)).at(-1)).toMatchObject({ purpose: "offboarding", outcome: "not_found" });
  });
});

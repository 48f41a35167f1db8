import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accessSteps,
  auditEvents,
  brands,
  invitations,
  jobs,
  localEmails,
  notifications,
  offboardingItems,
  onboardingLinks,
  stepForwards,
  workspaces,
} from "@db/schema";
import { sha256 } from "~/utils/crypto.server";
import { findForwardByToken, findLinkByToken } from "~/modules/onboarding/client.server";
import { confirmStep, forwardStep, markNotApplicable, saveAssetDraft } from "~/modules/onboarding/client-steps.server";
import { saveIntake, signAgreement } from "~/modules/onboarding/client-intake.server";
import { listLinks } from "~/modules/onboarding/link-queries.server";
import { createLink, reissueLink, revokeLink } from "~/modules/onboarding/links.server";
import { decideStep } from "~/modules/onboarding/step-decisions.server";
import { completeOffboardingItem, startOffboarding, accessLedger } from "~/modules/onboarding/ledger.server";
import { briefPrefillForBrand } from "~/modules/onboarding/prefill.server";
import { onboardingWaiting } from "~/modules/onboarding/waiting.server";
import { useTestDatabase } from "../../support/db";
import { buildWorld, type World } from "../../support/world";
import { drain, memberContext } from "../services/helpers";
import { IDENTITIES, linkInput, makeLink, setIdentities, tokenFromMail, clientCtx } from "./setup";

const t = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

async function stepsOf(linkId: string) {
  return t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
}

describe("creating a link", () => {
  it("stores only the token's hash, creates the brand, the steps with their roles, the email and the reminders", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const link = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(link.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(link)).not.toContain(token);
    expect(Math.round((link.expiresAt.getTime() - link.createdAt.getTime()) / 86_400_000)).toBe(30);
    const brand = await t.db.query.brands.findFirst({ where: eq(brands.id, link.brandId!) });
    expect(brand?.name).toBe("Fresh Client");
    const steps = await stepsOf(linkId);
    expect(steps.map((s) => [s.platformKey, s.role, s.status])).toEqual([
      ["meta_ad_account", "Manage campaigns", "requested"],
      ["ga4", "Analyst", "requested"],
      ["google_tag_manager", "Publish", "requested"],
    ]);
    const queued = await t.db.select().from(jobs).where(eq(jobs.workspaceId, world.a.id));
    expect(queued.filter((j) => j.kind === "email" && (j.payload as { template: string }).template === "onboarding-link")).toHaveLength(1);
    expect(
      queued.filter((j) => j.kind === "onboarding.client-reminder" && (j.payload as { linkId: string }).linkId === linkId),
    ).toHaveLength(3);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, linkId), eq(auditEvents.action, "onboarding.link_created")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses a platform whose agency identity is not set, naming what is missing", async () => {
    await t.db
      .update(workspaces)
      .set({ accessIdentities: { googleAccountEmail: "a@b.example" } })
      .where(eq(workspaces.id, world.a.id));
    const ctx = await memberContext(world.users.admin.id, world.a.slug);
    const result = await createLink(ctx, linkInput());
    await setIdentities(t.db, world.a.id);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.kind).toBe("invalid");
    expect(result.problem.fields?.platform_meta_ad_account?.[0]).toMatch(/Meta business portfolio ID/);
    expect(result.problem.fields?.platform_ga4).toBeUndefined();
  });

  it("refuses a role the platform does not have, and a double submit creates one link", async () => {
    const ctx = await memberContext(world.users.admin.id, world.a.slug);
    const bad = await createLink(ctx, linkInput({ platforms: [{ platformKey: "ga4", role: "Owner" }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.fields?.role_ga4?.[0]).toMatch(/Administrator, Editor, Marketer, Analyst, Viewer/);
    const input = linkInput({ brandId: world.brandX.id, newClientName: "" });
    const [first, second] = [await createLink(ctx, input), await createLink(ctx, input)];
    expect(first.ok && !first.value.existing).toBe(true);
    expect(second.ok && second.value.existing).toBe(true);
    if (first.ok && second.ok) expect(second.value.linkId).toBe(first.value.linkId);
  });
});

describe("the client's token (10, 12, 13)", () => {
  it("looking a link up changes nothing; expired, revoked and re-issued links each name whom to contact", async () => {
    const { linkId, token, ctx } = await makeLink(world, world.users.coordinator.id);
    const before = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect((await findLinkByToken(token)).state).toBe("valid");
    expect((await findLinkByToken(token)).state).toBe("valid");
    const after = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(after).toEqual(before);
    expect(after.openedAt).toBeNull();

    const later = new Date(Date.now() + 31 * 86_400_000);
    const expired = await findLinkByToken(token, later);
    expect(expired.state).toBe("expired");
    if (expired.state === "expired") expect(expired.contact.email).toBe(world.users.coordinator.email);

    const re = await reissueLink(ctx, linkId, { expiresInDays: 30, sendEmail: false });
    expect(re.ok).toBe(true);
    const replaced = await findLinkByToken(token);
    expect(replaced.state).toBe("replaced");
    if (!re.ok) return;
    const newToken = re.value.url.slice(re.value.url.lastIndexOf("/") + 1);
    const fresh = await findLinkByToken(newToken);
    expect(fresh.state).toBe("valid");
    if (fresh.state === "valid") expect((await stepsOf(fresh.link.id)).length).toBe(3);

    expect((await revokeLink(ctx, re.value.linkId)).ok).toBe(true);
    expect((await findLinkByToken(newToken)).state).toBe("revoked");
    expect((await findLinkByToken("not-a-token")).state).toBe("invalid");
    expect((await findLinkByToken("A".repeat(43))).state).toBe("invalid");
  });
});

describe("platform steps", () => {
  it("explains a GA4 measurement ID, keeps the draft, then confirms with the property ID", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id);
    const ga4 = (await stepsOf(linkId)).find((s) => s.platformKey === "ga4")!;
    const draft = await saveAssetDraft(await clientCtx(linkId), { stepId: ga4.id, assetId: "G-7XK2M9QW" });
    expect(draft.ok).toBe(false);
    if (!draft.ok) expect(draft.problem.message).toMatch(/measurement ID/);
    const link = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect((link.answers as { drafts: Record<string, string> }).drafts[ga4.id]).toBe("G-7XK2M9QW");

    const wrong = await confirmStep(await clientCtx(linkId), { stepId: ga4.id, assetId: "G-7XK2M9QW" });
    expect(wrong.ok).toBe(false);
    expect((await stepsOf(linkId)).find((s) => s.id === ga4.id)?.status).toBe("requested");

    const right = await confirmStep(await clientCtx(linkId), { stepId: ga4.id, assetId: "312456789" });
    expect(right.ok).toBe(true);
    const step = (await stepsOf(linkId)).find((s) => s.id === ga4.id)!;
    expect([step.status, step.assetId]).toEqual(["confirmed", "312456789"]);
  });

  it("a step of another link is not reachable through this link (one token never reveals another's data)", async () => {
    const one = await makeLink(world, world.users.admin.id);
    const two = await makeLink(world, world.users.admin.id);
    const foreign = (await stepsOf(two.linkId))[0];
    const result = await confirmStep(await clientCtx(one.linkId), { stepId: foreign.id, assetId: "1234567" });
    expect(result).toMatchObject({ ok: false, problem: { kind: "not_found" } });
    expect((await stepsOf(two.linkId))[0].status).toBe("requested");
  });

  it("verify: of 20 concurrent clicks one wins, the rest get 409; who and when are recorded (33)", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id);
    const meta = (await stepsOf(linkId))[0];
    expect((await confirmStep(await clientCtx(linkId), { stepId: meta.id, assetId: "act_1234567890" })).ok).toBe(true);
    const ctx = await memberContext(world.users.coordinator.id, world.a.slug);
    const results = await Promise.all(Array.from({ length: 20 }, () => decideStep(ctx, { linkId, stepId: meta.id, event: "verify" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.problem.kind === "conflict")).toHaveLength(19);
    const step = (await stepsOf(linkId))[0];
    expect(step.status).toBe("verified");
    expect(step.verifiedBy).toBe(world.users.coordinator.id);
    expect(step.verifiedAt).toBeInstanceOf(Date);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, meta.id), eq(auditEvents.action, "access.verified")));
    expect(audit).toHaveLength(1);
  });

  it("reject needs a reason, reopens the step and emails a link to that step to the client", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id, { clientEmail: "reject-me@fresh.example" });
    const gtm = (await stepsOf(linkId)).find((s) => s.platformKey === "google_tag_manager")!;
    await confirmStep(await clientCtx(linkId), { stepId: gtm.id, assetId: "GTM-AB12CD3" });
    const ctx = await memberContext(world.users.admin.id, world.a.slug);
    const noReason = await decideStep(ctx, { linkId, stepId: gtm.id, event: "reject", reason: "" });
    expect(noReason).toMatchObject({ ok: false, problem: { kind: "invalid" } });
    const rejected = await decideStep(ctx, { linkId, stepId: gtm.id, event: "reject", reason: "We can't see the container yet." });
    expect(rejected.ok).toBe(true);
    const step = (await stepsOf(linkId)).find((s) => s.id === gtm.id)!;
    expect([step.status, step.rejectionReason]).toEqual(["rejected", "We can't see the container yet."]);
    await drain();
    const token = await tokenFromMail("reject-me@fresh.example", "/onboard/step");
    expect(token).toBeTruthy();
    const fwd = await findForwardByToken(token!);
    expect(fwd.state).toBe("valid");
    if (fwd.state === "valid") expect(fwd.step.id).toBe(gtm.id);
    // The client fixes it: confirmed again, the reason cleared.
    const fixed = await confirmStep(await clientCtx(linkId, fwd.state === "valid" ? fwd.forward : undefined), {
      stepId: gtm.id,
      assetId: "GTM-AB12CD3",
    });
    expect(fixed.ok).toBe(true);
    expect((await stepsOf(linkId)).find((s) => s.id === gtm.id)?.rejectionReason).toBeNull();
  });
});

describe("forwarding a step", () => {
  it("gives the colleague a token for that step alone, with its own reminders", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id);
    const [meta, ga4] = await stepsOf(linkId);
    const result = await forwardStep(await clientCtx(linkId), {
      stepId: meta.id,
      name: "Marco",
      email: "marco@fresh.example",
      message: "You own the ad account",
    });
    expect(result.ok).toBe(true);
    const fw = (await t.db.select().from(stepForwards).where(eq(stepForwards.stepId, meta.id)))[0];
    expect(fw.email).toBe("marco@fresh.example");
    const reminders = await t.db.select().from(jobs).where(eq(jobs.kind, "onboarding.forward-reminder"));
    expect(reminders.filter((j) => (j.payload as { forwardId: string }).forwardId === fw.id)).toHaveLength(3);
    await drain();
    const token = await tokenFromMail("marco@fresh.example", "/onboard/step");
    expect(token).toBeTruthy();
    expect(JSON.stringify(fw)).not.toContain(token!);
    const found = await findForwardByToken(token!);
    expect(found.state).toBe("valid");
    if (found.state !== "valid") return;
    // The forwarded token reaches its own step only.
    expect(await confirmStep(await clientCtx(linkId, found.forward), { stepId: ga4.id, assetId: "312456789" })).toMatchObject({
      ok: false,
      problem: { kind: "not_found" },
    });
    expect((await confirmStep(await clientCtx(linkId, found.forward), { stepId: meta.id, assetId: "1234567890123" })).ok).toBe(true);
  });
});

describe("finishing a link", () => {
  it("completes once: team notified, approver invited as brand lead, answers kept for the brief", async () => {
    const { linkId, ctx } = await makeLink(world, world.users.admin.id, {
      brandId: world.brandY.id,
      newClientName: "",
      contacts: true,
      questionnaire: true,
      agreement: true,
      platforms: [{ platformKey: "ga4", role: "Viewer" }],
    });
    const [ga4] = await stepsOf(linkId);
    await confirmStep(await clientCtx(linkId), { stepId: ga4.id, assetId: "p312456789" });
    const contacts = {
      contactName: "Priya Raman",
      contactEmail: "priya@y.example",
      contactRole: "CMO",
      approverName: "Ana Approver",
      approverEmail: "ana@y.example",
      otherContacts: "",
    };
    const bad = await saveIntake(await clientCtx(linkId), {
      section: "contacts",
      raw: { ...contacts, approverEmail: "nope" },
      complete: true,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.fields?.approverEmail?.[0]).toMatch(/approver/);
    expect((await saveIntake(await clientCtx(linkId), { section: "contacts", raw: contacts, complete: true })).ok).toBe(true);
    expect(
      (
        await saveIntake(await clientCtx(linkId), {
          section: "questionnaire",
          raw: { brandStory: "Cold brew for hikers." },
          complete: false,
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await saveIntake(await clientCtx(linkId), {
          section: "questionnaire",
          raw: { brandStory: "Cold brew for hikers.", audience: "Hikers 25-40" },
          complete: true,
        })
      ).ok,
    ).toBe(true);
    expect((await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0].completedAt).toBeNull();
    expect((await signAgreement(await clientCtx(linkId), { agreementName: "Priya Raman" })).ok).toBe(true);
    expect((await signAgreement(await clientCtx(linkId), { agreementName: "Priya Raman" })).ok).toBe(false);

    const link = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(link.completedAt).toBeInstanceOf(Date);
    expect([link.agreementName, link.agreementIp]).toEqual(["Priya Raman", "198.51.100.23"]);
    const invs = await t.db.select().from(invitations).where(eq(invitations.email, "ana@y.example"));
    expect(invs.map((i) => [i.role, i.brandId])).toEqual([["brand_lead", world.brandY.id]]);
    const notes = await t.db.select().from(notifications).where(eq(notifications.userId, world.users.admin.id));
    expect(notes.filter((n) => n.title.includes("finished onboarding"))).toHaveLength(1);
    expect(await briefPrefillForBrand(world.a.id, world.brandY.id)).toEqual({
      brandStory: "Cold brew for hikers.",
      audience: "Hikers 25-40",
    });

    // Verifying the last grant tells the team everything is verified; time-to-verified appears.
    expect((await decideStep(ctx, { linkId, stepId: ga4.id, event: "verify" })).ok).toBe(true);
    const after = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(after.allVerifiedAt).toBeInstanceOf(Date);
    // ... in the app and by email, once, with the platforms and the time it took.
    await drain(new Date());
    const verifiedMail = (await t.db.select().from(localEmails).where(eq(localEmails.to, world.users.admin.email))).filter((m) =>
      m.subject.startsWith("All access for"),
    );
    expect(verifiedMail).toHaveLength(1);
    expect(verifiedMail[0].text).toContain("Google Analytics 4");
    expect(verifiedMail[0].text).toContain("Time to verified access");
    expect((await decideStep(ctx, { linkId, stepId: ga4.id, event: "verify" })).ok).toBe(false);
    await drain(new Date());
    expect(
      (await t.db.select().from(localEmails).where(eq(localEmails.to, world.users.admin.email))).filter((m) =>
        m.subject.startsWith("All access for"),
      ),
    ).toHaveLength(1);
    const { links, metrics } = await listLinks(ctx);
    expect(links.find((l) => l.id === linkId)?.timeToVerifiedMs).not.toBeNull();
    expect(metrics.medianLinkMs).not.toBeNull();
    expect(metrics.platforms.find((p) => p.platformKey === "ga4")?.count).toBeGreaterThan(0);
  });

  it("not applicable needs a reason and counts as done for the client", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id, { platforms: [{ platformKey: "tiktok_ads", role: "Analyst" }] });
    const [step] = await stepsOf(linkId);
    expect((await markNotApplicable(await clientCtx(linkId), { stepId: step.id, reason: "" })).ok).toBe(false);
    expect((await markNotApplicable(await clientCtx(linkId), { stepId: step.id, reason: "We don't advertise on TikTok." })).ok).toBe(true);
    const link = (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
    expect(link.completedAt).toBeInstanceOf(Date);
  });
});

describe("scope", () => {
  it("an agency member sees and decides only its own agency's links; the waiting list names grants to verify", async () => {
    const mine = await makeLink(world, world.users.agencyMember.id);
    const theirs = await makeLink(world, world.users.admin.id);
    const agency = await memberContext(world.users.agencyMember.id, world.a.slug);
    const { links } = await listLinks(agency);
    expect(links.map((l) => l.id)).toContain(mine.linkId);
    expect(links.map((l) => l.id)).not.toContain(theirs.linkId);
    const [step] = await stepsOf(theirs.linkId);
    await confirmStep(await clientCtx(theirs.linkId), { stepId: step.id, assetId: "1234567890" });
    expect(await decideStep(agency, { linkId: theirs.linkId, stepId: step.id, event: "verify" })).toMatchObject({
      ok: false,
      problem: { kind: "not_found" },
    });
    const [own] = await stepsOf(mine.linkId);
    await confirmStep(await clientCtx(mine.linkId), { stepId: own.id, assetId: "1234567890" });
    const waiting = await onboardingWaiting(agency);
    expect(waiting.map((w) => w.url)).toEqual([`/w/${world.a.slug}/onboarding/${mine.linkId}`]);
  });
});

describe("access ledger and offboarding", () => {
  it("lists every grant and tracks the revoke checklist until the grant is revoked", async () => {
    const { linkId, ctx } = await makeLink(world, world.users.admin.id, {
      brandId: world.brandX.id,
      newClientName: "",
      platforms: [{ platformKey: "google_ads", role: "Standard" }],
    });
    const [ads] = await stepsOf(linkId);
    await confirmStep(await clientCtx(linkId), { stepId: ads.id, assetId: "123-456-7890" });
    await decideStep(ctx, { linkId, stepId: ads.id, event: "verify" });
    const ledger = await accessLedger(ctx, world.brandX.id);
    const grant = ledger.grants.find((g) => g.id === ads.id)!;
    expect(grant).toMatchObject({
      platformName: "Google Ads",
      assetId: "1234567890",
      role: "Standard",
      status: "verified",
      verifiedBy: world.users.admin.name,
    });
    const started = await startOffboarding(ctx, world.brandX.id);
    expect(started.ok).toBe(true);
    const items = await t.db.select().from(offboardingItems).where(eq(offboardingItems.stepId, ads.id));
    expect(items.map((i) => i.side).sort()).toEqual(["agency", "client"]);
    expect(items.find((i) => i.side === "client")?.description).toMatch(/Managers, unlink manager account 111-222-3333/);
    expect((await completeOffboardingItem(ctx, world.brandX.id, items[0].id)).ok).toBe(true);
    expect((await stepsOf(linkId))[0].status).toBe("verified");
    expect(await completeOffboardingItem(ctx, world.brandX.id, items[1].id)).toEqual({ ok: true, value: { revoked: true } });
    expect((await stepsOf(linkId))[0].status).toBe("revoked");
    expect(await completeOffboardingItem(ctx, world.brandX.id, items[1].id)).toMatchObject({ ok: false, problem: { kind: "conflict" } });
  });
});

void IDENTITIES;

// Last: its link finishes too, which the count of "finished onboarding" notes above must not see.
describe("the approver a client names", () => {
  it("is invited in the link's language: a Portuguese link sends a Portuguese invitation", async () => {
    const { linkId } = await makeLink(world, world.users.admin.id, {
      brandId: world.brandY.id,
      newClientName: "",
      locale: "pt",
      contacts: true,
      platforms: [{ platformKey: "ga4", role: "Viewer" }],
    });
    const [ga4] = await stepsOf(linkId);
    await confirmStep(await clientCtx(linkId), { stepId: ga4.id, assetId: "p312456789" });
    const contacts = {
      contactName: "João Silva",
      contactEmail: "joao@y.example",
      contactRole: "CMO",
      approverName: "Bia Aprovadora",
      approverEmail: "bia@y.example",
      otherContacts: "",
    };
    expect((await saveIntake(await clientCtx(linkId), { section: "contacts", raw: contacts, complete: true })).ok).toBe(true);
    await drain(new Date());
    const mail = await t.db.select().from(localEmails).where(eq(localEmails.to, "bia@y.example"));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toMatch(/convidou você para .* no Baton$/);
    expect(mail[0].text).toContain("Responsável pela marca (aprova o conteúdo)");
    expect(mail[0].text).toContain("Aceitar convite");
    expect(mail[0].text).not.toMatch(/Accept invitation|invited you/);
  });
});

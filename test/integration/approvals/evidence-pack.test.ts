import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, deliverables, evidenceEntries } from "@db/schema";
import { decide } from "~/modules/approvals/decide.server";
import { markPublished, markScheduled, overrideBlock } from "~/modules/approvals/publishing.server";
import { submitVersion } from "~/modules/approvals/submit.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { atSignOff, postLink } from "./decision-link-fixtures";
import { campaignFixture, ctxOf, GOOD_COPY, GOOD_LINK, submittedDeliverable } from "./fixtures";

/**
 * The evidence pack (issue 18 part 3, decision 057), through the routes people use: the brand lead
 * signs off through a decision link, the pack is sealed in that transaction and its hash recorded in
 * the audit trail; the JSON download recomputes to that hash with an independent RFC 8785 + SHA-256
 * (the `canonicalize` reference implementation and node:crypto); one changed byte does not; later
 * events and an override each add their own hashed entry.
 */
const t = useTestDatabase();
let world: World;
let campaign: Awaited<ReturnType<typeof campaignFixture>>;
let signedOff: string;
const LEAD_IP = "192.0.2.77";
const INTERNAL = "INTERNAL-ev1d: don't tell the brand about the reshoot";

const hashOf = (value: unknown) => createHash("sha256").update(canonicalize(value)!, "utf8").digest("hex");

async function get(path: "evidence" | "evidence.json", deliverableId: string, who: keyof World["users"]) {
  const mod =
    path === "evidence"
      ? await import("~/routes/w.$workspace.deliverables.$deliverableId_.evidence")
      : await import("~/routes/w.$workspace.deliverables.$deliverableId_.evidence[.]json");
  const url = `/w/${world.a.slug}/deliverables/${deliverableId}/${path}`;
  return call(mod.loader, makeRequest(url, { cookie: await sessionCookie(world.users[who].id) }), {
    workspace: world.a.slug,
    deliverableId,
  });
}

type Download = {
  verified: boolean;
  entries: {
    seq: number;
    kind: string;
    sha256: string;
    recordedAt: string | null;
    body: Record<string, unknown> & { prev: string | null };
  }[];
};

async function download(deliverableId: string, who: keyof World["users"] = "owner"): Promise<Download> {
  const res = await get("evidence.json", deliverableId, who);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="evidence-[a-f0-9]+\.json"$/);
  return JSON.parse(await res.text()) as Download;
}

/** The hashes the audit trail recorded for the deliverable's ledger, by entry: each in the data of the event it records. */
async function recordedHashes(deliverableId: string): Promise<Map<number, string>> {
  const rows = await t.db.select({ data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.objectId, deliverableId));
  const records = rows.map((r) => r.data.evidence as { seq: number; sha256: string } | undefined).filter((e) => e !== undefined);
  return new Map(records.map((e) => [e.seq, e.sha256]));
}

/** The audit events of one action on the deliverable. */
const eventsOf = (deliverableId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.objectId, deliverableId), eq(auditEvents.action, action)));

beforeAll(async () => {
  world = await buildWorld(t.db);
  campaign = await campaignFixture(t.db, world);
  const { id, token } = await atSignOff(t.db, world, campaign, { title: "Evidence reel" });
  signedOff = id;
  // An internal comment before the sign-off: the pack must never carry it.
  const { action } = await import("~/routes/w.$workspace.deliverables.$deliverableId");
  const commented = await call(
    action,
    makeRequest(`/w/${world.a.slug}/deliverables/${id}`, {
      form: { intent: "comment", version: "1", body: INTERNAL, internal: "on" },
      cookie: await sessionCookie(world.users.agencyMember.id),
    }),
    { workspace: world.a.slug, deliverableId: id },
  );
  expect(commented.status).toBeLessThan(400);
  const res = await postLink(token, { intent: "decide", version: "1", decision: "approve" }, { ip: LEAD_IP });
  expect(res.status).toBeLessThan(400);
});

describe("sealed at the brand sign-off", () => {
  it("recomputes to the hash the audit trail recorded at the sign-off, and one changed byte does not", async () => {
    const pack = await download(signedOff);
    expect(pack.entries).toHaveLength(1);
    const [sealed] = pack.entries;
    const [signOff] = await eventsOf(signedOff, "draft.signed_off");
    const recorded = (signOff.data.evidence as { sha256: string }).sha256;
    expect(recorded).toMatch(/^[a-f0-9]{64}$/);
    expect((await recordedHashes(signedOff)).get(0)).toBe(recorded);
    expect(hashOf(sealed.body)).toBe(recorded);
    expect(sealed.sha256).toBe(recorded);
    expect(pack.verified).toBe(true);

    const approved = sealed.body.approvedVersion as { copy: string };
    const tampered = structuredClone(sealed.body) as typeof sealed.body & { approvedVersion: { copy: string } };
    tampered.approvedVersion.copy = approved.copy.replace("M", "N");
    expect(tampered.approvedVersion.copy).not.toBe(approved.copy);
    expect(hashOf(tampered)).not.toBe(recorded);
  });

  it("holds the approved version, its checks, and every decision with who, when, IP and channel", async () => {
    const { entries } = await download(signedOff);
    const body = entries[0].body as unknown as {
      kind: string;
      prev: string | null;
      approvedVersion: { version: number; copy: string };
      checks: { ok: boolean }[];
      decisions: { by: { email: string }; channel: string; ip: string | null; version: number; decision: string; at: string }[];
    };
    expect(body.kind).toBe("signoff");
    expect(body.prev).toBeNull();
    expect(body.approvedVersion).toMatchObject({ version: 1, copy: GOOD_COPY });
    expect(body.checks.length).toBeGreaterThan(0);
    expect(body.checks.every((c) => c.ok)).toBe(true);
    expect(body.decisions.map((d) => [d.by.email, d.decision, d.version, d.channel])).toEqual([
      [world.users.agencyMember.email, "approve", 1, "page"],
      [world.users.brandLead.email, "approve", 1, "decision_link"],
    ]);
    expect(body.decisions[1].ip).toBe(LEAD_IP);
    expect(JSON.stringify(entries)).not.toContain("INTERNAL-ev1d");
  });

  it("cannot be rewritten: the ledger refuses an update", async () => {
    await expect(t.db.update(evidenceEntries).set({ body: "{}" }).where(eq(evidenceEntries.deliverableId, signedOff))).rejects.toThrow();
  });
});

describe("events after the seal", () => {
  it("are appended with their own hash, chained to the one before and recorded when they happen", async () => {
    const coordinator = await ctxOf(world, "coordinator");
    expect((await markScheduled(coordinator, { deliverableId: signedOff })).ok).toBe(true);
    expect((await markPublished(coordinator, { deliverableId: signedOff, liveUrl: "https://x.com/lumen/status/1" })).ok).toBe(true);
    const { entries, verified } = await download(signedOff, "brandLead");
    expect(entries.map((e) => [e.kind, e.body.event ?? e.body.kind])).toEqual([
      ["sealed", "signoff"],
      ["event", "deliverable.scheduled"],
      ["event", "deliverable.published"],
    ]);
    const recorded = await recordedHashes(signedOff);
    for (const [i, entry] of entries.entries()) {
      expect(hashOf(entry.body)).toBe(recorded.get(entry.seq));
      expect(entry.body.prev).toBe(i === 0 ? null : entries[i - 1].sha256);
      expect(entry.recordedAt).not.toBeNull();
    }
    expect((entries[2].body.data as { liveUrl: string }).liveUrl).toBe("https://x.com/lumen/status/1");
    expect(verified).toBe(true);
  });
});

describe("an override", () => {
  it("of a blocked deliverable with no pack seals one with the reason, as its own hashed entry", async () => {
    const id = await submittedDeliverable(world, campaign, { title: "Blocked reel" });
    await t.db.update(deliverables).set({ blocked: true }).where(eq(deliverables.id, id));
    const admin = await ctxOf(world, "admin");
    const overridden = await overrideBlock(admin, { deliverableId: id, reason: "Approved by phone with Lena, 10:05." });
    expect(overridden.ok).toBe(true);
    const { entries } = await download(id);
    expect(entries).toHaveLength(1);
    const body = entries[0].body as unknown as { kind: string; overrides: { by: string; reason: string }[] };
    expect(body.kind).toBe("override");
    expect(body.overrides).toEqual([
      expect.objectContaining({ by: world.users.admin.email, reason: "Approved by phone with Lena, 10:05." }),
    ]);
    expect(hashOf(entries[0].body)).toBe((await recordedHashes(id)).get(0));
  });

  it("after a sign-off that a new version ended is appended to the pack, with its own hash", async () => {
    const id = await submittedDeliverable(world, campaign, { title: "Signed, then changed" });
    for (const who of ["agencyMember", "brandLead"] as const) {
      expect((await decide(await ctxOf(world, who), { deliverableId: id, version: 1, decision: "approve", comment: null })).ok).toBe(true);
    }
    const v2 = await submitVersion(await ctxOf(world, "creator"), {
      deliverableId: id,
      copy: `${GOOD_COPY} Now with the price.`,
      title: null,
      link: GOOD_LINK,
      mediaFileIds: [],
      basedOnVersion: 1,
    });
    expect(v2.ok).toBe(true);
    // The deadline job would block it now (no sign-off on v2); the admin accepts it as it is.
    await t.db.update(deliverables).set({ blocked: true }).where(eq(deliverables.id, id));
    const overridden = await overrideBlock(await ctxOf(world, "admin"), { deliverableId: id, reason: "Price line approved by phone." });
    expect(overridden.ok).toBe(true);
    const { entries, verified } = await download(id);
    expect(entries.map((e) => e.body.event ?? e.body.kind)).toEqual(["signoff", "draft.submitted", "deliverable.override"]);
    const last = entries.at(-1)!;
    expect((last.body.data as { reason: string }).reason).toBe("Price line approved by phone.");
    expect(hashOf(last.body)).toBe((await recordedHashes(id)).get(last.seq));
    expect(verified).toBe(true);
  });
});

describe("who reads it", () => {
  it.each(["creator", "clientContact"] as const)("is not there for the %s (404, as if missing)", async (who) => {
    expect((await get("evidence", signedOff, who)).status).toBe(404);
    expect((await get("evidence.json", signedOff, who)).status).toBe(404);
  });

  it("says when there will be one, before anything is sealed: the page explains, the download answers 409", async () => {
    const id = await submittedDeliverable(world, campaign, { title: "Not yet signed" });
    const page = await get("evidence", id, "coordinator");
    expect(page.status).toBe(200);
    expect(await jsonOf(page)).toMatchObject({ ledger: null, notYet: expect.stringContaining("sealed when the brand signs off") });
    const json = await get("evidence.json", id, "coordinator");
    expect(json.status).toBe(409);
    expect(JSON.stringify(await jsonOf(json))).toContain("There is no evidence pack yet");
  });

  it("answers 400 to an id that is not one", async () => {
    expect((await get("evidence", "not-an-id%00", "owner")).status).toBe(400);
    expect((await get("evidence.json", "x".repeat(5000), "owner")).status).toBe(400);
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  jsonData,
  orderDecisions,
  verifyChain,
  type LedgerEntryView,
  type PackDecision,
} from "~/modules/approvals/evidence/pack";
import { decisionChannelOf, decisionLinkActor, digestLinkActor, guestActor, memberActor } from "~/modules/workspaces/actor";

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys by code unit, drops spaces and undefined, writes numbers the ECMAScript way", () => {
    expect(canonicalJson({ b: 1, a: [true, null, 1e21, 0.5], é: "x", A: undefined })).toBe('{"a":[true,null,1e+21,0.5],"b":1,"é":"x"}');
  });

  it("matches the RFC's own example of key ordering", () => {
    // RFC 8785 §3.2.3: keys sort by their UTF-16 code units.
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // Read the values in the text's order (JSON.parse would move the integer-like key "1" first).
    expect([...canonicalJson(input).matchAll(/:"([^"]*)"/g)].map((m) => m[1])).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
  });

  it("turns a lone surrogate (which JCS refuses) into U+FFFD and a Date into ISO text", () => {
    expect(canonicalJson({ copy: "ok \ud800 end", at: new Date("2026-12-07T10:00:00Z") })).toBe(
      '{"at":"2026-12-07T10:00:00.000Z","copy":"ok \ufffd end"}',
    );
    expect(canonicalJson({ pair: "\ud83d\ude00" })).toBe('{"pair":"\ud83d\ude00"}');
  });

  it("gives the same text whatever order the keys were written in, so re-serializing a download reproduces the hash", () => {
    const text = canonicalJson({ z: { b: 2, a: 1 }, a: "x" });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    expect(canonicalJson({ a: "x", z: { a: 1, b: 2 } })).toBe(text);
  });

  it("keeps only JSON values of an event's data", () => {
    expect(jsonData({ when: new Date("2026-01-01T00:00:00Z"), gone: undefined, n: 2 })).toEqual({ n: 2, when: "2026-01-01T00:00:00.000Z" });
  });
});

describe("verifyChain", () => {
  const entry = (seq: number, prev: string | null, extra: object = {}): LedgerEntryView => {
    const body = canonicalJson({ seq, prev, ...extra });
    return { seq, kind: seq === 0 ? "sealed" : "event", body, sha256: sha(body), prevSha256: prev };
  };
  const chain = () => {
    const first = entry(0, null, { copy: "Morning glow" });
    const second = entry(1, first.sha256, { event: "deliverable.published" });
    return [first, second];
  };
  const recordedOf = (entries: LedgerEntryView[]) => new Map(entries.map((e) => [e.seq, e.sha256]));

  it("finds nothing wrong in an intact chain whose hashes the audit trail recorded", () => {
    const entries = chain();
    expect(verifyChain(entries, recordedOf(entries), sha)).toEqual([]);
  });

  it("names an entry whose content changed by one byte", () => {
    const entries = chain();
    const recorded = recordedOf(entries);
    entries[0] = { ...entries[0], body: entries[0].body.replace("Morning", "Mourning") };
    expect(verifyChain(entries, recorded, sha)).toEqual([{ seq: 0, problem: "hash_mismatch" }]);
  });

  it("names an entry that does not point at the one before (one dropped or reordered)", () => {
    const [first, second] = chain();
    const stray = entry(1, "0".repeat(64), { event: "deliverable.published" });
    expect(verifyChain([first, stray], recordedOf([first, stray]), sha)).toEqual([{ seq: 1, problem: "broken_link" }]);
    expect(verifyChain([first, second], recordedOf([first, second]), sha)).toEqual([]);
  });

  it("names an entry re-hashed consistently but not the one the audit trail recorded", () => {
    const entries = chain();
    const recorded = recordedOf(entries);
    const forged = entry(0, null, { copy: "Another caption" });
    expect(verifyChain([forged, entries[1]], recorded, sha)).toContainEqual({ seq: 0, problem: "not_recorded" });
  });
});

describe("decisionChannelOf", () => {
  const user = { id: "u1", email: "lena@lumen.example" };
  it.each([
    [memberActor(user).label, "page"],
    [decisionLinkActor(user).label, "decision_link"],
    [digestLinkActor(user).label, "digest_link"],
    [guestActor(user).label, "guest"],
  ])("reads %s as %s", (label, channel) => {
    expect(decisionChannelOf(label)).toBe(channel);
  });
});

describe("orderDecisions", () => {
  const d = (at: string, stage: string, version = 1): PackDecision => ({
    version,
    stage,
    decision: "approve",
    by: { name: "A", email: "a@x" },
    at,
    ip: null,
    channel: "page",
    onBehalfOf: null,
    comment: null,
  });
  it("orders by time, then version, then stage, whatever order they were read in", () => {
    const list = [
      d("2026-01-02T00:00:00.000Z", "Brand"),
      d("2026-01-01T00:00:00.000Z", "Agency"),
      d("2026-01-01T00:00:00.000Z", "Agency", 2),
    ];
    expect(orderDecisions(list).map((x) => [x.at.slice(0, 10), x.version])).toEqual([
      ["2026-01-01", 1],
      ["2026-01-01", 2],
      ["2026-01-02", 1],
    ]);
    expect(orderDecisions([...list].reverse())).toEqual(orderDecisions(list));
  });
});

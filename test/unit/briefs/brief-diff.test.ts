import { describe, expect, it } from "vitest";
import { diffBriefs, diffWords, isMaterialChange, type TextSegment } from "~/modules/briefs/brief-diff";
import type { Brief } from "~/modules/briefs/core-sections";
import { addCustomField, createBriefTemplate } from "~/modules/briefs/template";

const base = (): Brief => ({
  brandStory: "Oat drinks since 1994.",
  audience: "Urban home cooks.",
  keyMessage: "Oat milk that foams like dairy.",
  timeline: { kickoff: "2025-03-03", draftDue: "2025-03-14", publishStart: "2025-03-24", publishEnd: "2025-04-06" },
  guardrails: { sacred: "Never show the carton upside down." },
  successMetrics: [{ kpi: "Reach", target: "1M" }],
  deliverables: [{ channel: "Instagram", format: "Reel", count: 2 }],
  disclosure: "#ad",
  tracking: { utm: [{ param: "utm_source", value: "instagram" }], namingRule: "brand_campaign_yyyymm" },
  usageRights: "Organic use for 12 months.",
  approvers: ["dana@brand.example"],
  custom: {},
});
const template = createBriefTemplate();

const joined = (segments: TextSegment[], skip: TextSegment["kind"]) =>
  segments
    .filter((s) => s.kind !== skip)
    .map((s) => s.text)
    .join("");

describe("diffBriefs", () => {
  it("finds nothing between equal briefs, or ones differing only in line endings and edge spaces", () => {
    expect(diffBriefs(template, base(), base())).toEqual([]);
    expect(diffBriefs(template, { ...base(), brandStory: "A.\nB." }, { ...base(), brandStory: "  A.\r\nB. " })).toEqual([]);
    expect(isMaterialChange(template, base(), base())).toBe(false);
  });

  it("shows a key message change word by word, and calls it material", () => {
    const next = { ...base(), keyMessage: "Oat milk that foams better than dairy." };
    expect(diffBriefs(template, base(), next)).toEqual([
      {
        key: "keyMessage",
        label: "Key message",
        before: "Oat milk that foams like dairy.",
        after: "Oat milk that foams better than dairy.",
        material: true,
        segments: [
          { kind: "same", text: "Oat milk that foams " },
          { kind: "removed", text: "like" },
          { kind: "added", text: "better than" },
          { kind: "same", text: " dairy." },
        ],
      },
    ]);
    expect(isMaterialChange(template, base(), next)).toBe(true);
  });

  it("does not call brand story, audience, metrics or approver changes material", () => {
    const next = {
      ...base(),
      brandStory: "Oat drinks since 1995.",
      audience: "Home cooks.",
      successMetrics: [{ kpi: "Reach", target: "2M" }],
      approvers: ["dana@brand.example", "sam@brand.example"],
    };
    const changes = diffBriefs(template, base(), next);
    expect(changes.map((c) => [c.key, c.material])).toEqual([
      ["brandStory", false],
      ["audience", false],
      ["successMetrics", false],
      ["approvers", false],
    ]);
    expect(changes[2]).toMatchObject({ before: "Reach: 1M", after: "Reach: 2M" });
    expect(changes[2]).not.toHaveProperty("segments");
    expect(changes[3]).toMatchObject({ after: "dana@brand.example, sam@brand.example" });
    expect(isMaterialChange(template, base(), next)).toBe(false);
  });

  it.each<[string, Partial<Brief>]>([
    ["timeline.publishStart", { timeline: { ...base().timeline, publishStart: "2025-03-25" } }],
    ["guardrails.flexible", { guardrails: { sacred: "Never show the carton upside down.", flexible: "Music" } }],
    ["deliverables", { deliverables: [{ channel: "Instagram", format: "Reel", count: 3 }] }],
    ["disclosure", { disclosure: "#paidpartnership" }],
    ["tracking.utm", { tracking: { ...base().tracking, utm: [{ param: "utm_source" }] } }],
    ["tracking.namingRule", { tracking: { ...base().tracking, namingRule: "brand-campaign" } }],
    ["usageRights", { usageRights: "Organic use for 6 months." }],
  ])("treats any change to %s as material", (key, patch) => {
    const changes = diffBriefs(template, base(), { ...base(), ...patch });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ key, material: true });
    expect(isMaterialChange(template, base(), { ...base(), ...patch })).toBe(true);
  });

  it("displays lists as people read them", () => {
    const next = {
      ...base(),
      deliverables: [
        { channel: "TikTok", format: "Video", count: 1 },
        { channel: "Instagram", format: "Reel", count: 2 },
      ],
    };
    expect(diffBriefs(template, base(), next)[0]).toMatchObject({
      before: "2 × Instagram Reel",
      after: "1 × TikTok Video\n2 × Instagram Reel",
    });
    const utm = diffBriefs(template, base(), {
      ...base(),
      tracking: { ...base().tracking, utm: [{ param: "utm_source", value: "instagram" }, { param: "utm_id" }] },
    });
    expect(utm[0]).toMatchObject({ before: "utm_source=instagram", after: "utm_source=instagram\nutm_id (any value)" });
  });

  it("compares values, not display strings, and ignores blank rows and key order", () => {
    const one = { ...base(), approvers: ["Doe, Jane"] };
    expect(diffBriefs(template, one, { ...base(), approvers: ["Doe", "Jane"] })).toMatchObject([
      { key: "approvers", before: "Doe, Jane", after: "Doe, Jane" },
    ]);
    expect(diffBriefs(template, one, { ...one, approvers: ["Doe, Jane", " "] })).toEqual([]);
    expect(diffBriefs(template, { successMetrics: [] }, {})).toEqual([]);
    const reordered = { successMetrics: [{ target: "1M", kpi: "Reach" }] };
    expect(diffBriefs(template, reordered, { successMetrics: [{ kpi: "Reach", target: "1M" }] })).toEqual([]);
  });

  it("shows a field filled for the first time as before: empty", () => {
    const changes = diffBriefs(template, { keyMessage: "x" }, { keyMessage: "x", disclosure: "#ad" });
    expect(changes).toEqual([{ key: "disclosure", label: "Disclosure", before: "", after: "#ad", material: true }]);
  });

  it("uses the materiality the admin chose for a custom field", () => {
    const withCustom = addCustomField(
      addCustomField(template, {
        key: "hero-product",
        label: "Hero product",
        type: "text",
        required: false,
        material: true,
      }),
      {
        key: "platforms",
        label: "Platforms",
        type: "checklist",
        options: ["TikTok", "Instagram"],
        required: false,
        material: false,
      },
    );
    const before = { ...base(), custom: { "hero-product": "Barista", platforms: ["TikTok"] } };
    const onlyPlatforms = { ...before, custom: { ...before.custom, platforms: ["TikTok", "Instagram"] } };
    expect(diffBriefs(withCustom, before, onlyPlatforms)).toEqual([
      { key: "custom.platforms", label: "Platforms", before: "TikTok", after: "TikTok, Instagram", material: false },
    ]);
    expect(isMaterialChange(withCustom, before, onlyPlatforms)).toBe(false);
    expect(isMaterialChange(withCustom, before, { ...before, custom: { ...before.custom, "hero-product": "Original" } })).toBe(true);
  });
});

describe("diffWords", () => {
  it("marks added and removed words, removed first", () => {
    expect(diffWords("a quick fox", "a slow brown fox")).toEqual([
      { kind: "same", text: "a " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow brown" },
      { kind: "same", text: " fox" },
    ]);
    expect(diffWords("", "new text")).toEqual([{ kind: "added", text: "new text" }]);
    expect(diffWords("old", "")).toEqual([{ kind: "removed", text: "old" }]);
    expect(diffWords("same", "same")).toEqual([{ kind: "same", text: "same" }]);
  });

  it.each([
    ["The launch is on Monday.\nUse #ad.", "The launch moved to Tuesday.\nUse #ad and #sponsored."],
    ["one two three four five", "five four three two one"],
    ["Show the carton. Never upside down.", "Never show the carton."],
  ])("rebuilds both texts from its segments (%j)", (before, after) => {
    const segments = diffWords(before, after);
    expect(joined(segments, "added")).toBe(before);
    expect(joined(segments, "removed")).toBe(after);
    segments.slice(1).forEach((s, i) => expect(s.kind).not.toBe(segments[i].kind));
  });

  it("falls back to replace-all for texts too long to compare cheaply", () => {
    const before = Array.from({ length: 2100 }, (_, i) => `w${i}`).join(" ");
    const after = Array.from({ length: 2100 }, (_, i) => `v${i}`).join(" ");
    expect(diffWords(before, after)).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });

  it("reads a replaced phrase as one replacement, not words interleaved with shared spaces", () => {
    expect(diffWords("Cold brew that tastes like slow mornings.", "Cold brew for slow mornings, ready in the fridge.")).toEqual([
      { kind: "same", text: "Cold brew " },
      { kind: "removed", text: "that tastes like" },
      { kind: "added", text: "for" },
      { kind: "same", text: " slow " },
      { kind: "removed", text: "mornings." },
      { kind: "added", text: "mornings, ready in the fridge." },
    ]);
  });
});

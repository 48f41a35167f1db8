import { describe, expect, it } from "vitest";
import { briefSchema } from "~/modules/briefs/brief-schema";
import { briefCompleteness } from "~/modules/briefs/completeness";
import { missingFieldsMessage } from "~/modules/campaigns/campaign-status";
import type { Brief, BriefDraft } from "~/modules/briefs/core-sections";
import { addCustomField, createBriefTemplate, moveCustomField, type BriefTemplate } from "~/modules/briefs/template";

const completeBrief = (): Brief => ({
  brandStory: "Oat drinks since 1994.",
  audience: "Urban home cooks.",
  keyMessage: "Oat milk that foams like dairy.",
  timeline: { kickoff: "2025-03-03", draftDue: "2025-03-14", publishStart: "2025-03-24", publishEnd: "2025-04-06" },
  guardrails: { sacred: "Never show the carton upside down." },
  successMetrics: [{ kpi: "Reach", target: "1M" }],
  deliverables: [{ channel: "Instagram", format: "Reel", count: 2 }],
  disclosure: "#ad",
  tracking: { utm: [{ param: "utm_source" }], namingRule: "brand_campaign_yyyymm" },
  usageRights: "Organic use for 12 months.",
  approvers: ["dana@brand.example"],
  custom: {},
});

const CORE_REQUIRED_LABELS = [
  "Brand story",
  "Audience",
  "Key message",
  "Kickoff date",
  "Draft due date",
  "Publish window start",
  "Publish window end",
  "What is sacred",
  "Success metrics",
  "Deliverables",
  "Disclosure",
  "Required UTM parameters",
  "Naming rule",
  "Usage rights",
  "Approvers",
];

const withBudget = (required: boolean): BriefTemplate =>
  addCustomField(createBriefTemplate(), { key: "budget", label: "Budget", type: "number", required, material: false });

describe("briefCompleteness", () => {
  it("names every missing required core field, in template order, for an empty brief", () => {
    const result = briefCompleteness(createBriefTemplate(), {});
    expect(result.missing.map((m) => m.label)).toEqual(CORE_REQUIRED_LABELS);
    expect(result.missing.slice(3, 5)).toEqual([
      { key: "timeline.kickoff", label: "Kickoff date" },
      { key: "timeline.draftDue", label: "Draft due date" },
    ]);
    expect(result).toMatchObject({ percent: 0, complete: false });
  });

  it("rises as fields are filled and reaches 100% only when nothing is missing", () => {
    const template = createBriefTemplate();
    const full = completeBrief();
    const steps: BriefDraft[] = [
      {},
      { brandStory: full.brandStory },
      { brandStory: full.brandStory, audience: full.audience, keyMessage: full.keyMessage },
      { ...full, approvers: [] },
      full,
    ];
    const percents = steps.map((brief) => briefCompleteness(template, brief).percent);
    expect(percents).toEqual([0, Math.floor(100 / 15), 20, Math.floor((14 / 15) * 100), 100]);
    expect(briefCompleteness(template, full)).toEqual({ percent: 100, missing: [], problems: [], complete: true });
  });

  it("does not require the flexible guardrails", () => {
    expect(briefCompleteness(createBriefTemplate(), { ...completeBrief(), guardrails: { sacred: "Logo", flexible: "" } }).complete).toBe(
      true,
    );
  });

  it("counts blank text and half-filled list rows as missing", () => {
    const brief: BriefDraft = {
      ...completeBrief(),
      keyMessage: "   ",
      successMetrics: [{ kpi: "Reach", target: "1M" }, { kpi: "Saves" }],
      deliverables: [{ channel: "TikTok", format: "Video" }],
      tracking: { utm: [{ value: "instagram" }], namingRule: "x" },
      approvers: [""],
    };
    expect(briefCompleteness(createBriefTemplate(), brief).missing.map((m) => m.label)).toEqual([
      "Key message",
      "Success metrics",
      "Deliverables",
      "Required UTM parameters",
      "Approvers",
    ]);
  });

  it("counts a required custom field, after the core fields", () => {
    const result = briefCompleteness(withBudget(true), completeBrief());
    expect(result).toEqual({
      percent: Math.floor((15 / 16) * 100),
      missing: [{ key: "custom.budget", label: "Budget" }],
      problems: [],
      complete: false,
    });
    expect(briefCompleteness(withBudget(true), { custom: {} }).missing.at(-1)).toEqual({
      key: "custom.budget",
      label: "Budget",
    });
    expect(briefCompleteness(withBudget(true), { ...completeBrief(), custom: { budget: 0 } }).complete).toBe(true);
  });

  it("ignores optional custom fields and values of the wrong type do not count", () => {
    expect(briefCompleteness(withBudget(false), completeBrief())).toEqual({
      percent: 100,
      missing: [],
      problems: [],
      complete: true,
    });
    expect(briefCompleteness(withBudget(true), { ...completeBrief(), custom: { budget: "2500" } }).complete).toBe(false);
  });

  it("follows the custom field order of the template", () => {
    const template = addCustomField(withBudget(true), {
      key: "platforms",
      label: "Platforms",
      type: "checklist",
      options: ["TikTok"],
      required: true,
      material: false,
    });
    const labels = (t: BriefTemplate) => briefCompleteness(t, completeBrief()).missing.map((m) => m.label);
    expect(labels(template)).toEqual(["Budget", "Platforms"]);
    expect(labels(moveCustomField(template, "platforms", "up"))).toEqual(["Platforms", "Budget"]);
    expect(briefCompleteness(template, { ...completeBrief(), custom: { budget: 1, platforms: ["TikTok"] } }).percent).toBe(100);
  });
});

describe("briefCompleteness with the workspace's publish rules", () => {
  const rules = { disclosureWords: ["#ad", "#sponsored", "Paid partnership"] };
  const template = createBriefTemplate();

  it("names a filled brief's impossible plan and non-disclosure, and is then not complete nor 100%", () => {
    const brief = { ...completeBrief(), timeline: { ...completeBrief().timeline, draftDue: "2025-03-24" }, disclosure: "thanks!" };
    const result = briefCompleteness(template, brief, rules);
    expect(result.missing).toEqual([]);
    expect(result.problems.map((p) => [p.key, p.label])).toEqual([
      ["timeline.draftDue", "Draft due date"],
      ["disclosure", "Disclosure"],
    ]);
    expect(result).toMatchObject({ percent: 99, complete: false });
    expect(briefCompleteness(template, completeBrief(), rules)).toEqual({ percent: 100, missing: [], problems: [], complete: true });
  });

  it("without rules judges filled-ness only, as a version already published is judged", () => {
    const brief = { ...completeBrief(), disclosure: "thanks!" };
    expect(briefCompleteness(template, brief)).toMatchObject({ problems: [], complete: true });
  });
});

describe("completeness and the complete-mode schema", () => {
  // The campaign gate trusts the meter; the server validates with the schema. They must agree.
  const template = addCustomField(withBudget(true), {
    key: "platforms",
    label: "Platforms",
    type: "checklist",
    options: ["TikTok"],
    required: true,
    material: false,
  });
  const full: Brief = { ...completeBrief(), custom: { budget: 10, platforms: ["TikTok"] } };

  it.each<[string, BriefDraft]>([
    ["complete", full],
    ["empty", {}],
    ["one blank core field", { ...full, usageRights: " " }],
    ["a half-filled metric", { ...full, successMetrics: [{ kpi: "Reach" }] }],
    ["a half-filled deliverable", { ...full, deliverables: [{ channel: "TikTok", format: "Video" }] }],
    ["a nameless UTM row", { ...full, tracking: { utm: [{ value: "x" }], namingRule: "x" } }],
    ["no ticked option", { ...full, custom: { budget: 10, platforms: [] } }],
    ["no budget", { ...full, custom: { platforms: ["TikTok"] } }],
    ["no flexible guardrails", { ...full, guardrails: { sacred: "Logo" } }],
  ])("agree on a brief with %s", (_, brief) => {
    const draftValid = briefSchema(template).safeParse(brief);
    expect(draftValid.success).toBe(true);
    const meter = briefCompleteness(template, brief);
    expect(briefSchema(template, { mode: "complete" }).safeParse(brief).success).toBe(meter.complete);
  });
});

describe("missingFieldsMessage", () => {
  it("lists the labels in a sentence", () => {
    expect(missingFieldsMessage([{ label: "Key message" }, { label: "Success metrics" }])).toBe(
      "The brief is missing: Key message, Success metrics.",
    );
    expect(missingFieldsMessage([])).toBe("The brief is not complete.");
  });
});

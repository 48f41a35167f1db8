import { describe, expect, it } from "vitest";
import { fieldMessagesOf } from "~/utils/outcome";
import { briefSchema, formDataEntries, nestFormEntries, parseBriefFormData } from "~/modules/briefs/brief-schema";
import type { Brief } from "~/modules/briefs/core-sections";
import { addCustomField, createBriefTemplate, type BriefTemplate, type CustomField } from "~/modules/briefs/template";

const completeBrief = (): Brief => ({
  brandStory: "Oatly-style oat drinks since 1994.",
  audience: "Urban 20-35 year olds who cook at home.",
  keyMessage: "Oat milk that foams like dairy.",
  timeline: { kickoff: "2025-03-03", draftDue: "2025-03-14", publishStart: "2025-03-24", publishEnd: "2025-04-06" },
  guardrails: { sacred: "Never show the carton upside down." },
  successMetrics: [{ kpi: "Reach", target: "1M" }],
  deliverables: [{ channel: "Instagram", format: "Reel", count: 2 }],
  disclosure: "#ad",
  tracking: {
    utm: [{ param: "utm_source", value: "instagram" }, { param: "utm_campaign" }],
    namingRule: "brand_campaign_yyyymm",
  },
  usageRights: "Organic and paid use for 12 months.",
  approvers: ["dana@brand.example"],
  custom: {},
});

function templateWith(...fields: Omit<CustomField, "order">[]): BriefTemplate {
  return fields.reduce((t, f) => addCustomField(t, f), createBriefTemplate());
}
const custom = (key: string, type: CustomField["type"], extra: Partial<CustomField> = {}) => ({
  key,
  label: key[0].toUpperCase() + key.slice(1),
  type,
  required: false,
  material: false,
  ...extra,
});

function errorsOf(schema: ReturnType<typeof briefSchema>, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldMessagesOf(result.error.issues);
}

describe("briefSchema in draft mode", () => {
  const draft = briefSchema(createBriefTemplate(), { mode: "draft" });

  it("accepts an empty or half-written brief", () => {
    expect(draft.parse({})).toEqual({ timeline: {}, guardrails: {}, tracking: {}, custom: {} });
    expect(draft.parse({ keyMessage: "  Foams like dairy  ", successMetrics: [{ kpi: "Reach" }] })).toMatchObject({
      keyMessage: "Foams like dairy",
      successMetrics: [{ kpi: "Reach" }],
    });
  });

  it("still rejects what is there but wrong, and bounds lengths", () => {
    expect(errorsOf(draft, { timeline: { kickoff: "03/03/2025", draftDue: "2025-02-30" } })).toEqual({
      "timeline.kickoff": ["Enter a date as YYYY-MM-DD."],
      "timeline.draftDue": ["Enter a date as YYYY-MM-DD."],
    });
    expect(errorsOf(draft, { keyMessage: "x".repeat(5001) })).toEqual({
      keyMessage: ["Keep it under 5000 characters."],
    });
    expect(errorsOf(draft, { disclosure: 42 })).toHaveProperty("disclosure");
    expect(errorsOf(draft, { approvers: Array.from({ length: 21 }, (_, i) => `p${i}@x.example`) })).toEqual({
      approvers: ["Keep it to 20 entries."],
    });
  });

  it("keeps a timeline out of order: the order is checked when the brief is published (publish-rules.ts)", () => {
    const timeline = { kickoff: "2025-03-10", draftDue: "2025-03-24", publishStart: "2025-03-24", publishEnd: "2025-03-18" };
    expect(draft.parse({ timeline }).timeline).toEqual(timeline);
    expect(briefSchema(createBriefTemplate(), { mode: "complete" }).parse({ ...completeBrief(), timeline }).timeline).toEqual(timeline);
  });

  it("normalises line endings so a re-posted textarea is the same text", () => {
    expect(draft.parse({ brandStory: "One.\r\nTwo.\r\n" }).brandStory).toBe("One.\nTwo.");
  });
});

describe("briefSchema in complete mode", () => {
  const complete = briefSchema(createBriefTemplate(), { mode: "complete" });

  it("accepts a complete brief, with flexible guardrails optional", () => {
    expect(complete.parse(completeBrief())).toEqual(completeBrief());
  });

  it("names every required field that is missing or blank", () => {
    expect(errorsOf(complete, { keyMessage: "   " })).toEqual({
      brandStory: ["Brand story is required."],
      audience: ["Audience is required."],
      keyMessage: ["Key message is required."],
      "timeline.kickoff": ["Kickoff date is required."],
      "timeline.draftDue": ["Draft due date is required."],
      "timeline.publishStart": ["Publish window start is required."],
      "timeline.publishEnd": ["Publish window end is required."],
      "guardrails.sacred": ["What is sacred is required."],
      successMetrics: ["Success metrics is required."],
      deliverables: ["Deliverables is required."],
      disclosure: ["Disclosure is required."],
      "tracking.utm": ["Required UTM parameters is required."],
      "tracking.namingRule": ["Naming rule is required."],
      usageRights: ["Usage rights is required."],
      approvers: ["Approvers is required."],
    });
  });

  it("requires every part of each list row, reported on the row's own index", () => {
    const brief = {
      ...completeBrief(),
      successMetrics: [{ kpi: "Reach", target: "1M" }, { kpi: "", target: "" }, { kpi: "Saves" }],
    };
    expect(errorsOf(complete, brief)).toEqual({ "successMetrics.2.target": ["Target is required."] });
  });

  it("treats an all-blank list as missing", () => {
    expect(errorsOf(complete, { ...completeBrief(), approvers: ["", "  "] })).toEqual({
      approvers: ["Approvers is required."],
    });
  });

  it("wants whole, positive deliverable counts and each UTM parameter once", () => {
    const bad = {
      ...completeBrief(),
      deliverables: [
        { channel: "TikTok", format: "Video", count: 1.5 },
        { channel: "TikTok", format: "Story", count: 0 },
      ],
      tracking: { utm: [{ param: "utm_source" }, { param: "UTM_SOURCE" }], namingRule: "x" },
    };
    expect(errorsOf(complete, bad)).toEqual({
      "deliverables.0.count": ["Use a whole number."],
      "deliverables.1.count": ["At least 1."],
      "tracking.utm": ["Each parameter once."],
    });
    expect(errorsOf(complete, { ...completeBrief(), tracking: { utm: [{ param: "utm source" }], namingRule: "x" } })).toEqual({
      "tracking.utm.0.param": ["Use letters, digits, dots, dashes or underscores."],
    });
  });
});

describe("custom fields in the derived schema", () => {
  const template = templateWith(
    custom("budget", "number", { required: true }),
    custom("launch", "date"),
    custom("landing", "url"),
    custom("tier", "select", { options: ["Gold", "Silver"] }),
    custom("platforms", "checklist", { options: ["TikTok", "Instagram", "YouTube"] }),
  );
  const draft = briefSchema(template);
  const complete = briefSchema(template, { mode: "complete" });

  it("accepts well-typed values and coerces numeric text", () => {
    const parsed = draft.parse({
      custom: {
        budget: "12500.50",
        launch: "2025-04-01",
        landing: "https://brand.example/oat",
        tier: "Gold",
        platforms: ["TikTok", "YouTube"],
      },
    });
    expect(parsed.custom).toEqual({
      budget: 12500.5,
      launch: "2025-04-01",
      landing: "https://brand.example/oat",
      tier: "Gold",
      platforms: ["TikTok", "YouTube"],
    });
    expect(draft.parse({ custom: { platforms: "Instagram", budget: -3 } }).custom).toEqual({
      platforms: ["Instagram"],
      budget: -3,
    });
  });

  it.each([
    ["budget", "12,500", "Enter a number."],
    ["budget", "abc", "Enter a number."],
    ["launch", "2025-13-01", "Enter a date as YYYY-MM-DD."],
    ["landing", "brand.example/oat", "Enter a full web address starting with https://."],
    ["landing", "javascript:alert(1)", "Enter a full web address starting with https://."],
    ["tier", "Bronze", "Pick from: Gold, Silver."],
    ["platforms", ["TikTok", "Snapchat"], "Pick from: TikTok, Instagram, YouTube."],
    ["platforms", ["TikTok", "TikTok"], "Tick each option once."],
  ])("rejects custom.%s = %j", (key, value, message) => {
    expect(errorsOf(draft, { custom: { [key]: value } })).toEqual({ [`custom.${key}`]: [message] });
  });

  it("requires required custom fields only in complete mode, and drops unknown ones", () => {
    expect(draft.parse({ custom: { retired: "old value" } }).custom).toEqual({});
    expect(errorsOf(complete, completeBrief())).toEqual({ "custom.budget": ["Budget is required."] });
    expect(complete.parse({ ...completeBrief(), custom: { budget: "0" } }).custom).toEqual({ budget: 0 });
  });

  it("requires at least one ticked option for a required checklist", () => {
    const required = briefSchema(templateWith(custom("platforms", "checklist", { options: ["TikTok"], required: true })), {
      mode: "complete",
    });
    expect(errorsOf(required, { ...completeBrief(), custom: { platforms: [] } })).toEqual({
      "custom.platforms": ["Platforms is required."],
    });
    expect(required.parse({ ...completeBrief(), custom: { platforms: ["TikTok"] } }).custom).toEqual({
      platforms: ["TikTok"],
    });
  });
});

describe("parseBriefFormData", () => {
  const template = templateWith(custom("budget", "number"), custom("platforms", "checklist", { options: ["TikTok", "Instagram"] }));

  it("turns flat form fields into a typed brief", () => {
    const result = parseBriefFormData(template, {
      keyMessage: "Foams like dairy",
      "timeline.kickoff": "2025-03-03",
      "timeline.draftDue": "",
      "successMetrics.0.kpi": "Reach",
      "successMetrics.0.target": "1M",
      "successMetrics[1].kpi": "Saves",
      "successMetrics[1].target": "5k",
      "successMetrics.2.kpi": "",
      "successMetrics.2.target": "",
      "deliverables.0.channel": "TikTok",
      "deliverables.0.format": "Video",
      "deliverables.0.count": "3",
      approvers: ["dana@brand.example", "", "Sam Lee"],
      "custom.budget": "2500",
      "custom.platforms": "TikTok",
    });
    expect(result).toEqual({
      success: true,
      data: {
        keyMessage: "Foams like dairy",
        timeline: { kickoff: "2025-03-03" },
        successMetrics: [
          { kpi: "Reach", target: "1M" },
          { kpi: "Saves", target: "5k" },
        ],
        deliverables: [{ channel: "TikTok", format: "Video", count: 3 }],
        approvers: ["dana@brand.example", "Sam Lee"],
        guardrails: {},
        tracking: {},
        custom: { budget: 2500, platforms: ["TikTok"] },
      },
    });
  });

  it("returns errors keyed by form field name", () => {
    const result = parseBriefFormData(template, {
      "deliverables.0.channel": "TikTok",
      "deliverables.0.count": "two",
      "custom.budget": "lots",
    });
    expect(result).toEqual({
      success: false,
      fieldErrors: { "deliverables.0.count": ["Enter a number."], "custom.budget": ["Enter a number."] },
    });
  });

  it("applies complete mode when asked", () => {
    const result = parseBriefFormData(template, { keyMessage: "x" }, { mode: "complete" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.fieldErrors.brandStory).toEqual(["Brand story is required."]);
  });

  it("ignores names that could pollute prototypes or allocate huge lists", () => {
    const nested = nestFormEntries({
      "__proto__.polluted": "yes",
      "a.constructor.prototype.x": "1",
      "approvers.100000": "x",
      "b..c": "1",
    });
    expect(nested).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps row positions when rows are missing from the post", () => {
    expect(nestFormEntries({ "rows.2.a": "z", "rows.0.a": "x" })).toEqual({
      rows: [{ a: "x" }, undefined, { a: "z" }],
    });
  });

  it("collects FormData with repeated checkboxes into lists", () => {
    const form = new FormData();
    form.append("custom.platforms", "TikTok");
    form.append("custom.platforms", "Instagram");
    form.append("keyMessage", "hi");
    form.append("upload", new Blob(["x"]), "x.txt");
    expect(formDataEntries(form)).toEqual({ "custom.platforms": ["TikTok", "Instagram"], keyMessage: "hi" });
  });
});

import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { briefSchema, parseBriefFormData } from "~/modules/briefs/brief-schema";
import {
  askedFor,
  conformErrors,
  conformName,
  editorValues,
  postedValues,
  serverMessages,
  stillAsked,
  withSpareRows,
  type EditorAnswer,
} from "~/modules/briefs/editor-form";
import { addCustomField, createBriefTemplate, templateFields } from "~/modules/briefs/template";

/** The brief editor's form as conform sees it: names, starting values, and which messages show (issue 15). */
const template = addCustomField(createBriefTemplate(), {
  key: "looks",
  label: "Looks",
  type: "checklist",
  required: false,
  material: false,
  options: ["Bright", "Moody"],
});
const fields = templateFields(template);

const answer = (over: Partial<EditorAnswer> = {}): EditorAnswer => ({
  ok: true,
  intent: "save",
  errors: {},
  formError: null,
  values: {},
  savedAt: null,
  completeness: null,
  ...over,
});

describe("names", () => {
  it("turns the server's dotted row paths into conform's brackets and leaves the rest", () => {
    expect(conformName("successMetrics.0.kpi")).toBe("successMetrics[0].kpi");
    expect(conformName("tracking.utm.12.param")).toBe("tracking.utm[12].param");
    expect(conformName("approvers.3")).toBe("approvers[3]");
    expect(conformName("timeline.kickoff")).toBe("timeline.kickoff");
    expect(conformName("custom.hero-product")).toBe("custom.hero-product");
    expect(conformErrors({ "deliverables.0.count": ["Enter a number."], disclosure: ["x"] })).toEqual({
      "deliverables[0].count": ["Enter a number."],
      disclosure: ["x"],
    });
  });

  it("the browser's check and the server's parse of the same form name the same fields, with the same messages", () => {
    const posted = {
      keyMessage: "x".repeat(5001),
      "timeline.kickoff": "2026-13-45",
      "successMetrics.0.kpi": "Reach",
      "deliverables.0.count": "two",
      "tracking.utm.0.param": "utm source",
      "custom.looks": ["", "Sparkly"],
    };
    const server = parseBriefFormData(template, posted);
    expect(server.success).toBe(false);
    const formData = new FormData();
    for (const [name, value] of Object.entries(posted))
      for (const v of [value].flat()) formData.append(name.replace(/\.(\d+)(?=\.|$)/g, "[$1]"), v);
    const browser = parseWithZod(formData, { schema: briefSchema(template), disableAutoCoercion: true });
    expect(browser.status).toBe("error");
    expect(browser.status === "error" ? browser.error : null).toEqual(conformErrors(server.success ? {} : server.fieldErrors));
  });
});

describe("starting values", () => {
  it("shows each list with what is there and one spare row, at least two", () => {
    expect(withSpareRows(undefined, "metric_list")).toEqual([{}, {}]);
    expect(withSpareRows([{ kpi: "Reach" }], "metric_list")).toEqual([{ kpi: "Reach" }, {}]);
    expect(withSpareRows(["a", "b"], "contact_list")).toEqual(["a", "b", ""]);
    expect(withSpareRows([undefined, "b"], "contact_list")).toEqual(["", "b", ""]);
  });

  it("nests the loader's values by field key, lists padded, absent values left out", () => {
    const values: Record<string, unknown> = {
      keyMessage: "Glow.",
      "timeline.kickoff": "2030-01-01",
      "timeline.draftDue": null,
      deliverables: [{ channel: "instagram", format: "Reel", count: 2 }],
      "custom.looks": ["Bright"],
    };
    const nested = editorValues(fields, (key) => values[key]);
    expect(nested).toMatchObject({
      keyMessage: "Glow.",
      timeline: { kickoff: "2030-01-01" },
      deliverables: [{ channel: "instagram", format: "Reel", count: 2 }, {}],
      successMetrics: [{}, {}],
      approvers: ["", ""],
      tracking: { utm: [{}, {}] },
      custom: { looks: ["Bright"] },
    });
    expect(nested.timeline).not.toHaveProperty("draftDue");
  });

  it("puts back what a plain form posted, in either name notation", () => {
    const nested = postedValues(fields, {
      keyMessage: "Typed",
      "successMetrics[0].kpi": "Reach",
      "successMetrics.1.kpi": "",
      "approvers.1": "Lena",
    });
    expect(nested).toMatchObject({
      keyMessage: "Typed",
      successMetrics: [{ kpi: "Reach" }, { kpi: "" }, {}],
      approvers: ["", "Lena", ""],
    });
  });
});

describe("messages", () => {
  const problem = {
    key: "timeline.draftDue" as const,
    label: "Draft due date",
    message: "The draft must be due before the publish window starts.",
  };

  it("the server's word: refused values over publish problems, the sentence under the form", () => {
    expect(serverMessages(answer(), [problem])).toEqual({ "timeline.draftDue": [problem.message] });
    const refused = answer({
      ok: false,
      errors: { "successMetrics.0.kpi": ["Keep it under 120 characters."] },
      formError: "Saved, except the highlighted fields: they keep their last saved value until they are fixed.",
      completeness: { percent: 50, missing: [], problems: [], complete: false },
    });
    // The answer's own (empty) problems replace the loader's.
    expect(serverMessages(refused, [problem])).toEqual({
      "successMetrics[0].kpi": ["Keep it under 120 characters."],
      "": ["Saved, except the highlighted fields: they keep their last saved value until they are fixed."],
    });
  });

  it("keeps of the publish check only what asks for the missing, until the server counts it filled", () => {
    const asked = askedFor(
      {
        keyMessage: ["Key message is required."],
        "timeline.kickoff": ["Enter a date as YYYY-MM-DD."],
        "successMetrics[0].target": ["Target is required."],
        approvers: ["Approvers is required."],
      },
      { "timeline.kickoff": ["Enter a date as YYYY-MM-DD."] },
    );
    expect(asked).toEqual({
      keyMessage: ["Key message is required."],
      "successMetrics[0].target": ["Target is required."],
      approvers: ["Approvers is required."],
    });
    const missing = (...keys: string[]) => ({ missing: keys.map((key) => ({ key, label: key })) });
    expect(stillAsked(asked, missing("successMetrics", "approvers"))).toEqual({
      "successMetrics[0].target": ["Target is required."],
      approvers: ["Approvers is required."],
    });
    expect(stillAsked(asked, missing())).toEqual({});
    expect(stillAsked(asked, null)).toBe(asked);
  });
});

describe("list limits count entries, not the editor's spare rows", () => {
  const draft = briefSchema(template);

  it("accepts every checklist option ticked next to the blank the form always posts", () => {
    const parsed = draft.safeParse({ custom: { looks: ["", "Bright", "Moody"] } });
    expect(parsed.success && parsed.data.custom).toEqual({ looks: ["Bright", "Moody"] });
  });

  it("accepts a full list with its spare row, refuses one entry more", () => {
    const metrics = Array.from({ length: 20 }, (_, i) => ({ kpi: `KPI ${i}`, target: "1" }));
    expect(draft.safeParse({ successMetrics: [...metrics, { kpi: "", target: "" }] }).success).toBe(true);
    const over = draft.safeParse({ successMetrics: [...metrics, { kpi: "One more", target: "1" }] });
    expect(over.success ? null : over.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["successMetrics", "Keep it to 20 entries."],
    ]);
  });
});

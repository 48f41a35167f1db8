import { describe, expect, it } from "vitest";
import { CORE_FIELDS, CORE_SECTIONS, coreField, readPath } from "~/modules/briefs/core-sections";

describe("core sections", () => {
  it("are the sections every brief has, in order", () => {
    expect(CORE_SECTIONS.map((s) => s.key)).toEqual([
      "brandStory",
      "audience",
      "keyMessage",
      "timeline",
      "guardrails",
      "successMetrics",
      "deliverables",
      "disclosure",
      "tracking",
      "usageRights",
      "approvers",
    ]);
  });

  it("mark exactly the product's material sections as material, field by field", () => {
    const material = ["keyMessage", "timeline", "guardrails", "deliverables", "disclosure", "tracking", "usageRights"];
    for (const section of CORE_SECTIONS) {
      expect(section.material, section.key).toBe(material.includes(section.key));
      for (const field of section.fields) expect(field.material, field.key).toBe(section.material);
    }
  });

  it("require every field except what is flexible in the guardrails", () => {
    expect(CORE_FIELDS.filter((f) => !f.required).map((f) => f.key)).toEqual(["guardrails.flexible"]);
  });

  it("give every field a label and help text, and the field types the editor renders", () => {
    for (const field of CORE_FIELDS) {
      expect(field.label.length, field.key).toBeGreaterThan(0);
      expect(field.help.length, field.key).toBeGreaterThan(0);
    }
    expect(CORE_FIELDS.map((f) => [f.key, f.type])).toEqual([
      ["brandStory", "long_text"],
      ["audience", "long_text"],
      ["keyMessage", "long_text"],
      ["timeline.kickoff", "date"],
      ["timeline.draftDue", "date"],
      ["timeline.publishStart", "date"],
      ["timeline.publishEnd", "date"],
      ["guardrails.sacred", "long_text"],
      ["guardrails.flexible", "long_text"],
      ["successMetrics", "metric_list"],
      ["deliverables", "deliverable_list"],
      ["disclosure", "text"],
      ["tracking.utm", "utm_list"],
      ["tracking.namingRule", "text"],
      ["usageRights", "long_text"],
      ["approvers", "contact_list"],
    ]);
    expect(coreField("timeline.draftDue")).toMatchObject({ section: "timeline", label: "Draft due date" });
  });
});

describe("readPath", () => {
  it("reads nested values and nothing inherited", () => {
    const brief = { timeline: { kickoff: "2025-03-03" }, custom: { budget: 10 } };
    expect(readPath(brief, "timeline.kickoff")).toBe("2025-03-03");
    expect(readPath(brief, "custom.budget")).toBe(10);
    expect(readPath(brief, "timeline.draftDue")).toBeUndefined();
    expect(readPath(brief, "guardrails.sacred")).toBeUndefined();
    expect(readPath(brief, "custom.constructor")).toBeUndefined();
    expect(readPath({ keyMessage: "x" }, "keyMessage.length")).toBeUndefined();
  });
});

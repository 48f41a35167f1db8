import { describe, expect, it } from "vitest";
import { CORE_FIELDS } from "~/modules/briefs/core-sections";
import { DomainError } from "~/utils/outcome";
import {
  addCustomField,
  bumpTemplateVersion,
  createBriefTemplate,
  moveCustomField,
  removeCustomField,
  reorderCustomFields,
  saveTemplateEdit,
  templateFields,
  type BriefTemplate,
  type CustomField,
} from "~/modules/briefs/template";

const field = (key: string, extra: Partial<CustomField> = {}): Omit<CustomField, "order"> => ({
  key,
  label: key.toUpperCase(),
  type: "text",
  required: false,
  material: false,
  ...extra,
});

function withFields(...keys: string[]): BriefTemplate {
  return keys.reduce((t, key) => addCustomField(t, field(key)), createBriefTemplate());
}

const keysOf = (t: BriefTemplate) =>
  templateFields(t)
    .filter((f) => f.key.startsWith("custom."))
    .map((f) => f.key);

function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("brief template", () => {
  it("starts at version 1 with the core sections only", () => {
    const template = createBriefTemplate();
    expect(template).toEqual({ version: 1, customFields: [] });
    expect(templateFields(template).map((f) => f.key)).toEqual(CORE_FIELDS.map((f) => f.key));
    expect(
      templateFields(template)
        .slice(0, 3)
        .map((f) => f.label),
    ).toEqual(["Brand story", "Audience", "Key message"]);
  });

  it("adds custom fields after the core, in order, without touching the original", () => {
    const original = Object.freeze(createBriefTemplate());
    const one = addCustomField(original, field("budget", { type: "number", required: true }));
    const two = addCustomField(one, field("hero-product"));
    expect(original.customFields).toEqual([]);
    expect(one.customFields).toHaveLength(1);
    expect(two.customFields.map((f) => [f.key, f.order])).toEqual([
      ["budget", 0],
      ["hero-product", 1],
    ]);
    expect(keysOf(two)).toEqual(["custom.budget", "custom.hero-product"]);
    expect(templateFields(two).at(-2)).toMatchObject({
      key: "custom.budget",
      label: "BUDGET",
      type: "number",
      required: true,
    });
    expect(two.version).toBe(1); // structural edits do not save; saving bumps the version
  });

  it.each([
    ["brand-story", "core section"],
    ["keymessage", "core section"],
    ["timeline", "core section"],
    ["timeline-kickoff", "core section"],
    ["approvers", "core section"],
  ])("refuses a key %s that collides with a core key", (key, message) => {
    const error = domainError(() => addCustomField(createBriefTemplate(), field(key)));
    expect(error.code).toBe("invalid_template");
    expect(error.message).toContain(message);
  });

  it.each(["Budget", "2nd-product", "hero_product", "-x", ""])("refuses the key %j, which is not a slug", (key) => {
    expect(domainError(() => addCustomField(createBriefTemplate(), field(key))).code).toBe("invalid_template");
  });

  it("refuses a duplicate key", () => {
    const error = domainError(() => addCustomField(withFields("budget"), field("budget")));
    expect(error.message).toBe('The key "budget" is used twice.');
  });

  it("requires at least one unique option for select and checklist", () => {
    expect(domainError(() => addCustomField(createBriefTemplate(), field("tier", { type: "select" }))).message).toBe(
      "Add at least one option.",
    );
    expect(domainError(() => addCustomField(createBriefTemplate(), field("tier", { type: "checklist", options: ["", " "] }))).message).toBe(
      "Add at least one option.",
    );
    expect(domainError(() => addCustomField(createBriefTemplate(), field("tier", { type: "select", options: ["A", "A"] }))).message).toBe(
      "Options must be unique.",
    );
    const ok = addCustomField(createBriefTemplate(), field("tier", { type: "select", options: [" Gold ", "Silver"] }));
    expect(ok.customFields[0].options).toEqual(["Gold", "Silver"]);
  });

  it("drops options on fields that do not choose from a list", () => {
    const template = addCustomField(createBriefTemplate(), field("notes", { type: "long_text", options: ["left over"] }));
    expect(template.customFields[0]).not.toHaveProperty("options");
  });

  it("removes a custom field and renumbers the rest", () => {
    const template = removeCustomField(withFields("a", "b", "c"), "b");
    expect(template.customFields.map((f) => [f.key, f.order])).toEqual([
      ["a", 0],
      ["c", 1],
    ]);
  });

  it("refuses to remove a core section or an unknown field", () => {
    expect(domainError(() => removeCustomField(withFields("a"), "keyMessage"))).toMatchObject({
      code: "core_section",
      message: "Core sections cannot be removed from the brief.",
    });
    expect(domainError(() => removeCustomField(withFields("a"), "b")).code).toBe("unknown_field");
  });

  it("reorders when every field is named exactly once", () => {
    const template = reorderCustomFields(withFields("a", "b", "c"), ["c", "a", "b"]);
    expect(keysOf(template)).toEqual(["custom.c", "custom.a", "custom.b"]);
    expect(template.customFields.map((f) => f.order)).toEqual([0, 1, 2]);
    for (const bad of [
      ["c", "a"],
      ["c", "a", "a"],
      ["c", "a", "b", "d"],
      ["c", "a", "x"],
    ]) {
      expect(domainError(() => reorderCustomFields(withFields("a", "b", "c"), bad)).code).toBe("invalid_template");
    }
  });

  it("moves a field one step, and not past either end", () => {
    const template = withFields("a", "b", "c");
    expect(keysOf(moveCustomField(template, "c", "up"))).toEqual(["custom.a", "custom.c", "custom.b"]);
    expect(keysOf(moveCustomField(template, "a", "down"))).toEqual(["custom.b", "custom.a", "custom.c"]);
    expect(keysOf(moveCustomField(template, "a", "up"))).toEqual(["custom.a", "custom.b", "custom.c"]);
    expect(keysOf(moveCustomField(template, "c", "down"))).toEqual(["custom.a", "custom.b", "custom.c"]);
    expect(domainError(() => moveCustomField(template, "z", "up")).code).toBe("unknown_field");
  });

  it("bumps the version to N+1 as a new object", () => {
    const v1 = Object.freeze(withFields("a"));
    const v2 = bumpTemplateVersion(v1);
    expect(v2.version).toBe(2);
    expect(bumpTemplateVersion(v2).version).toBe(3);
    expect(v1.version).toBe(1);
    expect(v2.customFields).toEqual(v1.customFields);
  });

  it("saves an edit posted by a plain form as the next version", () => {
    const result = saveTemplateEdit(bumpTemplateVersion(createBriefTemplate()), {
      customFields: [
        {
          key: "platforms",
          label: "Platforms",
          type: "checklist",
          required: "on",
          options: "TikTok\r\nInstagram\n\n",
          order: "1",
        },
        { key: "budget", label: "Budget", type: "number", order: "0" },
      ],
    });
    expect(result).toEqual({
      success: true,
      template: {
        version: 3,
        customFields: [
          { key: "budget", label: "Budget", type: "number", required: false, material: false, order: 0 },
          {
            key: "platforms",
            label: "Platforms",
            type: "checklist",
            required: true,
            material: false,
            options: ["TikTok", "Instagram"],
            order: 1,
          },
        ],
      },
    });
  });

  it("returns field errors by path when an edit is invalid", () => {
    const result = saveTemplateEdit(createBriefTemplate(), {
      customFields: [
        { key: "budget", label: "Budget", type: "number", order: 0 },
        { key: "budget", label: "", type: "select", order: 1 },
      ],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.fieldErrors).toEqual({
      "customFields.1.label": ["Give the field a label."],
      "customFields.1.options": ["Add at least one option."],
    });
  });
});

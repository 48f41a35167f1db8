import { displayValue } from "./brief-diff";
import { CORE_SECTIONS, readPath, type BriefDraft } from "./core-sections";
import { formatIsoDay } from "./format";
import { sortedCustomFields, type BriefTemplate } from "./template";

/** A published brief laid out for reading: sections, each with its filled fields as text lines. */
export interface DisplaySection {
  key: string;
  label: string;
  fields: { key: string; label: string; lines: string[]; long: boolean }[];
}

export function displaySections(template: BriefTemplate, content: BriefDraft): DisplaySection[] {
  const render = (type: Parameters<typeof displayValue>[0], value: unknown) => {
    if (type === "date" && typeof value === "string") return [formatIsoDay(value)];
    if (type === "checklist" && Array.isArray(value)) return value.map(String);
    if (type === "contact_list" && Array.isArray(value)) return value.map(String).filter(Boolean);
    const text = displayValue(type, value);
    return text === "" ? [] : type.endsWith("_list") ? text.split("\n") : [text];
  };
  const core = CORE_SECTIONS.map((section) => ({
    key: section.key as string,
    label: section.label,
    fields: section.fields
      .map((f) => ({ key: f.key as string, label: f.label, lines: render(f.type, readPath(content, f.key)), long: f.type === "long_text" }))
      .filter((f) => f.lines.length > 0),
  }));
  const custom = sortedCustomFields(template).map((f) => ({
    key: `custom.${f.key}`,
    label: f.label,
    fields: [
      { key: `custom.${f.key}`, label: f.label, lines: render(f.type, readPath(content, `custom.${f.key}`)), long: f.type === "long_text" },
    ].filter((x) => x.lines.length > 0),
  }));
  return [...core, ...custom].filter((s) => s.fields.length > 0);
}

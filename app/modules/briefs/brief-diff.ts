import { readPath, type BriefDraft } from "./core-sections";
import { templateFields, type BriefFieldType, type BriefTemplate } from "./template";

/**
 * What changed between two versions of a brief, field by field, as people read it. A change to
 * a material field makes a new version that everyone assigned must acknowledge again.
 */

export interface TextSegment {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface FieldChange {
  key: string;
  label: string;
  before: string; // "" when the field was empty
  after: string;
  material: boolean;
  /** Word by word, for long texts, so a creator sees exactly what moved in the key message. */
  segments?: TextSegment[];
}

export function diffBriefs(template: BriefTemplate, previous: BriefDraft, next: BriefDraft): FieldChange[] {
  return templateFields(template).flatMap((field) => {
    const [was, is] = [readPath(previous, field.key), readPath(next, field.key)];
    if (JSON.stringify(canonical(was)) === JSON.stringify(canonical(is))) return [];
    const before = displayValue(field.type, was);
    const after = displayValue(field.type, is);
    const change: FieldChange = { key: field.key, label: field.label, before, after, material: field.material };
    return [field.type === "long_text" ? { ...change, segments: diffWords(before, after) } : change];
  });
}

export function isMaterialChange(template: BriefTemplate, previous: BriefDraft, next: BriefDraft): boolean {
  return diffBriefs(template, previous, next).some((change) => change.material);
}

const str = (v: unknown): string => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : typeof v === "number" ? String(v) : "");
const part = (row: unknown, key: string): string =>
  typeof row === "object" && row !== null ? str((row as Record<string, unknown>)[key]) : "";

// What a reader cannot see (line endings, surrounding spaces, blank rows, key order) is not a
// change; anything else is. Values are compared, not display strings, so "Doe, Jane" stays one approver.
function canonical(value: unknown): unknown {
  if (typeof value === "string") return str(value) || undefined;
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value)
    .map(([k, v]) => [k, canonical(v)] as const)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

export function displayValue(type: BriefFieldType, value: unknown): string {
  if (!Array.isArray(value)) return str(value);
  const rows: unknown[] = value;
  switch (type) {
    case "metric_list":
      return rows.map((r) => `${part(r, "kpi")}: ${part(r, "target")}`).join("\n");
    case "deliverable_list":
      return rows.map((r) => `${part(r, "count")} × ${part(r, "channel")} ${part(r, "format")}`.trim()).join("\n");
    case "utm_list":
      return rows.map((r) => (part(r, "value") ? `${part(r, "param")}=${part(r, "value")}` : `${part(r, "param")} (any value)`)).join("\n");
    default:
      return rows
        .map(str)
        .filter((s) => s !== "")
        .join(", ");
  }
}

// Beyond this many token pairs the table would cost too much memory; such texts are shown as
// replaced wholesale. Brief texts are capped at 5,000 characters, so this is a guard, not a path.
const MAX_DIFF_CELLS = 4_000_000;

/** Word-level diff: removed text comes before the text that replaced it. */
export function diffWords(before: string, after: string): TextSegment[] {
  const a = before.match(/\S+\s*|\s+/g) ?? [];
  const b = after.match(/\S+\s*|\s+/g) ?? [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const segments: TextSegment[] = [];
  const push = (kind: TextSegment["kind"], text: string) => {
    const last = segments[segments.length - 1];
    if (last?.kind === kind) last.text += text;
    else if (text !== "") segments.push({ kind, text });
  };
  push("same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if ((midA.length + 1) * (midB.length + 1) > MAX_DIFF_CELLS) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  } else {
    for (const [kind, text] of changeBlocks([...lcsWalk(midA, midB)])) push(kind, text);
  }
  push("same", a.slice(endA).join(""));
  return segments;
}

// Tokens are words with their trailing space, so shared spaces never outweigh shared words;
// a replaced run of words is one removal then one addition.
function* changeBlocks(tokens: [TextSegment["kind"], string][]): Generator<[TextSegment["kind"], string]> {
  const isGap = (k: number) => tokens[k]?.[0] === "same" && /^\s+$/.test(tokens[k][1]);
  const isChange = (k: number) => k < tokens.length && tokens[k][0] !== "same";
  let k = 0;
  while (k < tokens.length) {
    if (!isChange(k)) {
      yield tokens[k++];
      continue;
    }
    let removed = "";
    let added = "";
    while (isChange(k) || (isGap(k) && isChange(k + 1))) {
      const [kind, text] = tokens[k++];
      if (kind !== "added") removed += text;
      if (kind !== "removed") added += text;
    }
    // The space after a replaced phrase belongs to both texts: shown as kept, not as changed.
    const trail = (t: string) => /\s*$/.exec(t)![0];
    const kept = removed && added && trail(removed) === trail(added) ? trail(removed) : "";
    yield ["removed", removed.slice(0, removed.length - kept.length)];
    yield ["added", added.slice(0, added.length - kept.length)];
    yield ["same", kept];
  }
}

// Longest common subsequence over tokens; lcs[i][j] is the LCS length of a[i..] and b[j..].
function* lcsWalk(a: string[], b: string[]): Generator<[TextSegment["kind"], string]> {
  const width = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      yield ["same", a[i++]];
      j++;
    } else if (j >= b.length || (i < a.length && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
      yield ["removed", a[i++]];
    } else {
      yield ["added", b[j++]];
    }
  }
}

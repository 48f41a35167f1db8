/**
 * The core of every brief: sections a workspace cannot remove, written once as data so the
 * schema, the completeness meter, the diff and the form all read the same labels and rules.
 */

export interface Timeline {
  kickoff: string; // ISO calendar dates (yyyy-MM-dd): a deadline day, not an instant
  draftDue: string;
  publishStart: string;
  publishEnd: string;
}
export interface Guardrails {
  sacred: string;
  flexible?: string;
}
export interface SuccessMetric {
  kpi: string;
  target: string;
}
export interface Deliverable {
  channel: string;
  format: string;
  count: number;
}
export interface UtmParameter {
  param: string;
  value?: string; // absent: the parameter must be present, any value is fine
}
export interface Tracking {
  utm: UtmParameter[];
  namingRule: string;
}
export type CustomValue = string | number | string[];

export interface Brief {
  brandStory: string;
  audience: string;
  keyMessage: string;
  timeline: Timeline;
  guardrails: Guardrails;
  successMetrics: SuccessMetric[];
  deliverables: Deliverable[];
  disclosure: string;
  tracking: Tracking;
  usageRights: string;
  approvers: string[]; // names or emails, as the brand wrote them
  custom: Partial<Record<string, CustomValue>>;
}

type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A brief being written: any part may be missing, but what is there is well typed. */
export type BriefDraft = DeepPartial<Brief>;

export type CoreFieldType =
  | "text"
  | "long_text"
  | "date"
  | "metric_list"
  | "deliverable_list"
  | "utm_list"
  | "contact_list";

export type CoreSectionKey = Exclude<keyof Brief, "custom">;

/** Dotted path into a brief; also the form field name ("timeline.kickoff"). */
export type CoreFieldKey =
  | Exclude<CoreSectionKey, "timeline" | "guardrails" | "tracking">
  | `timeline.${keyof Timeline}`
  | `guardrails.${keyof Guardrails}`
  | "tracking.utm"
  | "tracking.namingRule";

export interface CoreField {
  key: CoreFieldKey;
  section: CoreSectionKey;
  label: string;
  help: string;
  type: CoreFieldType;
  required: boolean;
  /** A change to a material field makes a new brief version that people must acknowledge again. */
  material: boolean;
}

export interface CoreSection {
  key: CoreSectionKey;
  label: string;
  help: string;
  material: boolean;
  fields: readonly CoreField[];
}

type FieldSpec = Pick<CoreField, "key" | "label" | "help" | "type"> & { required?: boolean };

// Materiality is decided per section: every field of a material section is material.
function section(key: CoreSectionKey, label: string, help: string, material: boolean, fields: FieldSpec[]): CoreSection {
  return {
    key,
    label,
    help,
    material,
    fields: fields.map((f) => ({ ...f, section: key, material, required: f.required ?? true })),
  };
}

function single(key: CoreSectionKey & CoreFieldKey, label: string, help: string, type: CoreFieldType, material: boolean) {
  return section(key, label, help, material, [{ key, label, help, type }]);
}

export const CORE_SECTIONS: readonly CoreSection[] = [
  single("brandStory", "Brand story", "Who the brand is and why it exists, in its own words.", "long_text", false),
  single("audience", "Audience", "Who this campaign speaks to and what they already believe.", "long_text", false),
  single("keyMessage", "Key message", "The one thing the audience should remember. Every draft is built around it.", "long_text", true),
  section("timeline", "Timeline", "The dates every handoff is planned against.", true, [
    { key: "timeline.kickoff", label: "Kickoff date", help: "When work starts.", type: "date" },
    { key: "timeline.draftDue", label: "Draft due date", help: "When first drafts are due for review.", type: "date" },
    { key: "timeline.publishStart", label: "Publish window start", help: "First day content may go live.", type: "date" },
    { key: "timeline.publishEnd", label: "Publish window end", help: "Last day content may go live.", type: "date" },
  ]),
  section("guardrails", "Creative guardrails", "What creators must keep and where they have freedom.", true, [
    { key: "guardrails.sacred", label: "What is sacred", help: "Must not change: claims, logo use, product shots.", type: "long_text" },
    // Optional because "everything is up to you" is a legitimate answer.
    { key: "guardrails.flexible", label: "What is flexible", help: "Where creators may use their own voice.", type: "long_text", required: false },
  ]),
  single("successMetrics", "Success metrics", "Each KPI with the target that counts as success.", "metric_list", false),
  single("deliverables", "Deliverables", "Each channel and format, and how many pieces.", "deliverable_list", true),
  single("disclosure", "Disclosure", "The disclosure every post must carry, e.g. #ad.", "text", true),
  section("tracking", "Tracking conventions", "How links must be tagged so results can be attributed.", true, [
    { key: "tracking.utm", label: "Required UTM parameters", help: "Each parameter a link must carry, with its value if fixed.", type: "utm_list" },
    { key: "tracking.namingRule", label: "Naming rule", help: "How campaign and content values are written, e.g. brand_campaign_yyyymm.", type: "text" },
  ]),
  single("usageRights", "Usage rights", "Where, how long and in which media the brand may reuse the content.", "long_text", true),
  single("approvers", "Approvers", "Who signs off, by name or email.", "contact_list", false),
];

export const CORE_FIELDS: readonly CoreField[] = CORE_SECTIONS.flatMap((s) => s.fields);

export function coreField(key: CoreFieldKey): CoreField {
  const field = CORE_FIELDS.find((f) => f.key === key);
  if (!field) throw new Error(`Unknown core field ${key}`); // unreachable: keys are typed
  return field;
}

/** Reads a dotted path ("timeline.kickoff", "custom.budget") from a brief or draft. */
export function readPath(brief: BriefDraft, path: string): unknown {
  let node: unknown = brief;
  for (const segment of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

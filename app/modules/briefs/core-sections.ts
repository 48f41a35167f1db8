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

type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A brief being written: any part may be missing, but what is there is well typed. */
export type BriefDraft = DeepPartial<Brief>;

export type CoreFieldType = "text" | "long_text" | "date" | "metric_list" | "deliverable_list" | "utm_list" | "contact_list";

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

type SectionSpec = Omit<CoreSection, "fields"> & {
  fields: (Omit<CoreField, "section" | "material" | "required"> & { required?: boolean })[];
};

// Materiality is decided per section: every field of a material section is material.
const section = ({ fields, ...spec }: SectionSpec): CoreSection => ({
  ...spec,
  fields: fields.map((f) => ({ ...f, section: spec.key, material: spec.material, required: f.required ?? true })),
});
// Most sections are one field, labelled like the section itself.
const single = (key: CoreSectionKey & CoreFieldKey, label: string, type: CoreFieldType, material: boolean, help: string) =>
  section({ key, label, help, material, fields: [{ key, label, help, type }] });

export const CORE_SECTIONS: readonly CoreSection[] = [
  single("brandStory", "Brand story", "long_text", false, "Who the brand is and why it exists, in its own words."),
  single("audience", "Audience", "long_text", false, "Who this campaign speaks to and what they already believe."),
  single("keyMessage", "Key message", "long_text", true, "The one thing the audience should remember."),
  section({
    key: "timeline",
    label: "Timeline",
    help: "The dates every handoff is planned against.",
    material: true,
    fields: [
      { key: "timeline.kickoff", label: "Kickoff date", type: "date", help: "When work starts." },
      { key: "timeline.draftDue", label: "Draft due date", type: "date", help: "When first drafts are due for review." },
      { key: "timeline.publishStart", label: "Publish window start", type: "date", help: "First day content may go live." },
      { key: "timeline.publishEnd", label: "Publish window end", type: "date", help: "Last day content may go live." },
    ],
  }),
  section({
    key: "guardrails",
    label: "Creative guardrails",
    help: "What creators must keep and where they have freedom.",
    material: true,
    fields: [
      { key: "guardrails.sacred", label: "What is sacred", type: "long_text", help: "Must not change: claims, logo, product shots." },
      // Optional because "everything else is up to you" is a legitimate answer.
      {
        key: "guardrails.flexible",
        label: "What is flexible",
        type: "long_text",
        help: "Where creators use their own voice.",
        required: false,
      },
    ],
  }),
  single("successMetrics", "Success metrics", "metric_list", false, "Each KPI with the target that counts as success."),
  single("deliverables", "Deliverables", "deliverable_list", true, "Each channel and format, and how many pieces."),
  single("disclosure", "Disclosure", "text", true, "The disclosure every post must carry, e.g. #ad."),
  section({
    key: "tracking",
    label: "Tracking conventions",
    help: "How links must be tagged so results can be attributed.",
    material: true,
    fields: [
      {
        key: "tracking.utm",
        label: "Required UTM parameters",
        type: "utm_list",
        help: "Each parameter a link must carry, and its value if fixed.",
      },
      { key: "tracking.namingRule", label: "Naming rule", type: "text", help: "How values are written, e.g. brand_campaign_yyyymm." },
    ],
  }),
  single("usageRights", "Usage rights", "long_text", true, "Where, for how long and in which media the brand may reuse the content."),
  single("approvers", "Approvers", "contact_list", false, "Who signs off, by name or email."),
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

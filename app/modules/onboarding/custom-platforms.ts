import { z } from "zod";
import { serviceTypes, type ServiceType } from "./presets";
import { agencyT } from "~/modules/i18n/agency";
import { text as textField } from "~/utils/text-schema";

/**
 * A platform the agency defines itself (issue 20, decision 061): what its admin types on the
 * settings page, checked here, stored as an immutable version. Pure, so the browser checks the
 * same rules the action does; the timed run of the pattern lives in custom-platforms.server.ts.
 */

export const LANGUAGES = ["en", "es", "de", "fr", "pt"] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language named in English for the admin; the words live in agency.json (`language`), the form reads them with t(). */
export const languageNames = Object.fromEntries(LANGUAGES.map((l) => [l, agencyT(`language.${l}`)])) as Record<Language, string>;

export const CUSTOM_PREFIX = "custom:";
export const PATTERN_MAX = 200;
export const MAX_STEPS = 20;
export const MAX_ROLES = 10;

export const isCustomKey = (key: string): boolean => key.startsWith(CUSTOM_PREFIX);
export const CUSTOM_KEY_PATTERN = /^custom:[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** `custom:<slug>` from the name: lower-case letters and digits joined by single hyphens. */
export function customKeyFor(name: string, taken: ReadonlySet<string> = new Set()): string {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32)
      .replace(/-+$/, "") || "platform";
  let key = `${CUSTOM_PREFIX}${slug}`;
  for (let n = 2; taken.has(key); n++) key = `${CUSTOM_PREFIX}${slug}-${n}`;
  return key;
}

// --- the pattern -------------------------------------------------------------------------------

/** The pattern as the client's ID is checked with it: the whole value, Unicode mode. */
export function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, "u");
}

type Group = { quantifiedInside: boolean; alternation: boolean; branches: string[] };

/**
 * Why a pattern could backtrack catastrophically, or null. A heuristic on the pattern's text
 * (decision 061): a quantified group that itself holds a quantifier (`(a+)+`, `(a*)*`, `(\d+-?)*`)
 * or an alternation whose branches can start alike (`(a|a)*`, `(a|ab)+`) is refused. It refuses
 * some safe patterns; the message says how to write them instead. The timed run in
 * custom-platforms.server.ts backs it up for anything it misses.
 */
export function backtrackingProblem(pattern: string): string | null {
  const stack: Group[] = [{ quantifiedInside: false, alternation: false, branches: [""] }];
  let lastClosed: Group | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const top = stack[stack.length - 1];
    const closedBefore = lastClosed;
    lastClosed = null;
    if (ch === "\\") {
      top.branches[top.branches.length - 1] += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch === "[") {
      // A character class is one atom: skip to its closing bracket.
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      top.branches[top.branches.length - 1] += pattern.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === "(") {
      stack.push({ quantifiedInside: false, alternation: false, branches: [""] });
      if (pattern[i + 1] === "?") {
        // (?:, (?=, (?!, (?<=, (?<!, (?<name>: skip the group's prefix.
        const close =
          pattern[i + 2] === "<" && !"=!".includes(pattern[i + 3] ?? "") ? pattern.indexOf(">", i) : i + (pattern[i + 2] === "<" ? 3 : 2);
        i = close;
      }
      continue;
    }
    if (ch === ")") {
      if (stack.length === 1) continue; // unbalanced: RegExp itself refuses it
      const group = stack.pop()!;
      const parent = stack[stack.length - 1];
      parent.branches[parent.branches.length - 1] += "(…)";
      if (group.quantifiedInside) parent.quantifiedInside = true;
      if (group.alternation) parent.alternation = true;
      lastClosed = group;
      continue;
    }
    if (ch === "|") {
      top.alternation = true;
      top.branches.push("");
      continue;
    }
    const quantifier = ch === "*" || ch === "+" || ch === "?" || (ch === "{" && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (quantifier) {
      const repeats = ch !== "?" && !/^\{(\d+)\}/.test(pattern.slice(i)) && !/^\{[01](,[01])?\}/.test(pattern.slice(i));
      if (closedBefore && repeats) {
        if (closedBefore.quantifiedInside) {
          return agencyT("errors.patternNestedRepeat");
        }
        if (closedBefore.alternation && branchesOverlap(closedBefore.branches)) {
          return agencyT("errors.patternOverlappingChoices");
        }
      }
      const fixed = /^\{(\d+)\}/.test(pattern.slice(i));
      if (ch === "{") i = pattern.indexOf("}", i);
      if (pattern[i + 1] === "?") i++; // lazy: same risk, same rule
      // A fixed count (\d{3}) cannot be split two ways; anything that varies can.
      if (!fixed) top.quantifiedInside = true;
      continue;
    }
    top.branches[top.branches.length - 1] += ch;
  }
  return null;
}

/** Two branches overlap when either can be empty, or both can start with the same character. */
function branchesOverlap(branches: string[]): boolean {
  const firsts = branches.map((b) => (b === "" ? null : b.startsWith("\\") ? b.slice(0, 2) : b[0]));
  // A class, a group or "." as the first atom may match anything another branch starts with.
  if (firsts.some((f) => f === null || f === "[" || f === "(" || f === "." || (f.startsWith("\\") && /[dDwWsSpPu.]/.test(f[1]))))
    return true;
  return new Set(firsts.map((f) => f!.toLowerCase())).size < firsts.length;
}

/** Everything wrong with a pattern for a client's ID, checked before it is ever run on one. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > PATTERN_MAX) return agencyT("errors.patternTooLong", { max: PATTERN_MAX });
  try {
    anchored(pattern);
  } catch {
    return agencyT("errors.patternInvalid");
  }
  if (/\\[1-9]|\\k</.test(pattern)) return agencyT("errors.patternBackReference");
  return backtrackingProblem(pattern);
}

// --- the definition ----------------------------------------------------------------------------

const line = (max: number, what: string, required: string) =>
  textField({ max, min: 1, required, tooShort: required, tooLong: agencyT("errors.keepUnder", { what, max }) });
const optionalLines = (max: number, what: string) =>
  z.preprocess((v) => (v === undefined || v === null ? "" : v), textField({ max, tooLong: agencyT("errors.keepUnder", { what, max }) }));

/** One step per line; a leading "1." or "2)" the admin typed is dropped, since the page numbers them. */
export function linesOf(value: string): string[] {
  return value
    .split("\n")
    .map((l) => l.replace(/^\s*\d{1,2}\s*[.)-]\s*/, "").trim())
    .filter(Boolean);
}

/** The definition as stored in custom_platform_versions.definition (and read back from it). */
export const definitionSchema = z.object({
  name: z.string().min(2).max(80),
  identity: z.string().min(1).max(200),
  adminLanguage: z.enum(LANGUAGES),
  steps: z.record(z.enum(LANGUAGES), z.array(z.string().min(1).max(500)).min(1).max(MAX_STEPS)),
  idField: z.object({
    label: z.string().min(1).max(80),
    pattern: z.string().min(1).max(PATTERN_MAX),
    example: z.string().min(1).max(200),
    wrongValueMessage: z.string().min(1).max(300),
  }),
  roles: z.array(z.string().min(1).max(80)).min(1).max(MAX_ROLES),
  presets: z.array(z.enum(serviceTypes)).default([]),
});
export type CustomDefinition = z.infer<typeof definitionSchema>;

/** The settings form, field by field (steps as one textarea per language, roles one per line). */
export const definitionFieldsSchema = z.object({
  name: line(80, agencyT("fields.platformName"), agencyT("errors.platformName")),
  identity: line(200, agencyT("fields.platformIdentity"), agencyT("errors.platformIdentity")),
  adminLanguage: z.enum(LANGUAGES, { errorMap: () => ({ message: agencyT("errors.platformLanguage") }) }),
  ...(Object.fromEntries(LANGUAGES.map((l) => [`steps_${l}`, optionalLines(12_000, agencyT("fields.platformSteps"))])) as Record<
    `steps_${Language}`,
    ReturnType<typeof optionalLines>
  >),
  idLabel: line(80, agencyT("fields.platformIdLabel"), agencyT("errors.platformIdLabel")),
  idPattern: line(PATTERN_MAX, agencyT("fields.platformIdPattern"), agencyT("errors.platformIdPattern")),
  idExample: line(200, agencyT("fields.platformIdExample"), agencyT("errors.platformIdExample")),
  idWrongMessage: line(300, agencyT("fields.platformIdWrong"), agencyT("errors.platformIdWrong")),
  roles: line(1_000, agencyT("fields.platformRoles"), agencyT("errors.platformRoles")),
  presets: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    // Checked as a whole, so the message sits on the group of boxes rather than on one of its values.
    z
      .array(z.string())
      .max(serviceTypes.length, agencyT("errors.platformPresets"))
      .refine(
        (list): list is ServiceType[] => list.every((t) => (serviceTypes as readonly string[]).includes(t)),
        agencyT("errors.platformPresets"),
      ),
  ),
});

/** The fields and the rules across them (steps in the admin's language, a safe pattern its example matches). */
export const definitionFormSchema = definitionFieldsSchema.superRefine((v, ctx) => {
  // Runs even when a field failed (its value is then missing): each rule checks only what parsed.
  const textOf = (value: unknown) => (typeof value === "string" ? value : "");
  const steps = (l: Language) => linesOf(textOf(v[`steps_${l}`]));
  for (const l of LANGUAGES) {
    const count = steps(l).length;
    if (count > MAX_STEPS)
      ctx.addIssue({ code: "custom", path: [`steps_${l}`], message: agencyT("errors.platformTooManySteps", { max: MAX_STEPS }) });
    if (steps(l).some((s) => s.length > 500))
      ctx.addIssue({ code: "custom", path: [`steps_${l}`], message: agencyT("errors.platformStepTooLong", { max: 500 }) });
  }
  if (v.adminLanguage && typeof v[`steps_${v.adminLanguage}`] === "string" && steps(v.adminLanguage).length === 0) {
    ctx.addIssue({
      code: "custom",
      path: [`steps_${v.adminLanguage}`],
      message: agencyT("errors.platformStepsInOwnLanguage", { language: languageNames[v.adminLanguage] }),
    });
  }
  const problem = typeof v.idPattern === "string" ? patternProblem(v.idPattern) : null;
  if (problem) ctx.addIssue({ code: "custom", path: ["idPattern"], message: problem });
  else if (typeof v.idPattern === "string" && typeof v.idExample === "string" && !anchored(v.idPattern).test(v.idExample)) {
    ctx.addIssue({ code: "custom", path: ["idExample"], message: agencyT("errors.platformExampleMismatch") });
  }
  const roles = linesOf(textOf(v.roles));
  if (roles.length > MAX_ROLES)
    ctx.addIssue({ code: "custom", path: ["roles"], message: agencyT("errors.platformTooManyRoles", { max: MAX_ROLES }) });
  if (roles.some((r) => r.length > 80))
    ctx.addIssue({ code: "custom", path: ["roles"], message: agencyT("errors.platformRoleTooLong", { max: 80 }) });
  if (new Set(roles.map((r) => r.toLowerCase())).size < roles.length) {
    ctx.addIssue({ code: "custom", path: ["roles"], message: agencyT("errors.platformRoleTwice") });
  }
});
export type DefinitionForm = z.infer<typeof definitionFormSchema>;

/** The stored definition of a checked form. */
export function definitionOf(form: DefinitionForm): CustomDefinition {
  const steps: Partial<Record<Language, string[]>> = {};
  for (const l of LANGUAGES) {
    const lines = linesOf(form[`steps_${l}`] as string);
    if (lines.length > 0) steps[l] = lines;
  }
  return {
    name: form.name,
    identity: form.identity,
    adminLanguage: form.adminLanguage,
    steps,
    idField: { label: form.idLabel, pattern: form.idPattern, example: form.idExample, wrongValueMessage: form.idWrongMessage },
    roles: linesOf(form.roles),
    presets: form.presets,
  };
}

/** The form's values for a stored definition (the edit page starts from them). */
export function formValuesOf(def: CustomDefinition): Record<string, string | string[]> {
  return {
    name: def.name,
    identity: def.identity,
    adminLanguage: def.adminLanguage,
    ...Object.fromEntries(LANGUAGES.map((l) => [`steps_${l}`, (def.steps[l] ?? []).map((s, i) => `${i + 1}. ${s}`).join("\n")])),
    idLabel: def.idField.label,
    idPattern: def.idField.pattern,
    idExample: def.idField.example,
    idWrongMessage: def.idField.wrongValueMessage,
    roles: def.roles.join("\n"),
    presets: def.presets,
  };
}

/** The role a service type's preset asks for on this platform (its first, least-access role), or null when the preset leaves it out. */
export function customPresetRole(def: CustomDefinition, serviceType: ServiceType | null): string | null {
  return serviceType && def.presets.includes(serviceType) ? def.roles[0] : null;
}

/** A stored definition, or null when the row does not hold one (never trusted blindly). */
export function readDefinition(value: unknown): CustomDefinition | null {
  const parsed = definitionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The steps in the link's language, else the admin's, saying which language they fell back to
 * (the client page words the notice in the client's language: step-platform.ts).
 */
export function stepsIn(def: CustomDefinition, locale: string): { steps: string[]; fallbackFrom: Language | null } {
  const own = def.steps[locale as Language];
  if (own && own.length > 0) return { steps: own, fallbackFrom: null };
  return { steps: def.steps[def.adminLanguage] ?? [], fallbackFrom: def.adminLanguage };
}

import { customPlatform } from "~/modules/onboarding/step-platform";
import { describe, expect, it } from "vitest";
import {
  backtrackingProblem,
  customKeyFor,
  definitionFormSchema,
  definitionOf,
  formValuesOf,
  patternProblem,
  stepsIn,
} from "~/modules/onboarding/custom-platforms";
import { patternTooSlow } from "~/modules/onboarding/custom-platforms.server";
import { resolveStepPlatform, type PinnedVersions } from "~/modules/onboarding/step-platform";

const good = {
  name: "Pinterest Ads",
  identity: "ads@agency.example",
  adminLanguage: "en",
  steps_en: "1. Open Business Manager.\n2. Add {agencyId} as a partner with {role}.",
  steps_es: "",
  steps_de: "",
  steps_fr: "",
  steps_pt: "",
  idLabel: "Ad account ID",
  idPattern: "\\d{12}",
  idExample: "549755813888",
  idWrongMessage: "An ad account ID is 12 digits: Business Manager > Ad accounts.",
  roles: "Analyst\nAdmin",
};

const parse = (over: Record<string, unknown>) => definitionFormSchema.safeParse({ ...good, ...over });
const errorsOf = (over: Record<string, unknown>) => {
  const r = parse(over);
  return r.success ? {} : r.error.flatten().fieldErrors;
};

describe("custom platform definition", () => {
  it("accepts a full definition and drops the typed numbering", () => {
    const r = parse({});
    expect(r.success).toBe(true);
    if (!r.success) return;
    const def = definitionOf(r.data);
    expect(def.steps).toEqual({ en: ["Open Business Manager.", "Add {agencyId} as a partner with {role}."] });
    expect(def.roles).toEqual(["Analyst", "Admin"]);
    expect(def.presets).toEqual([]);
    // The edit page starts from what was saved, and saving it again gives the same definition.
    const again = definitionFormSchema.safeParse(formValuesOf(def));
    expect(again.success && definitionOf(again.data)).toEqual(def);
  });

  it("refuses steps missing in the admin's language", () => {
    expect(errorsOf({ steps_en: "", steps_es: "1. Abrir" }).steps_en?.[0]).toMatch(/Write the steps in English/);
    expect(errorsOf({ adminLanguage: "es" }).steps_es?.[0]).toMatch(/Spanish/);
  });

  it("refuses more than 20 steps and more than 10 roles, and a role twice", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `Step ${i}`).join("\n");
    expect(errorsOf({ steps_en: many(21) }).steps_en?.[0]).toMatch(/At most 20/);
    expect(parse({ steps_en: many(20) }).success).toBe(true);
    expect(errorsOf({ roles: many(11) }).roles?.[0]).toMatch(/At most 10/);
    expect(errorsOf({ roles: "Admin\nadmin" }).roles?.[0]).toMatch(/only once/);
    expect(errorsOf({ roles: "" }).roles?.[0]).toMatch(/at least one role/);
  });

  it("refuses a pattern over 200 characters, one that does not compile, and an example it does not match", () => {
    expect(errorsOf({ idPattern: "a".repeat(201) }).idPattern?.[0]).toMatch(/200/);
    expect(errorsOf({ idPattern: "(\\d" }).idPattern?.[0]).toMatch(/not a valid pattern/);
    expect(errorsOf({ idPattern: "\\d{10}" }).idExample?.[0]).toMatch(/does not match/);
  });

  it("refuses NUL bytes and other control characters", () => {
    expect(errorsOf({ name: "Pin\u0000terest" }).name?.[0]).toMatch(/control character/);
    expect(errorsOf({ steps_en: "Open\u0000 it" }).steps_en?.[0]).toMatch(/control character/);
  });

  it.each(["(a+)+", "(a*)*", "(a|a)*", "(a|ab)+", "(\\d+-?)+", "([a-z]+)*", "(?:\\w+\\s?)+", "(.*a){2,}", "(\\d|\\d\\d)+"])(
    "refuses the catastrophic pattern %s",
    (pattern) => {
      expect(patternProblem(pattern)).not.toBeNull();
      expect(errorsOf({ idPattern: pattern, idExample: "a" }).idPattern?.[0]).toBeTruthy();
    },
  );

  it.each([
    "\\d{12}",
    "[A-Z]{2}-\\d{4,8}",
    "(ab|cd)+",
    "act_\\d+",
    "(\\d{3}-)+\\d{4}",
    "[a-z0-9.-]+@[a-z]+\\.com",
    "(?:https?://)?pin\\.it/\\w+",
  ])("accepts the safe pattern %s", (pattern) => {
    expect(backtrackingProblem(pattern)).toBeNull();
  });

  it("refuses back-references", () => {
    expect(patternProblem("(a)\\1")).toMatch(/Back-references/);
  });

  it("the timed run catches a slow pattern the text heuristic lets through", () => {
    // Quadratic, not nested: the heuristic passes it; 5,000 characters with a miss at the end do not.
    const slow = "\\d*\\d*\\d*\\d*x";
    expect(backtrackingProblem(slow)).toBeNull();
    expect(patternTooSlow(slow, "1x")).toMatch(/too long/);
    expect(patternTooSlow("\\d{12}", "549755813888")).toBeNull();
  });

  it("makes a key from the name, unique in the workspace", () => {
    expect(customKeyFor("Pinterest Ads!")).toBe("custom:pinterest-ads");
    expect(customKeyFor("Pinterest Ads", new Set(["custom:pinterest-ads"]))).toBe("custom:pinterest-ads-2");
    expect(customKeyFor("Épinal Télé")).toBe("custom:epinal-tele");
    expect(customKeyFor("!!!")).toBe("custom:platform");
  });

  it("falls back to the admin's language with a notice", () => {
    const r = parse({ steps_es: "1. Abrir el administrador." });
    if (!r.success) throw new Error("fixture");
    const def = definitionOf(r.data);
    expect(stepsIn(def, "es")).toEqual({ steps: ["Abrir el administrador."], fallbackFrom: null });
    expect(stepsIn(def, "de")).toEqual({ steps: def.steps.en, fallbackFrom: "en" });
  });

  it("says the fallback, the agency's account and the ID example in the client's language", () => {
    const r = parse({ steps_es: "1. Abrir el administrador." });
    if (!r.success) throw new Error("fixture");
    const def = definitionOf(r.data);
    const german = customPlatform("custom:x", 1, def, "de");
    // Once this notice was English whatever the client read.
    expect(german.languageNotice).toBe("Diese Schritte sind auf Englisch: Die Agentur hat sie nicht in Ihrer Sprache verfasst.");
    expect(german.assetId.help).toBe(`Zum Beispiel: ${def.idField.example}.`);
    const spanish = customPlatform("custom:x", 1, def, "es");
    expect(spanish.languageNotice).toBeNull();
    expect(spanish.identity({})).toMatchObject({ ok: true, label: `Nuestra cuenta de ${def.name}` });
  });
});

describe("resolveStepPlatform", () => {
  const r = parse({});
  if (!r.success) throw new Error("fixture");
  const v1 = definitionOf(r.data);
  const v2 = { ...v1, steps: { en: ["Something else."] }, idField: { ...v1.idField, pattern: "[a-z]+", example: "abc" } };
  const pinned: PinnedVersions = new Map([
    ["ver1", { version: 1, definition: v1 }],
    ["ver2", { version: 2, definition: v2 }],
  ]);

  it("reads the catalog for a built-in key", () => {
    const p = resolveStepPlatform({ platformKey: "ga4" });
    expect(p?.name).toBe("Google Analytics 4");
    expect(p?.custom).toBe(false);
  });

  it("reads the pinned version of a custom key, never another", () => {
    const p = resolveStepPlatform({ platformKey: "custom:pinterest-ads", customPlatformVersionId: "ver1" }, pinned);
    expect(p?.version).toBe(1);
    expect(p?.instructions({ agencyId: "ads@agency.example", role: "Analyst" })).toEqual([
      "Open Business Manager.",
      "Add ads@agency.example as a partner with Analyst.",
    ]);
    expect(p?.validate("549755813888")).toEqual({ ok: true, value: "549755813888" });
    expect(p?.validate("abc")).toMatchObject({ ok: false, message: v1.idField.wrongValueMessage });
    // The whole value must match: the pattern is anchored.
    expect(p?.validate("x549755813888").ok).toBe(false);
    expect(resolveStepPlatform({ platformKey: "custom:pinterest-ads", customPlatformVersionId: "ver2" }, pinned)?.validate("abc").ok).toBe(
      true,
    );
  });

  it("is null for a custom step whose version was not loaded, and for an unknown key", () => {
    expect(resolveStepPlatform({ platformKey: "custom:pinterest-ads", customPlatformVersionId: "nope" }, pinned)).toBeNull();
    expect(resolveStepPlatform({ platformKey: "custom:pinterest-ads" }, pinned)).toBeNull();
    expect(resolveStepPlatform({ platformKey: "myspace" })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, DEFAULT_LOCALE, LOCALES, type Locale } from "~/modules/i18n/locales";
import { resources, tFor } from "~/modules/i18n/resources";
import { listPlatforms } from "~/modules/onboarding/catalog";
import { platformTextIn } from "~/modules/onboarding/localized";

/**
 * Key coverage for every client-facing language (decision 060). i18next runs without a fallback
 * language, so a key missing in German shows the raw key (or throws under test) instead of a quiet
 * English sentence: this test is what keeps that from ever reaching a client.
 *
 * Why it fails when a key is removed from one language: `leaves` flattens each namespace to one
 * entry per string (object keys and array indices both become path segments), and `problems`
 * reports every English path absent from the other language as "missing". Delete, say,
 * `step.undo` from de/client.json and the German leaves lose "step.undo", so `problems` returns
 * ["missing step.undo"] and the `toEqual([])` below fails. The last test runs the same checker on a
 * copy with one key deleted, one emptied and one variable renamed, so the checker itself is proven
 * to catch each kind of fault (no broken file is needed to see it fail).
 */

type Leaves = Map<string, string>;

function leaves(value: unknown, prefix = "", out: Leaves = new Map()): Leaves {
  if (typeof value === "string") out.set(prefix, value);
  else if (Array.isArray(value)) value.forEach((item, i) => leaves(item, `${prefix}.${i}`, out));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      // `_note` is each file's translator note (review status), not text a client reads.
      if (prefix === "" && key === "_note") continue;
      leaves(item, prefix ? `${prefix}.${key}` : key, out);
    }
  } else out.set(prefix, `<not a string: ${String(value)}>`);
  return out;
}

/** i18next's {{variables}} and the catalog's {agencyId}/{role} placeholders, sorted. */
function variables(text: string): string[] {
  const double = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const single = [...text.replace(/\{\{[^}]*\}\}/g, "").matchAll(/\{(\w+)\}/g)].map((m) => `{${m[1]}}`);
  return [...double, ...single].sort();
}

function problems(source: unknown, translation: unknown): string[] {
  const en = leaves(source);
  const other = leaves(translation);
  const found: string[] = [];
  for (const [path, text] of en) {
    const translated = other.get(path);
    if (translated === undefined) found.push(`missing ${path}`);
    else if (translated.trim() === "") found.push(`empty ${path}`);
    else if (variables(translated).join(" ") !== variables(text).join(" ")) {
      found.push(`variables ${path}: ${variables(translated).join(" ")} instead of ${variables(text).join(" ")}`);
    }
  }
  for (const path of other.keys()) if (!en.has(path)) found.push(`extra ${path}`);
  return found;
}

const translated = LOCALES.filter((l): l is Exclude<Locale, "en"> => l !== DEFAULT_LOCALE);

describe("client-facing translations (decision 060)", () => {
  it("offers the five languages of issue 20", () => {
    expect([...LOCALES]).toEqual(["en", "es", "de", "fr", "pt"]);
  });

  for (const lng of translated) {
    for (const ns of CLIENT_NAMESPACES) {
      it(`${lng}/${ns} has exactly the English keys, none empty, with the same variables`, () => {
        expect(resources[lng][ns], `${lng}/${ns} is not loaded`).toBeDefined();
        expect(problems(resources.en[ns], resources[lng][ns])).toEqual([]);
      });

      it(`${lng}/${ns} says it awaits review by a native speaker`, () => {
        const note = (resources[lng][ns] as { _note?: unknown })._note;
        expect(typeof note === "string" ? note : "").toMatch(/awaits review by a native speaker/);
      });
    }
  }

  it("has platform instructions for every built-in platform in every language", () => {
    for (const lng of LOCALES) {
      for (const entry of listPlatforms()) {
        const text = platformTextIn(entry, lng);
        expect(text.name, `${lng} ${entry.key}`).toMatch(/\S/);
        // Same number of steps as English: each step is one screen, and the agency ID is in them.
        expect(text.steps, `${lng} ${entry.key}`).toHaveLength(entry.steps.length);
        expect(text.steps.join(" "), `${lng} ${entry.key}`).toContain("{agencyId}");
        expect(text.notes, `${lng} ${entry.key}`).toHaveLength(entry.notes.length);
        expect(Object.keys(text.errors).sort(), `${lng} ${entry.key}`).toEqual(Object.keys(entry.assetId.errors).sort());
        expect(text.asset.label, `${lng} ${entry.key}`).toMatch(/\S/);
        expect(text.asset.help, `${lng} ${entry.key}`).toMatch(/\S/);
      }
    }
  });

  it("really translates the platform steps (not English copied over)", () => {
    for (const lng of translated) {
      for (const entry of listPlatforms()) {
        const text = platformTextIn(entry, lng);
        text.steps.forEach((step, i) => expect(step, `${lng} ${entry.key} step ${i}`).not.toBe(entry.steps[i]));
      }
    }
  });

  it("has no fallback: a key absent in Spanish throws under test instead of showing English", () => {
    expect(() => tFor("es", "client")("page.noSuchKey")).toThrow(/Missing translation/);
    expect(tFor("es", "client")("page.progress")).toBe("Tu progreso");
  });

  it("the checker reports a removed key, an emptied string and a renamed variable", () => {
    const copy = structuredClone(resources.de.client) as Record<string, Record<string, string>>;
    delete copy.step.undo;
    copy.page.progress = " ";
    copy.page.welcome = "Willkommen, {{nom}}";
    copy.page.surplus = "Zusätzlich";
    expect(problems(resources.en.client, copy).sort()).toEqual(
      ["missing step.undo", "empty page.progress", "variables page.welcome: {{nom}} instead of {{name}}", "extra page.surplus"].sort(),
    );
  });
});

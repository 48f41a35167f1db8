import { LANGUAGES } from "./custom-platforms";

const TEXT_FIELDS = ["name", "identity", "adminLanguage", "idLabel", "idPattern", "idExample", "idWrongMessage", "roles"] as const;

/**
 * What was typed on the custom platform form, put back next to the messages of a 400 so nothing is
 * lost (capped: it is shown again, never stored); the presets ticked as their list.
 */
export function typedDefinition(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of [...TEXT_FIELDS, ...LANGUAGES.map((l) => `steps_${l}`)]) {
    const value = form.get(name);
    if (typeof value === "string") out[name] = value.slice(0, 12_000);
  }
  out.presets = form
    .getAll("presets")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 20)
    .map((v) => v.slice(0, 40));
  return out;
}

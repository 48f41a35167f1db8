/**
 * Plain-text helpers. Subject lines are one line: CR, LF and other control characters (header
 * injection, broken headers) become spaces, whitespace collapses, and the result is capped.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const MAX_SUBJECT = 200;

/** One line of plain text, trimmed to `max` characters with an ellipsis. */
export function oneLine(text: string | number | null | undefined, max = 80): string {
  const s = String(text ?? "")
    .replace(CONTROL, " ")
    .replace(/\s+/g, " ")
    .trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** The final subject line: no CR/LF or control characters, at most 200 characters. */
export function cleanSubject(subject: string): string {
  return oneLine(subject, MAX_SUBJECT);
}

/** "1 step", "3 steps". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** 15 → "15 minutes", 60 → "1 hour", 90 → "90 minutes", 2880 → "2 days". */
export function durationText(minutes: number): string {
  const m = Math.max(1, Math.round(minutes));
  if (m % 1440 === 0) return plural(m / 1440, "day");
  if (m % 60 === 0) return plural(m / 60, "hour");
  return plural(m, "minute");
}

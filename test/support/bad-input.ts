export type FormFields = Record<string, string | string[] | Blob>;

/**
 * The bad forms every action must answer with 400 and a message (security properties 20, 41):
 * nothing, oversized values, repeated fields, files where text belongs and a NUL byte (which
 * PostgreSQL refuses in text and jsonb), for the fields an intent reads.
 * `fixed` fields (ids, row versions) are posted as given in every variant.
 */
export function badInputVariants(
  intent: string,
  fields: string[],
  fixed: Record<string, string> = {},
  { oversized = 5000 } = {},
): Array<[string, FormFields]> {
  const base: Record<string, string> = { ...(intent ? { intent } : {}), ...fixed };
  const all = (v: string | string[] | Blob) => Object.fromEntries(fields.map((f) => [f, v]));
  return [
    ["missing fields", { ...base }],
    ["oversized values", { ...base, ...all("x".repeat(oversized)) }],
    ["repeated fields (arrays)", { ...base, ...all(["a", "b"]) }],
    ["files where text belongs", { ...base, ...all(new Blob(["x"], { type: "text/plain" })) }],
    ["a NUL byte in the text", { ...base, ...all("x\u0000y") }],
  ];
}

/** Ids are 128 random bits in hex (db/schema/columns.ts); anything else is malformed input (400). */
export const ID_PATTERN = /^[0-9a-f]{32}$/;
export const isId = (value: unknown): value is string => typeof value === "string" && ID_PATTERN.test(value);

import { z } from "zod";

/** Ids are 128 random bits in hex (db/schema/columns.ts); anything else is malformed input (400), never a lookup. */
export const ID_PATTERN = /^[0-9a-f]{32}$/;
/** Every id written inside a longer text (a conflict key like "POST_COLLISION:<id>+<id>"), in order. */
export const idsIn = (text: string): string[] => text.match(new RegExp(ID_PATTERN.source.slice(1, -1), "g")) ?? [];
export const isId = (value: unknown): value is string => typeof value === "string" && ID_PATTERN.test(value);

/** An id posted by a form or carried in a URL; the pattern also keeps control characters out of queries. */
export const idField = (message: string) => z.string({ required_error: message, invalid_type_error: message }).regex(ID_PATTERN, message);

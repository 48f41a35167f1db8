import { text, timestamp } from "drizzle-orm/pg-core";

/** 128 random bits, base32-ish lowercase: ids appear in client-facing URLs, so they must not be guessable. */
export function newId(): string {
  // Web Crypto (global in Node 20+), so this module has no node: import and stays bundle-safe.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const id = () => text("id").primaryKey().$defaultFn(newId);
export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

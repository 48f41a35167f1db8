import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { appSecret } from "./env.server";

/**
 * Authenticated encryption of a JSON value with a key derived from APP_SECRET (AES-256-GCM).
 * The outbox uses it for what a job needs but the database must not hold readable: the links
 * with tokens that emails and reminders carry (security.md 10, docs/decisions/005).
 *
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. A fresh 12-byte IV per seal; the
 * 16-byte tag makes any change to IV, tag or ciphertext (or a different secret) fail to open.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHash("sha256").update(secret, "utf8").digest();
    keys.set(secret, key);
  }
  return key;
}

export class UnsealError extends Error {
  constructor(reason: string) {
    super(`Sealed value could not be opened: ${reason}`);
    this.name = "UnsealError";
  }
}

/** Seals any JSON-serializable value; `secret` defaults to the app's (APP_SECRET). */
export function seal(value: unknown, secret: string = appSecret()): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("seal: the value is not JSON-serializable");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Opens what `seal` made; throws UnsealError if it was changed or sealed with another secret. */
export function unseal<T = unknown>(sealed: string, secret: string = appSecret()): T {
  const parts = typeof sealed === "string" ? sealed.split(".") : [];
  if (parts.length !== 4 || parts[0] !== VERSION) throw new UnsealError("unknown format");
  const [, ivText, tagText, dataText] = parts;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  const data = Buffer.from(dataText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new UnsealError("unknown format");
  let json: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    json = Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new UnsealError("it was altered or sealed with another APP_SECRET");
  }
  return JSON.parse(json) as T;
}

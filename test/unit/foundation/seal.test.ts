import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { seal, unseal, UnsealError } from "~/utils/seal.server";
import { appSecretFile, parseEnv, resolveAppSecret, setEnvForTests, TEST_APP_SECRET } from "~/utils/env.server";

const SECRET = "a-secret-of-at-least-thirty-two-characters";
const value = { props: { url: "https://baton.example/magic/abc123", n: 3, nested: [true, null, "é"] } };

/** Flips one bit of the decoded part `index` (1 IV, 2 tag, 3 ciphertext) of a sealed string. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  bytes[bytes.length - 1] ^= 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("seal / unseal (AES-256-GCM)", () => {
  it("round-trips a JSON value and hides it", () => {
    const sealed = seal(value, SECRET);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("abc123");
    expect(sealed).not.toContain("magic");
    expect(unseal(sealed, SECRET)).toEqual(value);
  });

  it("uses a different IV each time, so the same value never seals the same", () => {
    const a = seal(value, SECRET);
    const b = seal(value, SECRET);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(unseal(a, SECRET)).toEqual(unseal(b, SECRET));
  });

  it("throws on a changed ciphertext, tag or IV, on another secret and on a foreign format", () => {
    const sealed = seal(value, SECRET);
    for (const index of [1, 2, 3]) expect(() => unseal(tamper(sealed, index), SECRET)).toThrow(UnsealError);
    expect(() => unseal(sealed, `${SECRET}-other`)).toThrow(UnsealError);
    expect(() => unseal(sealed.replace(/^v1/, "v2"), SECRET)).toThrow(UnsealError);
    expect(() => unseal("not sealed", SECRET)).toThrow(UnsealError);
    expect(() => unseal(sealed.split(".").slice(0, 3).join("."), SECRET)).toThrow(UnsealError);
  });

  it("uses the app's secret by default (the fixed test one here)", () => {
    setEnvForTests({});
    expect(unseal(seal(value), TEST_APP_SECRET)).toEqual(value);
  });
});

describe("APP_SECRET", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "baton-secret-"));
    dirs.push(dir);
    return path.join(dir, "data");
  };

  it("must be at least 32 characters when set", () => {
    expect(() => parseEnv({ APP_SECRET: "short" })).toThrowError(/APP_SECRET: must be at least 32 characters/);
    expect(parseEnv({ APP_SECRET: SECRET }).APP_SECRET).toBe(SECRET);
    expect(parseEnv({}).APP_SECRET).toBeUndefined();
  });

  it("is the set value, or the fixed test secret in tests", () => {
    const warn = vi.fn();
    expect(resolveAppSecret(parseEnv({ NODE_ENV: "production", APP_SECRET: SECRET, DATABASE_URL: "postgres://x/y" }), warn)).toBe(SECRET);
    expect(resolveAppSecret(parseEnv({ NODE_ENV: "test" }), warn)).toBe(TEST_APP_SECRET);
    expect(warn).not.toHaveBeenCalled();
  });

  it("unset: is generated once into DATA_DIR/app-secret (0600) and read back after a restart", () => {
    const e = parseEnv({ NODE_ENV: "production", DATA_DIR: dataDir() });
    const warn = vi.fn();
    const first = resolveAppSecret(e, warn);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = appSecretFile(e);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveAppSecret(parseEnv({ NODE_ENV: "production", DATA_DIR: e.DATA_DIR }), warn)).toBe(first);
    expect(resolveAppSecret(parseEnv({ NODE_ENV: "development", DATA_DIR: e.DATA_DIR }), warn)).toBe(first);
    expect(warn).not.toHaveBeenCalled(); // one embedded database, one process: nothing to share
  });

  it("unset in production on a shared PostgreSQL: warns that every instance needs the same one", () => {
    const warn = vi.fn();
    resolveAppSecret(parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/baton", DATA_DIR: dataDir() }), warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/APP_SECRET is not set/);
  });
});

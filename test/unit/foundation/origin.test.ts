import { describe, expect, it } from "vitest";
import { allowedOrigins, isAllowedOrigin } from "../../../server/origin";

describe("same-origin check: Origin against APP_URL (security.md 7)", () => {
  const production = allowedOrigins("https://baton.example.test");

  it("accepts exactly APP_URL's scheme, host and port", () => {
    expect(isAllowedOrigin("https://baton.example.test", production)).toBe(true);
    // Spelled differently, same origin: default port and case.
    expect(isAllowedOrigin("https://baton.example.test:443", production)).toBe(true);
    expect(isAllowedOrigin("HTTPS://Baton.Example.Test", production)).toBe(true);
  });

  it("refuses another scheme, port or host, and anything that is not an origin", () => {
    for (const origin of [
      "http://baton.example.test",
      "https://baton.example.test:8443",
      "https://evil.test",
      "https://baton.example.test.evil.test",
      "https://evil.test@baton.example.test.evil.test",
      "http://localhost:3000",
      "null",
      "",
      "not a url",
      undefined,
    ]) {
      expect(isAllowedOrigin(origin, production), String(origin)).toBe(false);
    }
  });

  it("in development also accepts this machine's loopback names on the server's port, over http", () => {
    const dev = allowedOrigins("https://baton.example.test", 3000);
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000", "https://baton.example.test"]) {
      expect(isAllowedOrigin(origin, dev), origin).toBe(true);
    }
    for (const origin of ["http://localhost:3001", "https://localhost:3000", "http://127.0.0.2:3000", "http://localhost"]) {
      expect(isAllowedOrigin(origin, dev), origin).toBe(false);
    }
  });

  it("a default development setup is APP_URL itself", () => {
    expect(allowedOrigins("http://localhost:3000", 3000)).toContain("http://localhost:3000");
    expect(allowedOrigins("http://localhost:3000")).toEqual(new Set(["http://localhost:3000"]));
  });
});

import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../../server/security";

/** The Content-Security-Policy securityHeaders sets, by directive. */
function policy(opts?: Parameters<typeof securityHeaders>[1]): Map<string, string> {
  const headers = new Map<string, string>();
  const res = { locals: {}, setHeader: (name: string, value: string) => void headers.set(name, value) } as unknown as Response;
  securityHeaders(false, opts)({ path: "/" } as Request, res, (() => {}) as NextFunction);
  const csp = headers.get("Content-Security-Policy") ?? "";
  return new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.slice(d.indexOf(" ") + 1)]));
}

describe("CSP form-action", () => {
  it("lets forms post to this site only by default", () => {
    expect(policy().get("form-action")).toBe("'self'");
  });

  it("also allows the redirect a post is answered with to Google's consent page (Connect Google without JavaScript)", () => {
    expect(policy({ formActionOrigins: ["https://accounts.google.com"] }).get("form-action")).toBe("'self' https://accounts.google.com");
  });
});

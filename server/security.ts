import type { NextFunction, Request, Response } from "express";
import { randomBytes } from "node:crypto";

const TOKEN_PAGES = /^\/(onboard|invite|magic|reset-password)\//;

/** Security headers for every response; the CSP nonce lets only our own inline scripts run. */
export function securityHeaders(isDev: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        `connect-src 'self'${isDev ? " ws:" : ""}`,
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // Token pages must not leak their URL (which is the credential) to any other site.
    res.setHeader("Referrer-Policy", TOKEN_PAGES.test(req.path) ? "no-referrer" : "strict-origin-when-cross-origin");
    next();
  };
}

/** The address we saw, in a header the app reads; a client-sent copy is overwritten. */
export function clientIp(trustProxy: boolean) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const forwarded = trustProxy ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
    req.headers["x-baton-client-ip"] = forwarded || req.socket.remoteAddress || "unknown";
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence: a state-changing request must come from our own origin. Browsers send Origin on
 * POST; under `no-referrer` they send "null", so Sec-Fetch-Site decides then.
 */
export function sameOriginOnly(allowedHost: () => string, exemptPaths: RegExp[] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || exemptPaths.some((r) => r.test(req.path))) return next();
    const origin = req.headers.origin;
    const host = allowedHost() || String(req.headers.host ?? "");
    let ok = false;
    if (origin && origin !== "null") {
      try {
        ok = new URL(origin).host === host || new URL(origin).host === req.headers.host;
      } catch {
        ok = false;
      }
    } else {
      ok = req.headers["sec-fetch-site"] === "same-origin";
      // Verified same-origin: drop the opaque "null" so Remix's own origin check does not refuse it.
      if (ok) delete req.headers.origin;
    }
    if (!ok) {
      res.status(403).type("text/plain").send("This request did not come from Baton's own pages, so it was refused.");
      return;
    }
    next();
  };
}

/** Body size limits before Remix reads anything: 413 rather than memory spent on a flood. */
export function bodyLimit(formBytes: number, uploadBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = Number(req.headers["content-length"] ?? 0);
    const multipart = String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
    if (length > (multipart ? uploadBytes : formBytes)) {
      res.status(413).type("text/plain").send("The request is too large.");
      return;
    }
    next();
  };
}

import type { NextFunction, Request, Response } from "express";
import { randomBytes } from "node:crypto";
import { isAllowedOrigin } from "./origin";

const TOKEN_PAGES = /^\/(onboard|invite|magic|reset-password|verify-email|d|share)\//;

/**
 * Security headers for every response; the CSP nonce lets only our own inline scripts run.
 * `formActionOrigins`: other sites a form post may be redirected to. Chromium applies form-action
 * to the redirects after a post, so "Connect Google" (a plain post answered with a redirect to
 * Google's consent page) needs Google's origin here, or it is blocked without JavaScript.
 */
export function securityHeaders(isDev: boolean, opts: { formActionOrigins?: readonly string[] } = {}) {
  const formAction = ["'self'", ...(opts.formActionOrigins ?? [])].join(" ");
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
        `form-action ${formAction}`,
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
    const forwarded = trustProxy
      ? String(req.headers["x-forwarded-for"] ?? "")
          .split(",")[0]
          ?.trim()
      : "";
    req.headers["x-baton-client-ip"] = forwarded || req.socket.remoteAddress || "unknown";
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const REFUSED_CROSS_SITE = "This request did not come from Baton's own pages, so it was refused.";

/**
 * CSRF defence (security.md 7): a state-changing request must come from one of our own origins
 * (server/origin.ts: APP_URL's scheme, host and port). Browsers send Origin on every POST; under
 * `no-referrer` they send "null", and with no usable Origin the browser-set Sec-Fetch-Site decides:
 * only "same-origin" passes, so a request with neither header (not a browser's) is refused too.
 */
export function sameOriginOnly(allowed: ReadonlySet<string>, exemptPaths: RegExp[] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || exemptPaths.some((r) => r.test(req.path))) return next();
    const origin = req.headers.origin;
    const ok = origin && origin !== "null" ? isAllowedOrigin(origin, allowed) : req.headers["sec-fetch-site"] === "same-origin";
    if (!ok) {
      // Close rather than read the refused body to the end to keep the connection.
      res.status(403).set("Connection", "close").type("text/plain").send(REFUSED_CROSS_SITE);
      return;
    }
    // Verified here against APP_URL. Remix repeats a weaker check (Origin against the Host or
    // X-Forwarded-Host header) that answers 500 behind a proxy or on 127.0.0.1 in development.
    delete req.headers.origin;
    next();
  };
}

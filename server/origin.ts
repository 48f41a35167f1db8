/** The names a browser on this machine uses to reach a local development server. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The origins (scheme, host and port) whose pages may send Baton state-changing requests:
 * APP_URL's, and in development (`devPort` given) the plain-http server on this machine under
 * each loopback name, since a developer may open it as any of them. Never the request's own
 * Host header: that is whatever the sender wrote.
 */
export function allowedOrigins(appUrl: string, devPort: number | null = null): ReadonlySet<string> {
  const origins = new Set([new URL(appUrl).origin]);
  if (devPort !== null) for (const host of LOOPBACK_HOSTS) origins.add(new URL(`http://${host}:${devPort}`).origin);
  return origins;
}

/** Whether an `Origin` header names one of the allowed origins exactly; "null", garbage or nothing never does. */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!origin || origin === "null") return false;
  try {
    // URL normalises case and default ports, so "HTTPS://Baton.Example:443" is https://baton.example.
    return allowed.has(new URL(origin).origin);
  } catch {
    return false;
  }
}

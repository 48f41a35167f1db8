import { Lucia, TimeSpan } from "lucia";
import { env } from "~/utils/env.server";
import { HashedSessionAdapter } from "./session-adapter.server";

type BatonLucia = Lucia<{ createdAt: Date }, Record<never, never>>;
let instance: BatonLucia | undefined;

/** Built lazily so the environment (cookie security, lifetimes) is read once it is known. */
export function lucia(): BatonLucia {
  if (instance) return instance;
  const e = env();
  instance = new Lucia(new HashedSessionAdapter(), {
    sessionExpiresIn: new TimeSpan(e.SESSION_DAYS, "d"),
    sessionCookie: {
      // `__Host-` requires Secure and no Domain: the cookie cannot be set by a sibling subdomain.
      name: e.secureCookies ? "__Host-baton_session" : "baton_session",
      expires: true,
      attributes: { secure: e.secureCookies, sameSite: "lax" },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
  });
  return instance;
}

/** Tests change the environment between files; they reset the cached instance. */
export function resetLuciaForTests(): void {
  instance = undefined;
}

declare module "lucia" {
  interface Register {
    Lucia: BatonLucia;
    DatabaseSessionAttributes: { createdAt: Date };
  }
}

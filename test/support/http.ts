import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { lucia } from "~/modules/auth/lucia.server";
import { TEST_APP_URL } from "./db";

type Fields = Record<string, string | string[] | Blob>;

export interface RequestInit2 {
  method?: string;
  form?: Fields;
  cookie?: string | null;
  headers?: Record<string, string>;
  ip?: string;
}

export function makeRequest(path: string, init: RequestInit2 = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("x-baton-client-ip", init.ip ?? "203.0.113.7");
  headers.set("user-agent", "vitest");
  if (init.cookie) headers.set("Cookie", init.cookie);
  let body: FormData | undefined;
  if (init.form) {
    body = new FormData();
    for (const [k, v] of Object.entries(init.form)) {
      if (Array.isArray(v)) v.forEach((x) => body!.append(k, x));
      else body.append(k, v);
    }
  }
  return new Request(`${TEST_APP_URL}${path}`, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body });
}

/** A signed-in cookie for a user, made the same way sign-in makes one. */
export async function sessionCookie(userId: string): Promise<string> {
  const session = await lucia().createSession(userId, { createdAt: new Date() });
  return lucia().createSessionCookie(session.id).serialize().split(";")[0];
}

/** Calls a loader or action and always returns a Response (thrown ones included). */
export async function call(
  fn: ((args: LoaderFunctionArgs) => unknown) | ((args: ActionFunctionArgs) => unknown),
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    const result = await (fn as (a: LoaderFunctionArgs) => unknown)({ request, params, context: {} });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result ?? null), { status: 200, headers: { "content-type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.clone().json()) as T;
}

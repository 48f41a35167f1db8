import { json } from "@remix-run/node";
import type { z } from "zod";
import { fieldMessagesOf } from "./outcome";

export type FieldErrors = Record<string, string[]>;

export function notFound(message = "Not found"): never {
  throw json({ message }, { status: 404 });
}

export function forbidden(message = "You do not have permission to do that."): never {
  throw json({ message }, { status: 403 });
}

/** Reads a form body; a body that is not a form is answered 400 instead of a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json({ ok: false, errors: {}, formError: "The request body could not be read as a form." }, { status: 400 });
  }
}

function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out[key] = all.length > 1 || key.endsWith("[]") ? all : all[0];
  }
  return out;
}

export type Parsed<T> = { success: true; data: T } | { success: false; errors: FieldErrors };

/**
 * Every action parses its input with zod through here. `messagesOf` says the issues (by default
 * their own messages; the client's token pages say them in the link's language, decision 060).
 */
export function parseWith<S extends z.ZodTypeAny>(
  schema: S,
  input: FormData | Record<string, unknown>,
  messagesOf: (issues: z.ZodIssue[]) => FieldErrors = fieldMessagesOf,
): Parsed<z.infer<S>> {
  const raw = input instanceof FormData ? formToObject(input) : input;
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  return { success: false, errors: messagesOf(result.error.issues) };
}

/** Client IP as set by our own server (incoming copies of the header are overwritten there). */
export function requestMeta(request: Request): { ip: string | null; userAgent: string | null } {
  return {
    ip: request.headers.get("x-baton-client-ip"),
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
  };
}

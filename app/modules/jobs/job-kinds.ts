import type { z } from "zod";
import { idField } from "~/utils/ids";
import type { Job } from "./queue.server";
import type { HandlerMap } from "./worker.server";

/**
 * One kind of job: the zod schema of its payload as the handler reads it (opened: the sealed
 * part merged back, decision 005), which of its keys enqueue seals, and the handler, which is
 * given the parsed payload. The registry of every kind is `jobKinds` in handlers.server.ts;
 * enqueue's types and the worker's parsing both read it.
 */
export interface JobKind<S extends z.ZodTypeAny = z.ZodTypeAny, Sealed extends string = string> {
  payload: S;
  /** Keys passed to enqueue as `secret` (links with tokens, security.md 10), stored sealed. */
  sealed: readonly Sealed[];
  run: (payload: z.output<S>, job: Job, now: Date) => Promise<unknown>;
}

export function defineJob<S extends z.ZodTypeAny, Sealed extends keyof z.input<S> & string = never>(kind: {
  payload: S;
  sealed?: readonly Sealed[];
  run: (payload: z.output<S>, job: Job, now: Date) => Promise<unknown>;
}): JobKind<S, Sealed> {
  return { payload: kind.payload, sealed: kind.sealed ?? [], run: kind.run };
}

/** Any kind, whatever its payload: what the registry holds. */
export interface AnyJobKind {
  payload: z.ZodTypeAny;
  sealed: readonly string[];
  run: (payload: never, job: Job, now: Date) => Promise<unknown>;
}

/** An id in a payload (a row the handler looks up). */
export const payloadId = idField("Expected an id (32 hex characters).");

/** The payload as enqueue takes it: the readable part as `payload`, the sealed keys as `secret`. */
export type EnqueuePayload<K extends AnyJobKind> = K extends {
  payload: infer S extends z.ZodTypeAny;
  sealed: readonly (infer Sealed extends string)[];
}
  ? [Sealed] extends [never]
    ? { payload: z.input<S>; secret?: undefined }
    : { payload: Omit<z.input<S>, Sealed>; secret: Pick<z.input<S>, Sealed> }
  : never;

/** "deliverableId: Required; deadline: Expected string, received number": the fields and what was wrong. */
function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`).join("; ");
}

/**
 * The handlers the worker runs: each parses the job's opened payload with its kind's schema
 * first, so a payload that does not parse fails the job (retried, then failed, like any error)
 * with a message naming the kind and the fields, and the handler never sees it.
 */
export function handlersOf(kinds: Record<string, AnyJobKind>): HandlerMap {
  return Object.fromEntries(
    Object.entries(kinds).map(([name, kind]) => [
      name,
      async (job: Job, now: Date) => {
        const parsed = kind.payload.safeParse(job.payload);
        if (!parsed.success) throw new Error(`The payload of this "${name}" job does not match its kind: ${issuesOf(parsed.error)}`);
        // parsed.data is what this kind's own schema produced, the very type its handler takes.
        await (kind.run as (payload: unknown, job: Job, now: Date) => Promise<unknown>)(parsed.data, job, now);
      },
    ]),
  );
}

import { eq } from "drizzle-orm";
import { jobs } from "@db/schema";
import type { Database } from "@db/client";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import { requireMember, type MemberContext } from "~/modules/workspaces/authz.server";
import { makeRequest, sessionCookie } from "../../support/http";

/** The member context the app itself builds for a signed-in user of a workspace. */
export async function memberContext(userId: string, slug: string): Promise<MemberContext> {
  const cookie = await sessionCookie(userId);
  return requireMember(makeRequest(`/w/${slug}`, { cookie }), slug);
}

/** A request as the route would receive it, for the decision functions that read request meta. */
export function actionRequest(path: string): Request {
  return makeRequest(path, { method: "POST" });
}

/** Runs the worker with a fixed clock until nothing more is due at that time. */
export async function drain(now: Date = new Date()): Promise<void> {
  while ((await runDueJobs(jobHandlers, { now })) > 0);
}

export async function jobsOfKind(db: Database, kind: string) {
  return db.select().from(jobs).where(eq(jobs.kind, kind));
}

/** Raised inside a transaction to roll it back on purpose. */
export class Rollback extends Error {
  constructor() {
    super("rollback on purpose");
  }
}

/** Runs `fn` in a transaction that is then rolled back; resolves once it has been. */
export async function rolledBack(
  db: Database,
  fn: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]) => Promise<void>,
): Promise<void> {
  await db
    .transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .then(
      () => {
        throw new Error("the transaction committed");
      },
      (error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      },
    );
}

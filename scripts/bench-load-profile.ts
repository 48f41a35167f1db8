// Where a page's time goes (scripts/bench-load.ts): runs the page's route loader in this process
// against the benchmark's database, one request at a time with a change before each (the
// changing-data case), capturing every SQL statement it sends (postgres.js `debug` hook); then
// runs each distinct statement alone to say what it costs and how many rows it returns. The rest
// of the loader's time is JavaScript (figures, grouping, serialisation); what the HTTP request
// adds on top is the session, the root loader, the render and compression.
import { drizzle } from "drizzle-orm/postgres-js";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import * as schema from "../db/schema";
import type { Database } from "../db/client";
import { installDb } from "../app/utils/db.server";
import { percentile } from "./bench-load-http";

export interface QueryCost {
  sql: string;
  calls: number;
  /** Median of three runs alone, per call. */
  ms: number;
  rows: number;
}

export interface PageProfile {
  label: string;
  runs: number;
  loaderP50: number;
  loaderP95: number;
  queriesPerRequest: number;
  /** Sum over the statements of one request, each run alone (they partly overlap in the loader). */
  queryMs: number;
  queries: QueryCost[];
}

export interface ProfiledPage {
  label: string;
  path: string;
  /** The route module's file under app/routes. */
  route: string;
}

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

async function costOf(plain: postgres.Sql, text: string, params: unknown[]): Promise<{ ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const result = await plain.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
    times.push(performance.now() - t0);
    rows = result.length;
  }
  times.sort((a, b) => a - b);
  return { ms: times[1], rows };
}

export async function profilePages(o: {
  root: string;
  url: string;
  base: string;
  slug: string;
  cookie: string;
  pages: ProfiledPage[];
  touch: () => Promise<unknown>;
  runs?: number;
}): Promise<PageProfile[]> {
  let captured: { text: string; params: unknown[] }[] | null = null;
  const client = postgres(o.url, {
    max: 10,
    onnotice: () => {},
    debug: (_connection, text, params) => captured?.push({ text, params }),
  });
  const plain = postgres(o.url, { max: 1, onnotice: () => {} });
  installDb(drizzle(client, { schema }) as unknown as Database);
  const out: PageProfile[] = [];
  try {
    for (const page of o.pages) {
      const mod = (await import(path.join(o.root, "app/routes", page.route))) as { loader: Loader };
      const call = async () => {
        const request = new Request(new URL(page.path, o.base), { headers: { cookie: o.cookie } });
        const res = await mod.loader({ request, params: { workspace: o.slug }, context: { cspNonce: "" } });
        await res.text();
      };
      await call();
      await call();
      const times: number[] = [];
      let last: { text: string; params: unknown[] }[] = [];
      let statements = 0;
      const runs = o.runs ?? 8;
      for (let i = 0; i < runs; i++) {
        await o.touch();
        captured = [];
        const t0 = performance.now();
        await call();
        times.push(performance.now() - t0);
        last = captured;
        statements += captured.length;
        captured = null;
      }
      const distinct = new Map<string, { text: string; params: unknown[]; calls: number }>();
      for (const q of last) {
        const seen = distinct.get(q.text);
        if (seen) seen.calls++;
        else distinct.set(q.text, { ...q, calls: 1 });
      }
      const queries: QueryCost[] = [];
      for (const q of distinct.values()) queries.push({ sql: squash(q.text), calls: q.calls, ...(await costOf(plain, q.text, q.params)) });
      queries.sort((a, b) => b.ms * b.calls - a.ms * a.calls);
      times.sort((a, b) => a - b);
      out.push({
        label: page.label,
        runs,
        loaderP50: percentile(times, 50),
        loaderP95: percentile(times, 95),
        queriesPerRequest: statements / runs,
        queryMs: queries.reduce((sum, q) => sum + q.ms * q.calls, 0),
        queries,
      });
    }
  } finally {
    installDb(undefined);
    await client.end();
    await plain.end();
  }
  return out;
}

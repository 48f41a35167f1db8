// The load of `npm run bench:load`: N keep-alive HTTP clients (node:http, no dependency), each
// requesting one page as fast as it answers, and a writer that changes the data once a second
// through the real reschedule action, as a coordinator dragging posts on the calendar would.
import http from "node:http";
import { performance } from "node:perf_hooks";

const REQUEST_TIMEOUT_MS = 180_000;

/** What Chromium sends, so the server compresses as it would for a browser. */
const ACCEPT_ENCODING = "gzip, deflate, br";

interface Answer {
  status: number;
  bytes: number;
  body: string;
}

function request(agent: http.Agent, url: URL, init: { method?: string; cookie: string; body?: string; origin?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { cookie: init.cookie, "accept-encoding": ACCEPT_ENCODING, accept: "text/html,*/*" };
    if (init.body !== undefined) {
      // The writer reads its answer: uncompressed.
      headers["accept-encoding"] = "identity";
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers["content-length"] = Buffer.byteLength(init.body);
      headers.origin = init.origin;
    }
    const req = http.request(url, { method: init.method ?? "GET", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        // Only uncompressed answers (the writer's JSON) are read; pages are counted, not decoded.
        const plain = !res.headers["content-encoding"];
        resolve({ status: res.statusCode ?? 0, bytes: buf.length, body: plain ? buf.toString("utf8") : "" });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    // A page that takes longer than this is a failure, not a number.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.end(init.body);
  });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Bytes on the wire per answer (compressed). */
  wireKb: number;
}

export interface LoadOptions {
  base: string;
  path: string;
  cookie: string;
  clients: number;
  seconds: number;
  warmup: number;
}

/**
 * `clients` loops over one keep-alive connection each: `warmup` requests each (not counted), then
 * together for `seconds`, each sending its next request when the previous answer has been read.
 * Requests still in flight at the end are waited for and counted; throughput is over the time
 * until the last answer.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const url = new URL(o.path, o.base);
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  const one = async (record: boolean) => {
    const t0 = performance.now();
    try {
      const res = await request(agent, url, { cookie: o.cookie });
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${o.path} answered ${res.status}`);
      if (record) {
        times.push(ms);
        bytes += res.bytes;
      }
    } catch {
      // Warm-up failures count too: a page that fails is not warm.
      errors++;
      // A refused connection answers at once: do not spin.
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      for (let i = 0; i < o.warmup; i++) await one(false);
    }),
  );
  const start = performance.now();
  const end = start + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      while (performance.now() < end) await one(true);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    seconds,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    wireKb: times.length ? bytes / times.length / 1024 : 0,
  };
}

export interface WriterTarget {
  id: string;
  /** The publish time as the coordinator's form shows it ("2026-12-20T14:00", their zone). */
  local: string;
  /** The same, one hour later. */
  later: string;
}

export interface WriterStats {
  writes: number;
  failures: number;
  p50: number;
  p95: number;
  firstFailure: string | null;
}

/**
 * Once a second, moves one deliverable by an hour through the deliverable page's reschedule action
 * (POST, the coordinator's session, as a form without JavaScript would), and back on the next pass:
 * a real change, audited, with its deadline jobs and the calendar's change log written, so every
 * cache keyed on the data is invalidated as in real use. Returns a stop function.
 */
export function startWriter(o: { base: string; slug: string; cookie: string; targets: WriterTarget[]; everyMs?: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const times: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  const write = async (i: number) => {
    const target = o.targets[i % o.targets.length];
    const forward = Math.floor(i / o.targets.length) % 2 === 0;
    const url = new URL(
      `/w/${o.slug}/deliverables/${target.id}?_data=${encodeURIComponent("routes/w.$workspace.deliverables.$deliverableId")}`,
      o.base,
    );
    const body = new URLSearchParams({ intent: "reschedule", publishAt: forward ? target.later : target.local }).toString();
    const t0 = performance.now();
    try {
      const res = await request(agent, url, { method: "POST", cookie: o.cookie, body, origin: o.base });
      if (res.status !== 200 || !res.body.includes('"ok":true'))
        throw new Error(`reschedule answered ${res.status}: ${res.body.slice(0, 300)}`);
      times.push(performance.now() - t0);
    } catch (error) {
      failures++;
      firstFailure ??= (error as Error).message;
    }
  };
  const timer = setInterval(() => {
    const p = write(n++).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, o.everyMs ?? 1000);
  return async (): Promise<WriterStats> => {
    clearInterval(timer);
    await Promise.all(inFlight);
    agent.destroy();
    times.sort((a, b) => a - b);
    return { writes: times.length, failures, p50: percentile(times, 50), p95: percentile(times, 95), firstFailure };
  };
}

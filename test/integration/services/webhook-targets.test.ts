import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jobs, webhookDeliveries, webhookEndpoints } from "@db/schema";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { runDueJobs } from "~/modules/jobs/worker.server";
import type { Resolver } from "~/modules/webhooks/address-guard.server";
import { deliverWebhook, emitWebhook } from "~/modules/webhooks/webhooks.server";
import * as webhooksRoute from "~/routes/w.$workspace.webhooks";
import { env, setEnvForTests } from "~/utils/env.server";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest, sessionCookie } from "../../support/http";
import { buildWorld, type World } from "../../support/world";

/**
 * Security.md 30, issue 13 point 1: IPv6 spellings of private IPv4 addresses are refused, and a
 * delivery connects to the address that was checked, never to a second DNS answer (rebinding).
 */
const t = useTestDatabase({ ALLOW_PRIVATE_WEBHOOKS: false });

let world: World;
let owner: string;
beforeAll(async () => {
  world = await buildWorld(t.db);
  owner = await sessionCookie(world.users.owner.id);
});

describe("registering an endpoint on an IPv6 form of a private address (30)", () => {
  const EMBEDDED = [
    "https://[64:ff9b::127.0.0.1]/hook", // NAT64
    "https://[::127.0.0.1]/hook", // IPv4-compatible
    "https://[::ffff:0:a9fe:a9fe]/latest/meta-data/", // SIIT, the metadata address
    "https://[2002:a00:1::1]/hook", // 6to4 of 10.0.0.1
  ];
  it.each(EMBEDDED)("refuses %s with a message on the URL field and stores nothing", async (url) => {
    const res = await call(
      webhooksRoute.action,
      makeRequest(`/w/${world.a.slug}/webhooks`, { cookie: owner, form: { intent: "create", url, eventTypes: ["member.invited"] } }),
      { workspace: world.a.slug },
    );
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: { url?: string[] } }>(res);
    expect(body.errors.url?.[0]).toMatch(/inside a private network/);
    expect(await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, world.a.id))).toHaveLength(0);
  });
});

// ---- Two local servers on one port: the checked address and the one a rebinding DNS gives later ----

/** A connection (a TLS hello to this plain server counts too) and the request headers if any. */
interface Hit {
  headers?: IncomingHttpHeaders;
}
function listen(host: string, port: number, hits: Hit[]): Promise<Server> {
  const server = createServer((req, res) => {
    hits[hits.length - 1].headers = req.headers;
    req.resume();
    res.writeHead(200).end("ok");
  });
  server.on("connection", () => hits.push({}));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
async function close(server: Server | undefined) {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe("delivery connects to the checked address (30, DNS rebinding)", () => {
  const checked: Hit[] = [];
  const rebound: Hit[] = [];
  let checkedServer: Server;
  let reboundServer: Server | undefined;
  let port = 0;
  const HOST = "hooks.rebind.test";

  beforeAll(async () => {
    checkedServer = await listen("127.0.0.1", 0, checked);
    port = (checkedServer.address() as AddressInfo).port;
    // Linux answers all of 127/8 on the loopback device; the same port makes the URLs identical.
    reboundServer = await listen("127.0.0.2", port, rebound).catch(() => undefined);
  });
  afterAll(async () => {
    await close(checkedServer);
    await close(reboundServer);
  });

  let endpointId: string;
  beforeEach(async () => {
    checked.length = 0;
    rebound.length = 0;
    await t.db.delete(jobs);
    await t.db.delete(webhookEndpoints);
    const [row] = await t.db
      .insert(webhookEndpoints)
      .values({
        workspaceId: world.a.id,
        url: `http://${HOST}:${port}/hook`,
        eventTypes: ["member.invited"],
        secret: `whsec_${randomBytes(24).toString("base64")}`,
        createdBy: world.users.owner.id,
      })
      .returning();
    endpointId = row.id;
    await t.db.transaction((tx) => emitWebhook(tx, world.a.id, "member.invited", { invitationId: "inv_1", role: "admin" }));
  });

  /** Without ALLOW_PRIVATE_WEBHOOKS only https is sent; these servers would see the TLS hello. */
  const useHttps = () =>
    t.db
      .update(webhookEndpoints)
      .set({ url: `https://${HOST}:${port}/hook` })
      .where(eq(webhookEndpoints.id, endpointId));

  /** A DNS server that answers `answers[n]` to the n-th question (the last one from then on). */
  function rebindingDns(...answers: string[]) {
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      const address = answers[Math.min(asked.length - 1, answers.length - 1)];
      return [{ address, family: 4 }];
    };
    return { resolve, asked };
  }

  async function deliverWith(resolve: Resolver, allowPrivate: boolean) {
    const saved = env();
    setEnvForTests({ ...saved, ALLOW_PRIVATE_WEBHOOKS: allowPrivate });
    try {
      const handlers = {
        ...jobHandlers,
        webhook: (job: Parameters<typeof deliverWebhook>[0]) => deliverWebhook(job, { resolve, timeoutMs: 1000 }),
      };
      expect(await runDueJobs(handlers, { now: new Date(Date.now() + 1000) })).toBe(1);
    } finally {
      setEnvForTests(saved);
    }
    return t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  }

  it("one lookup per delivery; the request goes to its answer with the URL's Host header", async () => {
    const dns = rebindingDns("127.0.0.1", "127.0.0.2");
    const log = await deliverWith(dns.resolve, true);
    expect(dns.asked).toEqual([HOST]);
    expect(checked).toHaveLength(1);
    expect(checked[0].headers?.host).toBe(`${HOST}:${port}`);
    expect(rebound).toHaveLength(0);
    expect(log.map((d) => [d.statusCode, d.error])).toEqual([[200, null]]);
  });

  it("every checked address may be tried in turn: an answer refusing connections is skipped for the next", async () => {
    const resolve: Resolver = async () => [
      { address: "::1", family: 6 }, // nothing listens on this port there
      { address: "127.0.0.1", family: 4 },
    ];
    const log = await deliverWith(resolve, true);
    expect(checked).toHaveLength(1);
    expect(log.map((d) => [d.statusCode, d.error])).toEqual([[200, null]]);
  });

  it("a name that passes the check and then rebinds to loopback never reaches loopback", async () => {
    // Checked: a public address (documentation range, unroutable); the second answer is the receiver.
    const dns = rebindingDns("203.0.113.10", "127.0.0.1");
    await useHttps();
    const log = await deliverWith(dns.resolve, false);
    expect(dns.asked).toEqual([HOST]);
    expect(checked).toHaveLength(0);
    expect(rebound).toHaveLength(0);
    expect(log).toHaveLength(1);
    expect(log[0].statusCode).toBeNull();
  });

  it("a name with any private address among its answers is refused, and the log says why", async () => {
    const resolve: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "64:ff9b::7f00:1", family: 6 },
    ];
    await useHttps();
    const log = await deliverWith(resolve, false);
    expect(checked).toHaveLength(0);
    expect(log).toHaveLength(1);
    expect(log[0].error).toMatch(/private network/);
  });
});

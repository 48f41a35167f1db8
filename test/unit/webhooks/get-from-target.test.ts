import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFromTarget, resolveTarget, ResponseTooLarge, TimedOut } from "~/modules/webhooks/address-guard.server";

/**
 * The guard's GET (calendar overlays, decision 067) against a real socket, not an interceptor: the
 * size cap holds while a chunked body streams with no length, the connection is dropped there, and
 * the time limit covers a body that stalls half-way.
 */
let server: Server;
let base: string;
const sent = { bytes: 0, closed: false };

function endless(res: ServerResponse) {
  // Chunked (no Content-Length), 64 KB at a time for as long as the client reads.
  res.writeHead(200, { "content-type": "text/calendar" });
  const chunk = Buffer.alloc(65_536, 88);
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) sent.bytes += chunk.length;
    if (!res.destroyed) res.once("drain", pump);
  };
  res.on("close", () => (sent.closed = true));
  pump();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/endless") return endless(res);
    if (req.url === "/stall") {
      res.writeHead(200, { "content-type": "text/calendar" });
      res.write("BEGIN:VCALENDAR\r\n");
      return; // and never more
    }
    if (req.url === "/redirect") return res.writeHead(302, { location: "/elsewhere" }).end();
    res.writeHead(200, { "content-type": "text/calendar" }).end("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const target = (path: string) => resolveTarget(`${base}${path}`, { allowPrivate: true });
const init = { headers: {}, timeoutMs: 2_000, maxBytes: 1_000_000 };

describe("getFromTarget", () => {
  it("reads a small body whole", async () => {
    const res = await getFromTarget(await target("/ok"), init);
    expect(res).toMatchObject({ status: 200, contentType: "text/calendar", location: null });
    expect(res.body.toString()).toBe("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  });

  it("stops a chunked body at the cap and drops the connection", async () => {
    await expect(getFromTarget(await target("/endless"), init)).rejects.toBeInstanceOf(ResponseTooLarge);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent.closed).toBe(true);
    // The server got its writes refused soon after the cap (socket buffers hold a few MB at most).
    expect(sent.bytes).toBeLessThan(20_000_000);
  });

  it("gives up on a body that stalls, at the time limit", async () => {
    const started = Date.now();
    await expect(getFromTarget(await target("/stall"), { ...init, timeoutMs: 300 })).rejects.toBeInstanceOf(TimedOut);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("hands a redirect back without following it", async () => {
    expect(await getFromTarget(await target("/redirect"), init)).toMatchObject({ status: 302, location: "/elsewhere" });
  });
});

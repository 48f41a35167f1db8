import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { piecesOf, rawExchange, split, streamPost } from "./raw-http";

/** Body limits hold for bodies without a Content-Length (security.md 21, 41; issue 12 point 4). */
const APP_URL = "https://baton.example.test";
const MB = 1_000_000;
const FORM = { origin: APP_URL, "content-type": "application/x-www-form-urlencoded" };

let server: RunningServer;
beforeAll(async () => {
  // Uploads may be 3 MB here: over the 1 MB form limit, small enough to send quickly.
  server = await startServer({ env: { APP_URL, MAX_UPLOAD_MB: "3" } });
});
afterAll(() => server?.stop());

function* chunkedFraming(pieces: Iterable<Buffer>): Generator<Buffer> {
  for (const piece of pieces) yield Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
  yield Buffer.from("0\r\n\r\n");
}

async function signIn(): Promise<string> {
  const res = await streamPost(server.port, "/login", FORM, [Buffer.from("email=owner%40northwind.test&password=baton-demo")]);
  expect(res.status).toBe(302);
  const cookie = String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0];
  expect(cookie).toMatch(/baton_session=/);
  return cookie;
}

function multipart(boundary: string, fileBytes: number): Buffer {
  const png = Buffer.alloc(fileBytes, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbrand_kit\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe("body limits count the bytes that arrive, not the Content-Length", () => {
  it("answers 413 to a 50 MB chunked form as soon as 1 MB has passed, with a message a person can act on", async () => {
    const res = await streamPost(server.port, "/login", FORM, [Buffer.from("email=a%40b.test&password="), ...piecesOf(50 * MB)]);
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/larger than 1 MB/);
    // Answered long before the client finished: the server did not read the 50 MB first.
    expect(res.sentWhenAnswered).toBeLessThan(15 * MB);
  });

  it("stops reading a client that keeps sending after the 413: the connection is closed long before 50 MB", async () => {
    const head = `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${APP_URL}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const res = await rawExchange(server.port, head, chunkedFraming(piecesOf(50 * MB)), 20_000);
    expect(res.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(res.answer).toMatch(/connection: close/i);
    expect(res.closedByServer).toBe(true);
    expect(res.sent).toBeLessThan(20 * MB);
  });

  it("limits JSON bodies (autosave) the same way", async () => {
    const res = await streamPost(
      server.port,
      "/onboard/no-such-token",
      { origin: APP_URL, "content-type": "application/json", accept: "application/json" },
      piecesOf(3 * MB),
    );
    expect(res.status).toBe(413);
    // Autosave scripts read JSON: they get the message in the shape every action answers with.
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, formError: expect.stringMatching(/larger than 1 MB/) });
  });

  it("still delivers a chunked form under the limit intact", async () => {
    const body = Buffer.from("email=owner%40northwind.test&password=baton-demo&redirectTo=%2Fw%2Fnorthwind");
    const res = await streamPost(server.port, "/login", FORM, split(body, 7));
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/w/northwind");
    expect(res.headers["set-cookie"]?.[0]).toMatch(/baton_session=/);
    // Just under the limit is read and answered by the action itself (a too-long password).
    const near = await streamPost(server.port, "/login", FORM, [Buffer.from("email=a%40b.test&password="), ...piecesOf(990_000, 50_000)]);
    expect(near.status).toBe(400);
  });

  it("never reads more than a lying Content-Length declares", async () => {
    const lies = [
      // Claims 30 bytes, sends 5 MB: only the 30 are a body; the rest is no request at all.
      `Content-Length: 30\r\n`,
      // Claims a length and chunked at once (request smuggling): refused outright.
      `Content-Length: 30\r\nTransfer-Encoding: chunked\r\n`,
    ];
    for (const lie of lies) {
      const head = `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${APP_URL}\r\nContent-Type: application/x-www-form-urlencoded\r\n${lie}\r\n`;
      const res = await rawExchange(server.port, head, piecesOf(5 * MB), 20_000);
      // Node refuses the bytes past the declared body as a malformed request and resets the
      // connection, which may swallow its 400 before the client reads it; never a success.
      if (res.answer) expect(res.answer, lie).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(res.answer, lie).not.toMatch(/HTTP\/1\.1 [23]\d\d /);
      expect(res.closedByServer, lie).toBe(true);
      expect(res.sent, lie).toBeLessThan(5 * MB);
    }
    // A Content-Length over the limit is refused before a byte of the body is read.
    const declared = await rawExchange(
      server.port,
      `POST /login HTTP/1.1\r\nHost: x\r\nOrigin: ${APP_URL}\r\nContent-Length: ${50 * MB}\r\n\r\n`,
      [],
      5000,
    );
    expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("accepts an upload over 1 MB and under MAX_UPLOAD_MB, chunked or not, and refuses a bigger one early", async () => {
    const cookie = await signIn();
    const boundary = "----baton-test-boundary";
    const headers = { origin: APP_URL, cookie, accept: "application/json", "content-type": `multipart/form-data; boundary=${boundary}` };
    const body = multipart(boundary, 2 * MB);

    const chunked = await streamPost(server.port, "/w/northwind/uploads", headers, split(body, 64 * 1024));
    expect(chunked.status, chunked.body).toBe(200);
    expect(JSON.parse(chunked.body).files).toHaveLength(1);

    const withLength = await streamPost(
      server.port,
      "/w/northwind/uploads",
      { ...headers, "content-length": String(body.length) },
      split(body, 64 * 1024),
    );
    expect(withLength.status, withLength.body).toBe(200);

    // MAX_UPLOAD_MB is 3: a 40 MB stream is cut off at the upload limit (3 MB + 1 MB for the form around it).
    const huge = multipart(boundary, 40 * MB);
    const refused = await streamPost(server.port, "/w/northwind/uploads", headers, split(huge, 64 * 1024));
    expect(refused.status).toBe(413);
    expect(refused.sentWhenAnswered).toBeLessThan(20 * MB);
  });
});

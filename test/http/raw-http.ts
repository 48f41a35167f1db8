import http from "node:http";
import net from "node:net";

export interface StreamedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Body bytes handed to the socket when the answer's headers arrived. */
  sentWhenAnswered: number;
  /** Body bytes handed to the socket in all: sending stops once the answer arrives or the connection drops. */
  sent: number;
}

/**
 * POSTs a body piece by piece over a fresh connection, as `Transfer-Encoding: chunked` (no
 * Content-Length) unless the headers say otherwise, respecting backpressure. It stops sending as
 * soon as the answer arrives, like a browser would, so `sentWhenAnswered` shows how much the
 * server took before it answered.
 */
export function streamPost(port: number, path: string, headers: Record<string, string>, pieces: Iterable<Buffer>): Promise<StreamedAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let sentWhenAnswered = -1;
    let stopped = false;
    let wake: () => void = () => {};
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers, agent: false });
    req.on("response", (res) => {
      sentWhenAnswered = sent;
      stopped = true;
      wake();
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentWhenAnswered, sent });
      });
      res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentWhenAnswered, sent }));
    });
    req.on("error", (error) => {
      stopped = true;
      wake();
      // A connection the server closes after answering is expected; an error before any answer is not.
      if (sentWhenAnswered < 0) reject(new Error(`no answer after ${sent} bytes: ${error.message}`));
    });
    req.on("drain", () => wake());
    void (async () => {
      for (const piece of pieces) {
        if (stopped) return;
        sent += piece.length;
        if (!req.write(piece)) await new Promise<void>((r) => (wake = r));
      }
      if (!stopped) req.end();
    })();
  });
}

/** `total` bytes of `fill`, in pieces of `size` (made lazily: 50 MB never sits in the test's memory). */
export function* piecesOf(total: number, size = 64 * 1024, fill = "x"): Generator<Buffer> {
  const full = Buffer.alloc(size, fill);
  for (let done = 0; done < total; done += size) yield total - done >= size ? full : full.subarray(0, total - done);
}

/** Splits a buffer into pieces of `size`. */
export function* split(buffer: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

/**
 * Sends raw bytes over a socket (headers exactly as written, whatever they claim) and collects
 * what comes back until the server closes the connection or `ms` pass.
 */
export function rawExchange(
  port: number,
  head: string,
  body: Iterable<Buffer>,
  ms = 5000,
): Promise<{ answer: string; sent: number; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    let sent = 0;
    let closedByServer = false;
    let closed = false;
    const finish = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, sent, closedByServer });
    };
    const timer = setTimeout(finish, ms);
    socket.on("data", (d) => (answer += d.toString("latin1")));
    socket.on("end", () => {
      closedByServer = true;
      finish();
    });
    socket.on("close", () => {
      closedByServer = true;
      finish();
    });
    socket.on("error", () => {});
    socket.on("connect", async () => {
      socket.write(head);
      for (const piece of body) {
        if (closed || socket.destroyed) return;
        sent += piece.length;
        if (!socket.write(piece)) await new Promise((r) => socket.once("drain", r).once("close", r));
      }
    });
  });
}

import type { NextFunction, Request, Response } from "express";

export interface BodyLimits {
  /** Forms, autosave JSON and everything else. */
  formBytes: number;
  /** multipart/form-data: files (MAX_UPLOAD_MB) and the form fields around them. */
  uploadBytes: number;
}

const BODY = Symbol("baton.body");
type WithBody = Request & { [BODY]?: Buffer[] };

const MB = 1_000_000;
const formatMb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** The 413 message, in words a person can act on. */
export function tooLargeMessage(limit: number, multipart: boolean): string {
  return multipart
    ? `The upload is larger than ${formatMb(limit)} in total, so it was not read. Send fewer or smaller files.`
    : `The request is larger than ${formatMb(limit)}, so it was not read. Shorten the text and send it again.`;
}

/** How long a refused client keeps its connection after the 413: time to read it, not to send more. */
const LINGER_MS = 2000;

/**
 * Reads the whole request body before Remix runs, counting the bytes as they arrive, whatever
 * Content-Length says or whether there is one (`Transfer-Encoding: chunked`). Past the limit it
 * answers 413 at once and stops reading; so Remix, and every action and upload handler after it,
 * only ever sees a complete body within the limit, held in memory no bigger than that limit
 * (Remix's form parsing holds it all anyway).
 */
export function readBodyWithin(limits: BodyLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const multipart = String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
    const limit = multipart ? limits.uploadBytes : limits.formBytes;
    const chunks: Buffer[] = [];
    let bytes = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      chunks.length = 0;
    };
    const refuse = () => {
      stop();
      req.pause();
      closeGently(req);
      const message = tooLargeMessage(limit, multipart);
      res.status(413).set("Connection", "close");
      // Autosave scripts read JSON: give them the shape every action answers with.
      if (req.accepts(["text/html", "application/json"]) === "application/json") res.json({ ok: false, errors: {}, formError: message });
      else res.type("text/plain").send(message);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) refuse();
      else chunks.push(chunk);
    };
    const onEnd = () => {
      (req as WithBody)[BODY] = [...chunks];
      stop();
      next();
    };
    // A client that goes away mid-body gets no answer; its chunks go with this closure.
    req.once("error", stop);
    req.once("end", onEnd);
    // Listening starts reading; a refusal pauses it. Either way the body counts as being read,
    // so Node does not drain the rest itself after the answer.
    req.on("data", onData);
    if (Number(req.headers["content-length"] ?? 0) > limit) refuse();
  };
}

/**
 * Node closes a `Connection: close` response's socket as soon as the answer is written; with the
 * client's unread bytes still arriving that close is a reset, and a client still sending often
 * reports "connection reset" instead of the 413 (RFC 9112 §9.6). So: send our FIN, read nothing
 * more (the request is paused), and drop the connection LINGER_MS later, or when the client closes.
 */
function closeGently(req: Request): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/** The body readBodyWithin read, as a stream that lets go of each piece once it is read. */
export function bufferedBody(req: Request): ReadableStream<Uint8Array> | undefined {
  const chunks = (req as WithBody)[BODY];
  if (!chunks) return undefined;
  delete (req as WithBody)[BODY];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

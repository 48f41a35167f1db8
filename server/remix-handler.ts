import type { NextFunction, Request, Response } from "express";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { bufferedBody } from "./body-limit";

/**
 * Remix's Express adapter (@remix-run/express 2.x createRequestHandler), except for one thing: the
 * body Remix reads is the one body-limit.ts already read within its limit, not the socket stream
 * (the adapter streams `req` itself, with no way to hand it another body). Everything else (URL,
 * headers, abort on disconnect, writing the response) does what the adapter does.
 */
export function remixHandler(opts: { build: ServerBuild; mode: string; getLoadContext: (req: Request, res: Response) => AppLoadContext }) {
  const handle = createRequestHandler(opts.build, opts.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const response = await handle(toFetchRequest(req, res), opts.getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function toFetchRequest(req: Request, res: Response): globalThis.Request {
  // req.hostname drops the port, so take it from X-Forwarded-Host or Host, as the adapter does.
  const portOf = (value: string | undefined) => Number.parseInt(value?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);

  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }

  // Abort loaders and actions once no response can be written any more (the client went away).
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });

  const body = bufferedBody(req);
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(body ? { body, duplex: "half" } : {}),
  } as RequestInit);
}

async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

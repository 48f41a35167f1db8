import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import compression from "compression";
import type { ServerBuild } from "@remix-run/node";
import { parseEnv } from "~/utils/env.server";
import { jobHandlers } from "~/modules/jobs/handlers.server";
import { startWorker } from "~/modules/jobs/worker.server";
import { googleOAuthUrls } from "~/modules/connections/endpoints.server";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@db/seed";
import { boot } from "./boot";
import { clientIp, sameOriginOnly, securityHeaders } from "./security";
import { allowedOrigins } from "./origin";
import { readBodyWithin } from "./body-limit";
import { remixHandler } from "./remix-handler";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  let e;
  try {
    e = parseEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  (globalThis as { __batonEnv?: unknown }).__batonEnv = e;

  const database = await boot(e, { seed: true });
  const stopWorker = e.WORKER === "inline" ? startWorker(jobHandlers, e.WORKER_POLL_MS, (err) => console.error("worker:", err)) : () => {};

  const build = (await import(path.join(root, "build/index.js"))) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(compression());
  // With Google configured, "Connect Google" posts and is redirected to Google's consent page.
  const consentOrigins = e.GOOGLE_CLIENT_ID ? [new URL(googleOAuthUrls().authorize).origin] : [];
  app.use(securityHeaders(e.NODE_ENV === "development", { formActionOrigins: consentOrigins }));
  app.use(clientIp(e.TRUST_PROXY));
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
  app.use(sameOriginOnly(allowedOrigins(e.APP_URL, e.NODE_ENV === "development" ? e.PORT : null), [/^\/api\/uploadthing/]));
  app.use(readBodyWithin({ formBytes: 1_000_000, uploadBytes: (e.MAX_UPLOAD_MB + 1) * 1_000_000 }));
  app.get("/healthz", (_req, res) => void res.json({ ok: true, database: database.kind }));
  app.all("*", remixHandler({ build, mode: e.NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }) }));

  const server = app.listen(e.PORT, () => {
    const lines = [
      ``,
      `  Baton is running at ${e.APP_URL}`,
      `  Database: ${database.kind === "pglite" ? `embedded PGlite in ${path.resolve(e.DATA_DIR)}` : "PostgreSQL (DATABASE_URL)"}`,
      `  Email: ${e.RESEND_API_KEY ? "Resend" : `local mailbox at ${e.APP_URL}/dev/mail`}`,
      database.seeded ? `  Demo data created.` : `  Existing data kept.`,
      `  Demo logins (password "${DEMO_PASSWORD}"):`,
      ...DEMO_LOGINS.map((l) => `    ${l.email.padEnd(28)} ${l.role}`),
      ``,
    ];
    console.log(lines.join("\n"));
  });

  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `Port ${e.PORT} is already in use. Start Baton on another port, e.g. PORT=3001 npm start.`
        : `Baton could not listen: ${error.message}`,
    );
    process.exit(1);
  });

  const shutdown = async () => {
    stopWorker();
    server.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error("Baton could not start:", error);
  process.exit(1);
});

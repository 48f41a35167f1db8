import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
  RESEND_API_KEY: z.string().startsWith("re_", "must start with re_").optional(),
  RESEND_BASE_URL: z.string().url().default("https://api.resend.com"),
  EMAIL_FROM: z.string().min(3).default("Baton <notifications@baton.local>"),
  UPLOADTHING_TOKEN: z.string().min(10).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(512).default(10),
  WORKER: z.enum(["inline", "off"]).default("inline"),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SEED_DEMO: bool.default("true"),
  ALLOW_PRIVATE_WEBHOOKS: bool.default("false"),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  TRUST_PROXY: bool.default("false"),
  SNAPSHOT_CACHE: z.enum(["on", "off"]).default("on"),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Platform connections (issue 19, docs/decisions/064). Without GOOGLE_CLIENT_ID the settings
  // page says Google is not configured; the base URLs exist so tests and local stubs can stand in
  // for the providers' hosts, and default to the real ones.
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_ADS_DEVELOPER_TOKEN: z.string().min(1).optional(),
  GOOGLE_OAUTH_BASE_URL: z.string().url().optional(),
  GOOGLE_API_BASE_URL: z.string().url().optional(),
  META_GRAPH_BASE_URL: z.string().url().default("https://graph.facebook.com/v25.0"),
});

export type Env = z.infer<typeof schema> & { APP_URL: string; secureCookies: boolean };

/** Parses the environment; throws a message naming each bad variable so start-up stops clearly. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment, fix these variables (see .env.example):\n${lines.join("\n")}`);
  }
  const appUrl = result.data.APP_URL ?? `http://localhost:${result.data.PORT}`;
  return { ...result.data, APP_URL: appUrl.replace(/\/$/, ""), secureCookies: appUrl.startsWith("https://") };
}

const holder = globalThis as unknown as { __batonEnv?: Env; __batonSecret?: { env: Env; secret: string } };

export function env(): Env {
  holder.__batonEnv ??= parseEnv();
  return holder.__batonEnv;
}

/** Tests override single values without touching process.env. */
export function setEnvForTests(overrides: Partial<Env>): void {
  holder.__batonEnv = { ...parseEnv({ NODE_ENV: "test" }), ...overrides };
}

/** Unit and integration tests seal with this when APP_SECRET is not set. Never used outside tests. */
export const TEST_APP_SECRET = "baton-test-secret-only-for-tests-0000000000";

/** The generated secret lives next to the embedded database: `${DATA_DIR}/app-secret`. */
export function appSecretFile(e: Pick<Env, "DATA_DIR">): string {
  return path.resolve(e.DATA_DIR, "app-secret");
}

/**
 * The secret that seals queued job payloads (app/utils/seal.server.ts). APP_SECRET when set;
 * in tests a fixed one; otherwise one generated on first use and kept in DATA_DIR/app-secret
 * (mode 0600), so a fresh clone works unconfigured and a restart still opens the jobs it queued.
 * Resolved once per environment (every copy of this module shares the cache on globalThis).
 */
export function appSecret(): string {
  const e = env();
  const cached = holder.__batonSecret;
  if (cached?.env === e) return cached.secret;
  const secret = resolveAppSecret(e);
  holder.__batonSecret = { env: e, secret };
  return secret;
}

export function resolveAppSecret(e: Env, warn: (message: string) => void = console.warn): string {
  if (e.APP_SECRET) return e.APP_SECRET;
  if (e.NODE_ENV === "test") return TEST_APP_SECRET;
  // An in-memory database does not outlive the process, nor do the jobs a secret would open.
  if (e.DATA_DIR.startsWith("memory://")) return randomBytes(32).toString("base64url");
  const file = appSecretFile(e);
  if (e.NODE_ENV === "production" && e.DATABASE_URL) {
    warn(
      `APP_SECRET is not set: using the one generated in ${file}. Every web and worker process of one database must share the same secret, so set APP_SECRET (32+ characters) on all of them.`,
    );
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": exactly one of two processes starting at once creates it; the other reads it.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32)
    throw new Error(
      `${file} holds no usable secret (32+ characters): set APP_SECRET, or delete the file to generate a new one (queued jobs sealed with the old one then fail).`,
    );
  return secret;
}

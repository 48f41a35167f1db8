import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://").optional(),
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

const holder = globalThis as unknown as { __batonEnv?: Env };

export function env(): Env {
  holder.__batonEnv ??= parseEnv();
  return holder.__batonEnv;
}

/** Tests override single values without touching process.env. */
export function setEnvForTests(overrides: Partial<Env>): void {
  holder.__batonEnv = { ...parseEnv({ NODE_ENV: "test" }), ...overrides };
}

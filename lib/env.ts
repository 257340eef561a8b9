// Validated configuration. Nothing else reads process.env: a bad value fails at start with a clear message.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const millisecondsWithDefault = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // The address the server listens on (lib/server/listen-address.ts); default: loopback only.
  HOSTNAME: optionalString,
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  PARLEY_DATA_DIR: z.string().default(".data"),
  // The address users reach Parley at; next-auth builds its redirects from it. Default: http://localhost:PORT.
  NEXTAUTH_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()),
  // 32 bytes as 64 hex characters: the AES-256-GCM key for provider API keys at rest.
  ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/i, "ENCRYPTION_KEY must be 64 hexadecimal characters")
      .optional(),
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OPENAI_MODELS: optionalString,
  // Upstream name of the enabled model that writes conversation titles; default: each conversation's own model.
  TITLE_MODEL: optionalString,
  // Who may register while no admin has chosen a policy in the console (lib/auth/registration-policy.ts).
  REGISTRATION_POLICY: optionalString.pipe(z.enum(["open", "approval", "closed"]).optional()),
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(8).max(128).optional()),
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: millisecondsWithDefault(60_000),
  UPSTREAM_IDLE_TIMEOUT_MS: millisecondsWithDefault(60_000),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`PORT=` in a compose file or .env) means "not set", whatever its type.
  const setValues = Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
  const parsed = envSchema.safeParse(setValues);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Values the running app cannot do without; the launcher fills them in before it starts Next. */
export function requireEnv<K extends "DATABASE_URL" | "AUTH_SECRET" | "ENCRYPTION_KEY">(key: K): string {
  const value = env()[key];
  if (!value) throw new Error(`${key} is not set. Start Parley with \`npm run dev\` or \`npm start\`.`);
  return value;
}

/** The address users reach Parley at, for links that leave the site (share links): NEXTAUTH_URL, else local. */
export function publicSiteUrl(): string {
  const { NEXTAUTH_URL, PORT } = env();
  return (NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

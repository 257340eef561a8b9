// Validated configuration. Nothing else reads process.env: a bad value fails at start with a clear message.
import { isIP } from "node:net";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const ENCODING_HINT =
  "percent-encode special characters in the user name and password (@ as %40, : as %3A, / as %2F, ? as %3F, # as %23, % as %25)";

/** Why a DATABASE_URL cannot be used, in words that lead to the fix; never the URL itself (it holds a password). */
function describeDatabaseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not a valid URL; ${ENCODING_HINT}`;
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    return "must start with postgresql:// (or postgres://)";
  }
  // A `#` in a password ends the URL there, and what is left may still parse, as another host and port.
  if (value.includes("#")) return `contains "#", which ends a URL; ${ENCODING_HINT}`;
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return `has a "%" that starts no valid escape; ${ENCODING_HINT}`;
  }
  return null;
}

/** A proxy's address as curl takes it (`http://proxy.corp:3128`, `https://…`, or `proxy.corp:3128`: http), or null. */
export function parseProxyAddress(value: string): URL | null {
  try {
    const url = new URL(value.includes("://") ? value : `http://${value}`);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" ? url : null;
  } catch {
    return null;
  }
}

const proxyAddress = optionalString.refine((value) => value === undefined || parseProxyAddress(value) !== null, {
  message: "must be an http:// or https:// proxy, e.g. http://proxy.example:3128",
});

const databaseUrl = z.string().superRefine((value, context) => {
  const problem = describeDatabaseUrlProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

const booleanFlag = z
  .enum(["true", "false"], { message: 'Use "true" or "false".' })
  .default("false")
  .transform((value) => value === "true");

const countWithDefault = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** "10.0.0.0/8" or "::1": an address, optionally with a prefix length that fits its family. */
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

// Comma-separated addresses or CIDR ranges of the reverse proxies in front of Parley.
const proxyList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.every(isAddressOrRange), "List IP addresses or CIDR ranges, separated by commas.");

const millisecondsWithDefault = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // The address the server listens on (lib/server/listen-address.ts); default: loopback only.
  HOSTNAME: optionalString,
  DATABASE_URL: optionalString.pipe(databaseUrl.optional()),
  PARLEY_DATA_DIR: z.string().default(".data"),
  // The address users reach Parley at; next-auth builds its redirects from it. Default: http://localhost:PORT.
  // The root of a host: the pages load their scripts from /_next and call /api, so a path prefix cannot work.
  NEXTAUTH_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/ })
      .refine((url) => {
        const { pathname, search, hash } = new URL(url);
        return pathname === "/" && !search && !hash;
      }, "NEXTAUTH_URL must be the root of a host (e.g. https://chat.example.com): Parley cannot be served under a " +
        "path such as /chat. Give it a host name of its own, or its own port.")
      .optional(),
  ),
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
  // Days a session lasts from sign-in, however often it is used; then the user signs in again.
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // "true": providers may use link-local and cloud metadata addresses (lib/models/provider-address.ts).
  ALLOW_LINK_LOCAL_PROVIDERS: booleanFlag,
  // The HTTP proxy for requests out of Parley (lib/http/outbound-proxy.ts), under the names curl reads.
  https_proxy: proxyAddress,
  HTTPS_PROXY: proxyAddress,
  http_proxy: proxyAddress,
  HTTP_PROXY: proxyAddress,
  all_proxy: proxyAddress,
  ALL_PROXY: proxyAddress,
  no_proxy: optionalString,
  NO_PROXY: optionalString,
  // Only requests from these addresses may name the client in X-Forwarded-For (lib/http/client-address.ts).
  TRUSTED_PROXY: proxyList.default([]),
  // Throttling (lib/auth/throttle.ts): failed sign-ins from one client address before it is locked out, and
  // registration attempts per client address per hour.
  SIGN_IN_FAILURES_PER_ADDRESS: countWithDefault(30),
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: countWithDefault(10),
  // accounts (issue 16): mail for "Forgot password?" (lib/mail/mailer.ts), e.g. smtps://user:pass@smtp.example.com.
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: optionalString,
  // "true": password sign-in is switched back on at start, for an admin locked out by SSO (lib/sso/password-sign-in.ts).
  PASSWORD_SIGN_IN_RECOVERY: booleanFlag,
  // JSON array of OpenID providers to create or update at start (headless installs; lib/sso/sso-from-env.ts).
  SSO_PROVIDERS: optionalString,
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: millisecondsWithDefault(60_000),
  UPSTREAM_IDLE_TIMEOUT_MS: millisecondsWithDefault(60_000),
  // Several processes on one database (lib/cluster): how long running replies may finish after SIGTERM, and how long
  // a process's lease lasts without renewal before another process recovers its replies as interrupted.
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  PROCESS_LEASE_SECONDS: z.coerce.number().int().min(2).max(300).default(15),
  // Prometheus metrics (lib/observability): off unless a port is given; with a token, scrapes must send it.
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // "json": every log line as a JSON object with its request id (lib/observability/logging.ts).
  LOG_FORMAT: z.enum(["text", "json"]).default("text"),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional()),
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

/** Whether users reach Parley over https: its cookies are then marked Secure (next-auth's rule, by NEXTAUTH_URL). */
export function isSiteHttps(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** The address users reach Parley at, for links that leave the site (share links): NEXTAUTH_URL, else local. */
export function publicSiteUrl(): string {
  const { NEXTAUTH_URL, PORT } = env();
  return (NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}

// Everything between "configuration read" and "app serving": secrets, database, migrations, first data.
import path from "node:path";
import { hashPassword } from "../auth/password";
import { recoverInterruptedReplies } from "../cluster/reply-recovery";
import { withDefaultTlsMode } from "../db/connection-options";
import { ensureAdmin } from "../db/users";
import { type Env, env, parseEnv } from "../env";
import { seedProvidersFromEnv } from "../models/seed-from-env";
import { recoverPasswordSignIn } from "../sso/password-sign-in";
import { seedSsoProvidersFromEnv } from "../sso/sso-from-env";
import { checkAuthSecret } from "./auth-secret-check";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { checkEncryptionKey } from "./encryption-key-check";
import { loadOrCreateLocalSecrets } from "./local-secrets";
import { applyMigrations } from "./migrate";

export type PreparedRuntime = { env: Record<string, string>; stopDatabase: () => Promise<void> };

/** Resolves the values the app cannot run without and returns them as environment for the app process. */
async function resolveRuntimeEnv(config: Env): Promise<PreparedRuntime> {
  const dataDir = path.resolve(config.PARLEY_DATA_DIR);
  const secrets = loadOrCreateLocalSecrets(dataDir, [
    ...(config.AUTH_SECRET ? [] : (["authSecret"] as const)),
    ...(config.ENCRYPTION_KEY ? [] : (["encryptionKey"] as const)),
    ...(config.DATABASE_URL ? [] : (["databasePassword"] as const)),
  ]);
  const database = config.DATABASE_URL
    ? { databaseUrl: await withDefaultTlsMode(config.DATABASE_URL), stop: async () => {} }
    : await startEmbeddedPostgres(path.join(dataDir, "postgres"), {
        password: secrets.databasePassword ?? "",
        isInOwnSession: true,
      });
  if (!config.DATABASE_URL) console.log(`[parley] embedded PostgreSQL 17 with data in ${dataDir}/postgres`);
  else warnOfGeneratedSecrets(config, dataDir);
  return {
    env: {
      DATABASE_URL: database.databaseUrl,
      AUTH_SECRET: config.AUTH_SECRET ?? secrets.authSecret ?? "",
      ENCRYPTION_KEY: config.ENCRYPTION_KEY ?? secrets.encryptionKey ?? "",
    },
    stopDatabase: database.stop,
  };
}

/**
 * On a database other processes may share, secrets generated into this machine's data dir are this machine's alone:
 * a second machine set up the same way generates others, and its sessions and provider keys do not match.
 */
function warnOfGeneratedSecrets(config: Env, dataDir: string): void {
  const generated = [config.AUTH_SECRET ? null : "AUTH_SECRET", config.ENCRYPTION_KEY ? null : "ENCRYPTION_KEY"];
  const names = generated.filter((name) => name !== null);
  if (names.length === 0) return;
  const [verb, one, value, it] =
    names.length === 1 ? ["is", "the one", "value", "it"] : ["are", "the ones", "values", "them"];
  console.warn(
    `[parley] ${names.join(" and ")} ${verb} not set: this process uses ${one} generated into ` +
      `${path.join(dataDir, "secrets.json")}. Every other Parley process on this database needs the same ${value}: ` +
      `set ${it} in each one's environment.`,
  );
}

export async function prepareRuntime(): Promise<PreparedRuntime> {
  const runtime = await resolveRuntimeEnv(parseEnv(process.env));
  Object.assign(process.env, runtime.env);
  try {
    await prepareDatabase(runtime);
  } catch (error) {
    // A cluster left running would be found by the next start and never stopped.
    await runtime.stopDatabase();
    throw error;
  }
  return runtime;
}

/** Migrations and first data, on the database the runtime resolved. */
async function prepareDatabase(runtime: PreparedRuntime): Promise<void> {
  const applied = await applyMigrations(runtime.env.DATABASE_URL ?? "");
  // What an upgrade changed in the database, in the log of the start that changed it.
  if (applied.length > 0) {
    console.log(`[parley] applied ${applied.length} database migration(s), the latest ${applied.at(-1)}`);
  }
  await checkEncryptionKey();
  await checkAuthSecret();
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = env();
  if (ADMIN_EMAIL && ADMIN_PASSWORD) {
    const admin = { email: ADMIN_EMAIL, name: "Admin", passwordHash: await hashPassword(ADMIN_PASSWORD) };
    if ((await ensureAdmin(admin)) === "refused") {
      console.warn(
        `[parley] ADMIN_EMAIL names ${ADMIN_EMAIL}, which belongs to an account ADMIN_EMAIL did not create: Parley leaves its role as it is (an address can change hands). Make it an admin in the console if it should be one, or set ADMIN_EMAIL to the admin's address.`,
      );
    } else {
      console.log(`[parley] admin account ${ADMIN_EMAIL} is ready`);
    }
  }
  if (await recoverPasswordSignIn()) {
    console.log("[parley] password sign-in switched back on (PASSWORD_SIGN_IN_RECOVERY): remove the variable now");
  }
  const ssoProviders = await seedSsoProvidersFromEnv();
  if (ssoProviders.length > 0)
    console.log(`[parley] single sign-on providers from SSO_PROVIDERS: ${ssoProviders.join(", ")}`);
  const seeded = await seedProvidersFromEnv();
  if (seeded) console.log(`[parley] configured ${seeded}`);
  // Only replies whose process is gone: other processes on this database may be generating theirs right now.
  const interrupted = await recoverInterruptedReplies();
  if (interrupted.length > 0)
    console.log(`[parley] ${interrupted.length} reply(ies) cut off by a stopped process kept as interrupted`);
}

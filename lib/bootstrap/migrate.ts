// Applies the committed migrations with `prisma migrate deploy` (Prisma's JavaScript schema engine).

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { ADVISORY_LOCKS } from "../db/advisory-locks";
import { connectionOptionsFromUrl } from "../db/connection-options";
import { describeConnectionRefusal } from "../db/connection-refusal";
import { assertRequiredExtensionsCanBeCreated } from "./required-extensions";
import { assertSchemaAcceptsTables } from "./schema-privilege";

/**
 * Prisma prints this whenever the schema's datasource has a `url` while prisma.config.ts gives an adapter. The url
 * stays (without it `prisma generate` tries to download an engine), and the adapter is built from DATABASE_URL
 * too, so the warning is untrue here; shown with a failure, it reads as if DATABASE_URL had been ignored.
 */
const SCHEMA_URL_WARNING =
  /\n*WARNING: Your schema specifies the following datasource properties[\s\S]*?driver adapters\.\n/;

/** The names of the migrations applied now (none when the schema was up to date). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const options = connectionOptionsFromUrl(databaseUrl);
  const lock = new pg.Client({ ...options, application_name: "parley-migrate" });
  const connectError = await lock.connect().then(
    () => null,
    (error: unknown) => error,
  );
  if (connectError) {
    const refusal = describeConnectionRefusal(connectError, { database: options.database, user: options.user });
    if (refusal) throw new Error(refusal);
    // An unreachable database, a wrong password: Prisma's own attempt says why, in the words the README documents.
    return runMigrateDeploy(databaseUrl);
  }
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCKS.migrations]);
    await assertRequiredExtensionsCanBeCreated(lock);
    // Prisma's `schema` parameter of the URL, as its migrations read it.
    await assertSchemaAcceptsTables(lock, new URL(databaseUrl).searchParams.get("schema") ?? "public");
    return await runMigrateDeploy(databaseUrl);
  } finally {
    // Ending the session releases the lock, even if the unlock is never reached.
    await lock.end().catch(() => {});
  }
}

async function runMigrateDeploy(databaseUrl: string): Promise<string[]> {
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`Applying database migrations failed:\n${output.replace(SCHEMA_URL_WARNING, "\n")}`);
  return appliedMigrationsOf(output);
}

/**
 * The migrations `prisma migrate deploy` says it applied: the folders of its tree after "have been applied:"
 * ("  └─ 20261128300000_history_search/"); none after "No pending migrations to apply.".
 */
export function appliedMigrationsOf(output: string): string[] {
  const tree = output.split("have been applied:")[1] ?? "";
  return [...tree.matchAll(/└─ ([^/\s]+)\/\s*$/gm)].map((match) => match[1] ?? "");
}

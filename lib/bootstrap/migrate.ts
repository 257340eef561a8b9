// Applies the committed migrations with `prisma migrate deploy` (Prisma's JavaScript schema engine).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

/**
 * Prisma prints this whenever the schema's datasource has a `url` while prisma.config.ts gives an adapter. The url
 * stays (without it `prisma generate` tries to download an engine), and the adapter is built from DATABASE_URL
 * too, so the warning is untrue here; shown with a failure, it reads as if DATABASE_URL had been ignored.
 */
const SCHEMA_URL_WARNING =
  /\n*WARNING: Your schema specifies the following datasource properties[\s\S]*?driver adapters\.\n/;

export async function applyMigrations(databaseUrl: string): Promise<void> {
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
}

// `npm run dev` / `npm start`: prepare the runtime (embedded PostgreSQL when DATABASE_URL is unset, migrations,
// admin, models), then run Next with it. `npm run db:prepare` stops after the preparation.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { env } from "../env";
import { loadEnvFiles } from "./env-files";
import { prepareRuntime } from "./prepare";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start" && mode !== "prepare") {
  console.error("Usage: tsx lib/bootstrap/launch.ts dev|start|prepare");
  process.exit(2);
}

const envFiles = loadEnvFiles();
if (envFiles.length > 0) console.log(`[parley] read ${envFiles.join(" and ")}`);

const runtime = await prepareRuntime().catch((error: unknown) => {
  console.error(`[parley] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

if (mode === "prepare") {
  await runtime.stopDatabase();
  process.exit(0);
}

const { PORT, NEXTAUTH_URL } = env();
const port = String(PORT);
const nextCli = createRequire(import.meta.url).resolve("next/dist/bin/next");
const app = spawn(process.execPath, [nextCli, mode, "--port", port], {
  stdio: "inherit",
  env: {
    ...process.env,
    NEXTAUTH_URL: NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
console.log(`[parley] starting on http://localhost:${port}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => app.kill(signal));
app.on("exit", async (code) => {
  await runtime.stopDatabase();
  process.exit(code ?? 0);
});

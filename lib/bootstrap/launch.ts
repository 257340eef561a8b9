// `npm run dev` (through tsx) / `npm start` (compiled to .next/launcher/launch.mjs by `npm run build`): prepare the runtime (embedded PostgreSQL when DATABASE_URL is unset, migrations,
// admin, models), then serve the app in this process (lib/server). `npm run db:prepare` stops after the preparation.
import { env, parseEnv, publicSiteUrl } from "../env";
import { dropLinesWhenOutputCloses, switchToJsonLogs } from "../observability/logging";
import { logOutagesInOneLine } from "../observability/outage-log";
import { loadEnvFiles } from "./env-files";
import { prepareRuntime } from "./prepare";
import { onStopSignal } from "./stop-signals";

dropLinesWhenOutputCloses();
const mode = process.argv[2];
if (mode !== "dev" && mode !== "start" && mode !== "prepare") {
  console.error("Usage: tsx lib/bootstrap/launch.ts dev|start|prepare (or node .next/launcher/launch.mjs start)");
  process.exit(2);
}

const envFiles = loadEnvFiles();
// Before anything is logged; an invalid configuration is reported (as text) by the preparation below.
const logFormat = (() => {
  try {
    return parseEnv(process.env).LOG_FORMAT;
  } catch {
    return "text";
  }
})();
if (logFormat === "json") switchToJsonLogs();
logOutagesInOneLine();
if (envFiles.length > 0) console.log(`[parley] read ${envFiles.join(" and ")}`);

const runtime = await prepareRuntime().catch((error: unknown) => {
  console.error(`[parley] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

if (mode === "prepare") {
  await runtime.stopDatabase();
  process.exit(0);
}

const { PORT } = env();
// Read before the default is filled in below: the server warns when users reach it at another address.
const isPublicUrlSet = env().NEXTAUTH_URL !== undefined;
// Set before Next and React load: they pick their development or production build from it.
Object.assign(process.env, {
  NODE_ENV: mode === "dev" ? "development" : "production",
  NEXTAUTH_URL: publicSiteUrl(),
  NEXT_TELEMETRY_DISABLED: "1",
});
const { startAppServer } = await import("../server/app-server");
const { listenAddressOf } = await import("../server/listen-address");
const server = await startAppServer({ dev: mode === "dev", port: PORT, isPublicUrlSet }).catch(
  async (error: unknown) => {
    console.error(`[parley] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await runtime.stopDatabase();
    process.exit(1);
  },
);
console.log(`[parley] serving on ${publicSiteUrl()} (listening on ${listenAddressOf(env().HOSTNAME)}:${PORT})`);
// The default encoding's ranks once serving (a 0.1–0.2 s pause), so that the first chat turn does not wait for them;
// cl100k_base stays unloaded until a model that uses it is asked.
setTimeout(() => {
  void import("../chat/tokens").then(({ preloadEncoding }) => preloadEncoding("o200k_base"));
}, 0);

// The order of a stop: the running replies saved first, then the database stopped.
onStopSignal(
  () => {
    void (async () => {
      await server.close();
      await runtime.stopDatabase();
      console.log("[parley] stopped");
      process.exit(0);
    })();
  },
  () => process.exit(1),
);

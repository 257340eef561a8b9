// A second Parley process on the bench's database, as a second replica behind a load balancer. It shares the first
// one's environment and session secret (run.ts starts the first with benchAppEnv), so that the bench user's cookie is valid on both.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppServer, startAppServer } from "../support/test-stack";

const authSecret = randomBytes(32).toString("hex");

/** The environment of every Parley process the bench starts. */
export function benchAppEnv(upstreamUrl: string, databaseUrl: string): Record<string, string> {
  return {
    OPENAI_BASE_URL: upstreamUrl,
    OPENAI_MODELS: "fake-model",
    DATABASE_URL: databaseUrl,
    // Production defaults rather than the test stack's short ones: overload must show as stalls, not timeouts.
    UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "60000",
    UPSTREAM_IDLE_TIMEOUT_MS: "60000",
    AUTH_SECRET: authSecret,
  };
}

export async function startSecondServer(upstreamUrl: string, databaseUrl: string): Promise<AppServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-bench-second-"));
  chmodSync(dataDir, 0o755);
  const server = await startAppServer({
    databaseUrl,
    dataDir,
    extraEnv: benchAppEnv(upstreamUrl, databaseUrl),
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

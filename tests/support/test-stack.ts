// A whole Parley for tests: its own embedded PostgreSQL cluster in a temporary folder (never a shared database),
// migrations applied by the real start path, and the production build served on a free port.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildDatabaseUrl, findFreePort, startEmbeddedPostgres } from "../../lib/bootstrap/embedded-postgres";

export type TestStack = {
  baseUrl: string;
  databaseUrl: string;
  clusterUrl: string;
  /** Everything the server printed, so that tests can check what reaches the logs (never a provider's secrets). */
  logFile: string;
  stop: () => Promise<void>;
};
export type AppServer = { baseUrl: string; pid: number; stop: () => Promise<void>; kill: () => Promise<void> };

const repositoryRoot = path.resolve(import.meta.dirname, "../..");

/** What `npm start` and the Docker image set (tests/unit/start-command.test.ts keeps the three the same). */
export const START_MALLOC_TUNABLES = "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072";
/** Node's flags in `npm start` and the Docker image's CMD (README, "What an idle process holds"). */
export const START_NODE_FLAGS = ["--max-semi-space-size=2"] as const;

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The test server exited with code ${server.exitCode}`);
    const isUp = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (isUp) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The test server did not answer within ${timeoutMs} ms`);
}

/** The server's output shown as usual, and kept in `logFile` when there is one. */
function forwardOutput(server: ChildProcess, logFile: string | undefined): void {
  const log = logFile ? createWriteStream(logFile, { flags: "a" }) : null;
  server.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    log?.write(chunk);
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    log?.write(chunk);
  });
  server.once("exit", () => log?.end());
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
}

/**
 * The AUTH_SECRET of every server the tests start on `databaseUrl`: one per database, as in production, where a
 * process with another one is refused at start. By the database's name, not the whole URL: a test may reach one
 * database by two addresses (directly, and through the proxy that cuts it off).
 */
export function authSecretFor(databaseUrl: string): string {
  return createHash("sha256")
    .update(`auth secret of ${new URL(databaseUrl).pathname}`)
    .digest("hex");
}

/** Everything `child` prints until it exits, and its exit code. */
export function outputUntilExit(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

/**
 * The launcher's preparation with one of its maintenance flags, as an operator runs the npm script behind it
 * (`--reset-provider-keys`: `npm run keys:reset-providers`; `--accept-auth-secret`: `npm run keys:accept-auth-secret`),
 * with `env` over the test's own environment.
 */
export function runPrepare(
  flag: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const args = ["--import", "tsx", "lib/bootstrap/launch.ts", "prepare", flag];
  return outputUntilExit(spawn(process.execPath, args, { cwd: repositoryRoot, env: { ...process.env, ...env } }));
}

/**
 * The production build's launcher (`npm start`'s command) against `databaseUrl`, with the test stack's environment,
 * its output piped. It serves on `port` (on loopback) once it has started.
 */
export function spawnLauncher(options: {
  databaseUrl: string;
  dataDir: string;
  port: number;
  extraEnv?: Record<string, string>;
  detached?: boolean;
  /** Through `npm start` itself, as a service manager that runs the README's command starts it. */
  throughNpm?: boolean;
}): ChildProcess {
  const [command, args] = options.throughNpm
    ? ["npm", ["start"]]
    : [process.execPath, [...START_NODE_FLAGS, ".next/launcher/launch.mjs", "start"]];
  return spawn(command, args, {
    cwd: repositoryRoot,
    detached: options.detached === true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      GLIBC_TUNABLES: START_MALLOC_TUNABLES,
      PORT: String(options.port),
      NEXTAUTH_URL: `http://127.0.0.1:${options.port}`,
      DATABASE_URL: options.databaseUrl,
      PARLEY_DATA_DIR: options.dataDir,
      AUTH_SECRET: authSecretFor(options.databaseUrl),
      // One key per database, as in production: servers that share a database (the suite's, and those some tests
      // start beside it) must read each other's provider keys, or the start's key check stops them.
      ENCRYPTION_KEY: createHash("sha256").update(options.databaseUrl).digest("hex"),
      UPSTREAM_FIRST_BYTE_TIMEOUT_MS: "3000",
      UPSTREAM_IDLE_TIMEOUT_MS: "1500",
      // Empty, so that neither the developer's environment nor a .env file can point tests at a real provider.
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      OPENAI_MODELS: "",
      TITLE_MODEL: "",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      // Every test client connects from 127.0.0.1, so the per-address throttles would count the whole suite as one
      // client; throttling.test.ts runs a server of its own with the production limits.
      SIGN_IN_FAILURES_PER_ADDRESS: "100000",
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: "100000",
      // The default listening address (loopback), whatever the developer's shell exports.
      HOSTNAME: "",
      ...options.extraEnv,
    },
  });
}

/**
 * The production build started by the real launcher against `databaseUrl`. With `canBeKilled` it runs in a process
 * group of its own, so that `kill()` takes Next down with the launcher, like a crash; otherwise it stays in the
 * caller's group, so that a test runner that kills its own group leaves nothing behind.
 */
export async function startAppServer(options: {
  databaseUrl: string;
  dataDir: string;
  port?: number;
  extraEnv?: Record<string, string>;
  canBeKilled?: boolean;
  logFile?: string;
  /** The output's pipes closed from the start, as when whatever read the server's log has gone. */
  closeOutput?: boolean;
}): Promise<AppServer> {
  if (!existsSync(path.join(repositoryRoot, ".next", "launcher", "launch.mjs"))) {
    throw new Error("No production build found: run `npm run build` first (npm test does).");
  }
  const port = options.port ?? (await findFreePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawnLauncher({ ...options, port, detached: options.canBeKilled === true });
  if (options.closeOutput) {
    server.stdout?.destroy();
    server.stderr?.destroy();
  } else {
    forwardOutput(server, options.logFile);
  }
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (server.exitCode === null && server.signalCode === null && server.pid) {
      process.kill(options.canBeKilled ? -server.pid : server.pid, signal);
    }
    await waitForExit(server);
  };
  const app: AppServer = {
    baseUrl,
    pid: server.pid ?? 0,
    stop: () => signalGroup("SIGTERM"),
    kill: () => signalGroup("SIGKILL"),
  };
  try {
    await waitForHealth(baseUrl, server, 60_000);
  } catch (error) {
    await app.kill();
    throw error;
  }
  return app;
}

/**
 * A new empty folder under the system's temporary one, for a test's server data (and perhaps its PostgreSQL): open
 * to all for reading, because under root the embedded PostgreSQL runs as the OS user "postgres", who must enter it.
 */
export function makeDataDir(prefix: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(folder, 0o755);
  return folder;
}

export async function startTestStack(
  options: { port?: number; extraEnv?: Record<string, string> } = {},
): Promise<TestStack> {
  const dataDir = makeDataDir("parley-test-");
  const password = randomBytes(16).toString("hex");
  const postgres = await startEmbeddedPostgres(path.join(dataDir, "postgres"), { password, database: "parley_test" });
  const removeAll = async () => {
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const logFile = path.join(dataDir, "server.log");
  const app = await startAppServer({ databaseUrl: postgres.databaseUrl, dataDir, logFile, ...options }).catch(
    async (error) => {
      await removeAll();
      throw error;
    },
  );
  const clusterUrl = buildDatabaseUrl(postgres.port, "postgres", password);
  const stop = async () => {
    await app.stop();
    await removeAll();
  };
  return { baseUrl: app.baseUrl, databaseUrl: postgres.databaseUrl, clusterUrl, logFile, stop };
}

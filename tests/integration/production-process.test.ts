// The production server as `npm start` runs it: one process, the launcher compiled ahead (no TypeScript compiler
// beside it). Its memory is a bench row ("idle process memory"), not a test: RSS moves with V8's garbage collection.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { collectEvents } from "../support/read-events";
import { registeredClient } from "../support/session-client";
import { type AppServer, startAppServer } from "../support/test-stack";

let dataDir: string;
let server: AppServer;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-idle-"));
  chmodSync(dataDir, 0o755);
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

/** CPU time (user and system) the process has used so far, in clock ticks (/proc/PID/stat, fields 14 and 15). */
function readCpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

it("starts, serves and idles when whatever read its output has gone", async () => {
  // A new database: the start logs what it sets up (the demo model) before Next is loaded, and every line fails.
  const orphanDir = mkdtempSync(path.join(os.tmpdir(), "parley-closed-output-"));
  chmodSync(orphanDir, 0o755);
  const orphan = await startAppServer({
    databaseUrl: await createEmptyDatabase(),
    dataDir: orphanDir,
    closeOutput: true,
  });
  try {
    const before = readCpuTicks(orphan.pid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Idle, a server uses a few ticks a second of the 100 there are; failed writes logged as errors took them all.
    expect(readCpuTicks(orphan.pid) - before).toBeLessThan(100);
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

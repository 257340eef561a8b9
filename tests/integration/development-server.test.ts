// `npm run dev` at an address other than localhost: the development server's hot reload (a WebSocket upgrade that
// Parley's server hands to Next, while it answers every other upgrade itself) accepts pages opened at the loopback
// addresses and at NEXTAUTH_URL's host, and still refuses other sites.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { createEmptyDatabase } from "../support/empty-database";
import { openRawConnection, readUntilServerCloses, upgradeRequest } from "../support/raw-http";

let server: ChildProcess;
let port: number;
let dataDir: string;

beforeAll(async () => {
  port = await findFreePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-dev-"));
  server = spawn(process.execPath, ["--import", "tsx", "lib/bootstrap/launch.ts", "dev"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "",
      // A LAN address, as a phone would open it: a name here, so that it is not a loopback address.
      NEXTAUTH_URL: `http://parley-lan.test:${port}`,
      // A database of its own: a starting server marks the replies streaming in its database as interrupted.
      DATABASE_URL: await createEmptyDatabase(),
      PARLEY_DATA_DIR: dataDir,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
    },
  });
  server.stderr?.pipe(process.stderr);
  await new Promise<void>((resolve, reject) => {
    server.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("[parley] serving on")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`The development server exited with code ${code}`)));
  });
  // Next answers upgrades once it has served a first request, as a page load does before its hot reload connects.
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

async function hotReloadAnswer(origin: string): Promise<string> {
  const socket = await openRawConnection(
    `http://127.0.0.1:${port}`,
    upgradeRequest("/_next/hmr", `127.0.0.1:${port}`, origin),
  );
  const firstBytes = await new Promise<string>((resolve) =>
    socket.once("data", (chunk: Buffer) => resolve(chunk.toString())),
  );
  socket.destroy();
  return firstBytes;
}

it("serves hot reload to pages at localhost, the loopback addresses and NEXTAUTH_URL's host", async () => {
  for (const origin of ["localhost", "127.0.0.1", "[::1]", "parley-lan.test"]) {
    expect(await hotReloadAnswer(`http://${origin}:${port}`), origin).toMatch(/^HTTP\/1\.1 101 /);
  }
});

it("refuses hot reload to other sites, and answers other upgrades itself", async () => {
  expect(await hotReloadAnswer("http://evil.test")).not.toMatch(/^HTTP\/1\.1 101 /);
  const socket = await openRawConnection(
    `http://127.0.0.1:${port}`,
    upgradeRequest("/api/health", `127.0.0.1:${port}`),
  );
  const { response, isClosedByServer } = await readUntilServerCloses(socket, 5000);
  expect(response).toMatch(/^HTTP\/1\.1 400 /);
  expect(isClosedByServer).toBe(true);
});

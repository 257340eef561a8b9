// The server listens through several descriptors of its socket (lib/server/listening-copies.ts), so that a busy
// event loop accepts several waiting connections an iteration instead of one.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type Server as NetServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listenThroughCopies } from "@/lib/server/listening-copies";

const opened: { server: Server; copies: NetServer[]; clients?: ChildProcess }[] = [];

async function startServer(copyCount: number) {
  const server = createServer((request, response) => response.end(`served ${request.url}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const copies = await listenThroughCopies(server, copyCount);
  const entry: (typeof opened)[number] = { server, copies };
  opened.push(entry);
  return { server, copies, entry, port: (server.address() as AddressInfo).port };
}

function close(server: Server, copies: NetServer[]) {
  for (const copy of copies) copy.close();
  server.close();
  server.closeAllConnections();
}

afterEach(() => {
  for (const { server, copies, clients } of opened.splice(0)) {
    clients?.kill();
    close(server, copies);
  }
});

/** Waits, blocking this thread's event loop, until `file` exists: connections made meanwhile queue in the kernel. */
function blockUntilExists(file: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) && Date.now() < deadline) {
    // Busy on purpose: the event loop must not run (and accept) until every connection is queued.
  }
  if (!existsSync(file)) throw new Error("the clients did not connect in time");
}

/** The connections the server accepts in its next poll phase, between two check phases. */
function countAcceptedInOnePoll(server: Server): Promise<number> {
  let accepted = 0;
  const count = () => accepted++;
  server.on("connection", count);
  return new Promise((resolve) => {
    setImmediate(() => {
      const before = accepted;
      setImmediate(() => {
        server.off("connection", count);
        resolve(accepted - before);
      });
    });
  });
}

describe("listening through several descriptors", () => {
  it("accepts as many waiting connections in one iteration as it has descriptors", async () => {
    const { server, port, entry } = await startServer(3);
    const directory = mkdtempSync(path.join(os.tmpdir(), "parley-accept-"));
    const connected = path.join(directory, "connected");
    // Twelve connections from another process; their handshakes complete in the kernel while this loop is blocked.
    const clientScript = `
      const { connect } = require("node:net");
      const { writeFileSync } = require("node:fs");
      let open = 0;
      for (let index = 0; index < 12; index++) {
        connect(${port}, "127.0.0.1", () => { if (++open === 12) writeFileSync(${JSON.stringify(connected)}, ""); });
      }
      setInterval(() => {}, 1000);`;
    entry.clients = spawn(process.execPath, ["-e", clientScript], { stdio: "ignore" });
    try {
      blockUntilExists(connected, 10_000);
      expect(await countAcceptedInOnePoll(server)).toBe(4);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("serves the connections of every descriptor as its own, and accepts none once closed", async () => {
    const { server, copies, port } = await startServer(3);
    expect(copies).toHaveLength(3);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        fetch(`http://127.0.0.1:${port}/${index}`, { headers: { connection: "close" } }).then((response) =>
          response.text(),
        ),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 8 }, (_, index) => `served /${index}`));

    close(server, copies);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("makes no copies of a server that is not listening", async () => {
    const server = createServer();
    expect(await listenThroughCopies(server, 3)).toEqual([]);
  });
});

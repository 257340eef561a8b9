// The bus's connection (lib/db/listen-connection.ts) when its peer vanishes without a word (a failover, a network
// partition): nothing comes back, not even a reset. A notification that is not sent within its time counts as the
// connection lost, at once, so that the bus reconnects instead of holding every send for the kernel's 15 minutes.

import type { AddressInfo } from "node:net";
import { createServer, type Socket, connect as tcpConnect } from "node:net";
import { expect, inject, it } from "vitest";
import { openListenConnection } from "@/lib/db/listen-connection";

/** A TCP relay to the test database that can go silent both ways while keeping its connections open. */
async function startSilenceableRelay(databaseUrl: string) {
  const database = new URL(databaseUrl);
  const sockets: Socket[] = [];
  const state = { isSilent: false };
  const relay = createServer((incoming) => {
    const outgoing = tcpConnect(Number(database.port), database.hostname);
    sockets.push(incoming, outgoing);
    incoming.on("data", (chunk) => state.isSilent || outgoing.write(chunk));
    outgoing.on("data", (chunk) => state.isSilent || incoming.write(chunk));
    for (const socket of [incoming, outgoing]) socket.on("error", () => {});
    incoming.on("close", () => outgoing.destroy());
    outgoing.on("close", () => incoming.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const relayed = new URL(databaseUrl);
  relayed.port = String((relay.address() as AddressInfo).port);
  return {
    url: relayed.toString(),
    goSilent: () => {
      state.isSilent = true;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      relay.close();
    },
  };
}

it("counts a notification that a silent connection does not send within 10 s as the connection lost", async () => {
  const relay = await startSilenceableRelay(inject("databaseUrl"));
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = relay.url;
  try {
    const losses: unknown[] = [];
    const connection = await openListenConnection(
      "silent-peer-test",
      () => {},
      (error) => losses.push(error),
    );
    await connection.notify("while the peer answers");
    relay.goSilent();
    await expect(connection.notify("after it vanished")).rejects.toThrow("a notification was not sent within 10 s");
    expect(losses.map(String)).toEqual(["Error: a notification was not sent within 10 s"]);
    await connection.close();
  } finally {
    process.env.DATABASE_URL = previousUrl;
    relay.close();
  }
}, 30_000);

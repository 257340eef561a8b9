// The processes' bus connection: what one process sends reaches the others byte for byte, whatever the payload holds
// (quotes, backslashes, escapes, any script), in the order it was sent; and when its peer vanishes without a word (a
// failover, a network partition: nothing comes back, not even a reset), a notification not sent within its time
// counts as the connection lost, at once, so that the bus reconnects instead of holding every send for the kernel's
// 15 minutes.

import type { AddressInfo } from "node:net";
import { createServer, type Socket, connect as tcpConnect } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ListenConnection, openListenConnection } from "@/lib/db/listen-connection";
import { env } from "@/lib/env";

let sender: ListenConnection;
let receiver: ListenConnection;
const received: string[] = [];
let onReceived = () => {};

beforeAll(async () => {
  const fail = (error: unknown) => {
    throw error;
  };
  sender = await openListenConnection("test-sender", () => {}, fail);
  receiver = await openListenConnection(
    "test-receiver",
    (payload) => {
      received.push(payload);
      onReceived();
    },
    fail,
  );
});
afterAll(async () => {
  await Promise.all([sender?.close(), receiver?.close()]);
});

function receivedCount(count: number): Promise<void> {
  return new Promise((resolve) => {
    onReceived = () => {
      if (received.length >= count) resolve();
    };
    onReceived();
  });
}

describe("the bus connection", () => {
  it("delivers payloads unchanged, in order", async () => {
    const payloads = [
      '{"o":"p1","m":[{"k":"stop","c":"c1"}]}',
      `it's a 'quote' and ''two''`,
      String.raw`back\slash \\ \n \' \u0041 \x41 \0 E'x' $$dollar$$`,
      "长文本 😀 \u0001\t\r\n end",
      `${"x'\\".repeat(2000)}`,
    ];
    const start = received.length;
    for (const payload of payloads) await sender.notify(payload);
    await receivedCount(start + payloads.length);
    expect(received.slice(start)).toEqual(payloads);
  });
});

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
  // The configuration lib/ read once (env()), pointed at the relay for this connection.
  const configuration = env();
  const previousUrl = configuration.DATABASE_URL;
  Object.assign(configuration, { DATABASE_URL: relay.url });
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
    Object.assign(configuration, { DATABASE_URL: previousUrl });
    relay.close();
  }
}, 30_000);

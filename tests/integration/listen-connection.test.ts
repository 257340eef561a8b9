// The processes' bus connection: what one process sends reaches the others byte for byte, whatever the payload holds
// (quotes, backslashes, escapes, any script), in the order it was sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ListenConnection, openListenConnection } from "@/lib/db/listen-connection";

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

import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { createUpgradeListener } from "@/lib/server/upgrade-guard";

function upgrade(isDevelopment: boolean, url: string) {
  const handleNext = vi.fn();
  const socket = new PassThrough();
  let written = "";
  socket.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  void createUpgradeListener(isDevelopment, handleNext)({ url } as IncomingMessage, socket, Buffer.alloc(0));
  return { handleNext, socket, written: () => written };
}

describe("WebSocket upgrades", () => {
  it("hands development's hot reload to Next", () => {
    const { handleNext, socket } = upgrade(true, "/_next/hmr?id=1");
    expect(handleNext).toHaveBeenCalledOnce();
    expect(socket.destroyed).toBe(false);
  });

  it.each([
    [false, "/_next/hmr"],
    [true, "/api/conversations/c0000000000000000000000/events"],
    [false, "/"],
  ])("answers 400 and closes the socket otherwise (development: %s, %s)", async (isDevelopment, url) => {
    const { handleNext, socket, written } = upgrade(isDevelopment, url);
    await new Promise((resolve) => socket.once("close", resolve));
    expect(handleNext).not.toHaveBeenCalled();
    expect(written()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(written()).toContain("Connection: close");
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFrameWriter, toChunk } from "@/lib/http/chunked-frames";

const frames = [
  "id: 1\nevent: start\ndata: {}\n\n",
  'id: 2\nevent: delta\ndata: {"text":"héllo 👋"}\n\n',
  ": keep-alive\n\n",
];

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server answering every request with `frames` through the writer, one per tick as a reply's events come. */
async function startFrameServer(): Promise<number> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/event-stream" });
    const writeFrame = createFrameWriter(response);
    const writeNext = (index: number) => {
      if (index === frames.length) {
        response.end();
        return;
      }
      writeFrame(frames[index] ?? "");
      setImmediate(() => writeNext(index + 1));
    };
    writeNext(0);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** The raw bytes of one request's response, as the socket received them. */
async function rawResponse(port: number, requestHead: string): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.write(requestHead);
  await new Promise((resolve) => socket.on("close", resolve));
  return Buffer.concat(chunks).toString("utf8");
}

describe("event-stream frames written as HTTP chunks", () => {
  it("frames a chunk with its size in bytes, not characters", () => {
    expect(toChunk("é")).toBe("2\r\né\r\n");
    expect(toChunk(frames[1] ?? "")).toBe(`${Buffer.byteLength(frames[1] ?? "").toString(16)}\r\n${frames[1]}\r\n`);
  });

  it("gives an HTTP/1.1 client every frame in order, whole", async () => {
    const port = await startFrameServer();
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(await response.text()).toBe(frames.join(""));
  });

  it("puts exactly one chunk per frame on the wire, then the final chunk", async () => {
    const port = await startFrameServer();
    const raw = await rawResponse(port, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
    expect(body).toBe(`${frames.map(toChunk).join("")}0\r\n\r\n`);
  });

  it("sends an HTTP/1.0 client (no chunked framing) the frames as they are", async () => {
    const port = await startFrameServer();
    const raw = await rawResponse(port, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
    expect(raw).not.toMatch(/transfer-encoding/i);
    expect(raw.slice(raw.indexOf("\r\n\r\n") + 4)).toBe(frames.join(""));
  });
});

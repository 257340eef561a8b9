import { describe, expect, it } from "vitest";
import { readEventStream } from "@/app/_components/api/read-event-stream";

function streamOf(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body);
}

async function readAll(chunks: string[]) {
  const events = [];
  for await (const event of readEventStream(streamOf(chunks))) events.push(event);
  return events;
}

const wire = 'id: 1\nevent: start\ndata: {"a":1}\n\n: keep-alive\n\nid: 2\nevent: delta\ndata: {"text":"héllo"}\n\n';

describe("readEventStream", () => {
  it("reads events whole however the network splits them, skipping comments", async () => {
    const expected = [
      { id: "1", event: "start", data: { a: 1 } },
      { id: "2", event: "delta", data: { text: "héllo" } },
    ];
    for (let cut = 1; cut < wire.length; cut++) {
      expect(await readAll([wire.slice(0, cut), wire.slice(cut)])).toEqual(expected);
    }
    expect(await readAll(wire.split(""))).toEqual(expected);
  });

  it("accepts CRLF line endings and a last event without its blank line", async () => {
    expect(await readAll(['event: delta\r\ndata: {"text":"a"}\r\n\r\n', 'data: "tail"'])).toEqual([
      { event: "delta", data: { text: "a" } },
      { event: "message", data: "tail" },
    ]);
  });

  it("keeps a multi-byte character split across chunks", async () => {
    const bytes = new TextEncoder().encode('data: {"text":"€"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 17));
        controller.enqueue(bytes.slice(17));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readEventStream(new Response(body))) events.push(event);
    expect(events).toEqual([{ event: "message", data: { text: "€" } }]);
  });
});

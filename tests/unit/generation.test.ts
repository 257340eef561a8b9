import { describe, expect, it } from "vitest";
import { encodeEvent } from "@/lib/chat/event-stream";
import { Generation, type GenerationEvent } from "@/lib/chat/generation";
import { retryDelayMs } from "@/lib/chat/upstream";

describe("Generation", () => {
  it("gives admins the admin version of an event, live and replayed, and everyone else the plain one", () => {
    const generation = new Generation("conversation", "reply");
    const live = { admin: [] as string[], user: [] as string[] };
    generation.subscribe(0, (event) => live.admin.push(event.frame), true);
    generation.subscribe(0, (event) => live.user.push(event.frame));
    generation.publish("error", { message: "failed" }, { message: "failed: key rejected" });
    const replayed: string[] = [];
    generation.subscribe(0, (event) => replayed.push(event.frame), true);
    expect(live.admin).toEqual([encodeEvent(1, "error", { message: "failed: key rejected" })]);
    expect(replayed).toEqual(live.admin);
    expect(live.user).toEqual([encodeEvent(1, "error", { message: "failed" })]);
  });

  it("numbers events from 1 and replays those after a given id to a late subscriber", () => {
    const generation = new Generation("conversation", "reply");
    generation.publish("start", { ids: true });
    generation.publish("delta", { text: "Hel" });
    generation.publish("delta", { text: "lo" });
    const received: GenerationEvent[] = [];
    generation.subscribe(2, (event) => received.push(event));
    generation.publish("done", { finishReason: "stop" });
    expect(received).toEqual([
      { id: 3, event: "delta", frame: 'id: 3\nevent: delta\ndata: {"text":"lo"}\n\n' },
      { id: 4, event: "done", frame: 'id: 4\nevent: done\ndata: {"finishReason":"stop"}\n\n' },
    ]);
  });

  it("ignores events after it finished and stops delivering to an unsubscribed listener", () => {
    const generation = new Generation("conversation", "reply");
    const received: number[] = [];
    const unsubscribe = generation.subscribe(0, (event) => received.push(event.id));
    generation.publish("delta", { text: "a" });
    unsubscribe();
    generation.publish("delta", { text: "b" });
    generation.publish("error", { code: "upstream_error" });
    generation.publish("delta", { text: "late" });
    expect(received).toEqual([1]);
    expect(generation.finished).toBe(true);
    const replayed: string[] = [];
    generation.subscribe(0, (event) => replayed.push(event.event));
    expect(replayed).toEqual(["delta", "delta", "error"]);
  });

  it("drops a subscriber that throws and keeps delivering to the others", () => {
    const generation = new Generation("conversation", "reply");
    const received: number[] = [];
    generation.subscribe(0, () => {
      throw new Error("browser gone");
    });
    generation.subscribe(0, (event) => received.push(event.id));
    generation.publish("delta", { text: "a" });
    generation.publish("done", {});
    expect(received).toEqual([1, 2]);
  });

  it("aborts its signal when stopped", () => {
    const generation = new Generation("conversation", "reply");
    expect(generation.signal.aborted).toBe(false);
    generation.stop();
    expect(generation.signal.aborted).toBe(true);
  });
});

describe("encodeEvent", () => {
  it("writes one SSE event with id, name and JSON data, ended by a blank line", () => {
    expect(encodeEvent(7, "delta", { text: "line\nbreak" })).toBe(
      'id: 7\nevent: delta\ndata: {"text":"line\\nbreak"}\n\n',
    );
  });
});

describe("retryDelayMs", () => {
  it("honours Retry-After in seconds and as an HTTP date, else backs off", () => {
    expect(retryDelayMs("2", 0)).toBe(2_000);
    expect(retryDelayMs("Sat, 28 Nov 2026 12:00:30 GMT", 0, Date.parse("Sat, 28 Nov 2026 12:00:00 GMT"))).toBe(30_000);
    expect(retryDelayMs(null, 0, Date.now(), () => 0)).toBe(500);
    expect(retryDelayMs("soon", 1, Date.now(), () => 0)).toBe(1_000);
  });

  it("spreads a backoff without Retry-After between half and all of it, and leaves Retry-After exact", () => {
    const now = Date.now();
    expect(retryDelayMs(null, 0, now, () => 0.5)).toBe(375);
    expect(retryDelayMs(null, 1, now, () => 0.999)).toBe(500);
    expect(retryDelayMs("2", 0, now, () => 0.5)).toBe(2_000);
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(null, 1)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(500);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(1_000);
  });
});

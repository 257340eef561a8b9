import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveReply, type ReplyFrame } from "@/lib/chat/live-reply";
import { retryDelayMs } from "@/lib/chat/upstream";
import { encodeReplyEvent } from "@/lib/live/reply-events";

const DONE = { finishReason: "stop", usage: null, status: "COMPLETE", context: null } as const;
const START = {
  conversationId: "conversation",
  userMessage: { id: "u", role: "USER", content: "Hi", status: "COMPLETE", parentId: null, createdAt: "now" },
  assistantMessage: { id: "a", role: "ASSISTANT", content: "", status: "STREAMING", parentId: "u", createdAt: "now" },
} as const;

/** A listener that collects what it receives. */
function collector<T>(pick: (event: ReplyFrame) => T) {
  const received: T[] = [];
  let closed = false;
  return {
    received,
    isClosed: () => closed,
    listener: { onEvent: (event: ReplyFrame) => received.push(pick(event)), onClose: () => (closed = true) },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveReply", () => {
  it("gives admins the admin version of an event, live and replayed, and everyone else the plain one", () => {
    const live = new LiveReply("conversation", "reply");
    const admin = collector((event) => event.frame);
    const user = collector((event) => event.frame);
    live.subscribe(0, admin.listener, true);
    live.subscribe(0, user.listener);
    live.publish("error", { code: "upstream_error", message: "failed" }, { code: "upstream_error", message: "key" });
    const replayed = collector((event) => event.frame);
    live.subscribe(0, replayed.listener, true);
    expect(admin.received).toEqual([encodeReplyEvent(1, "error", { code: "upstream_error", message: "key" })]);
    expect(replayed.received).toEqual(admin.received);
    expect(user.received).toEqual([encodeReplyEvent(1, "error", { code: "upstream_error", message: "failed" })]);
  });

  it("numbers events from 1 and replays those after a given id to a late subscriber", () => {
    const live = new LiveReply("conversation", "reply");
    live.publish("start", START);
    live.publish("delta", { text: "Hel" });
    live.publish("delta", { text: "lo" });
    const late = collector((event) => event);
    live.subscribe(2, late.listener);
    live.publish("done", DONE);
    expect(late.received).toEqual([
      { id: 3, event: "delta", frame: 'id: 3\nevent: delta\ndata: {"text":"lo"}\n\n' },
      { id: 4, event: "done", frame: encodeReplyEvent(4, "done", DONE) },
    ]);
    expect(late.isClosed()).toBe(true);
  });

  it("ignores events after it finished and stops delivering to an unsubscribed listener", () => {
    const live = new LiveReply("conversation", "reply");
    const ids = collector((event) => event.id);
    const unsubscribe = live.subscribe(0, ids.listener);
    live.publish("delta", { text: "a" });
    unsubscribe();
    live.publish("delta", { text: "b" });
    live.publish("error", { code: "upstream_error", message: "failed" });
    live.publish("delta", { text: "late" });
    live.publish("title", { conversationId: "conversation", title: "Too late" });
    expect(ids.received).toEqual([1]);
    expect(live.finished).toBe(true);
    expect(live.closed).toBe(true);
    const replayed = collector((event) => event.event);
    live.subscribe(0, replayed.listener);
    expect(replayed.received).toEqual(["delta", "delta", "error"]);
    expect(replayed.isClosed()).toBe(true);
  });

  it("held open for a title: delivers it after done, then closes; a late title after close is dropped", () => {
    const live = new LiveReply("conversation", "reply");
    live.holdOpenAfterEnd(20_000);
    const names = collector((event) => event.event);
    live.subscribe(0, names.listener);
    live.publish("delta", { text: "a" });
    live.publish("done", DONE);
    expect(live.finished).toBe(true);
    expect(names.isClosed()).toBe(false);
    live.publish("delta", { text: "not after done" });
    live.publish("title", { conversationId: "conversation", title: "A title" });
    live.close();
    live.publish("title", { conversationId: "conversation", title: "Another" });
    expect(names.received).toEqual(["delta", "done", "title"]);
    expect(names.isClosed()).toBe(true);
  });

  it("held open: closes on its own once the limit after the final event passes", () => {
    vi.useFakeTimers();
    const live = new LiveReply("conversation", "reply");
    live.holdOpenAfterEnd(1_000);
    const names = collector((event) => event.event);
    live.subscribe(0, names.listener);
    vi.advanceTimersByTime(5_000);
    expect(names.isClosed()).toBe(false);
    live.publish("done", DONE);
    vi.advanceTimersByTime(999);
    expect(names.isClosed()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(names.isClosed()).toBe(true);
  });

  it("ends the stream with the final event again once the hold is taken back", () => {
    const live = new LiveReply("conversation", "reply");
    live.holdOpenAfterEnd(20_000);
    const names = collector((event) => event.event);
    live.subscribe(0, names.listener);
    live.closeAtEnd();
    live.publish("done", DONE);
    expect(names.isClosed()).toBe(true);
  });

  it("drops a subscriber that throws and keeps delivering to the others", () => {
    const live = new LiveReply("conversation", "reply");
    const ids = collector((event) => event.id);
    live.subscribe(0, {
      onEvent: () => {
        throw new Error("browser gone");
      },
    });
    live.subscribe(0, ids.listener);
    live.publish("delta", { text: "a" });
    live.publish("done", DONE);
    expect(ids.received).toEqual([1, 2]);
  });

  it("aborts its signal when stopped", () => {
    const live = new LiveReply("conversation", "reply");
    expect(live.signal.aborted).toBe(false);
    live.stop();
    expect(live.signal.aborted).toBe(true);
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

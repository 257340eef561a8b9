// What processes send each other through NOTIFY: every payload fits its 8000-byte limit, a message too large for one
// payload arrives whole, in order with the others, and what is not a valid message is dropped.
import { describe, expect, it } from "vitest";
import { LiveReply } from "@/lib/chat/live-reply";
import { type BusMessage, createPayloadReader, packMessages, payloadPrefix } from "@/lib/cluster/bus-messages";

const NOTIFY_LIMIT_BYTES = 8000;

function roundTrip(messages: BusMessage[], origin = "p1") {
  let pieces = 0;
  const payloads = packMessages(origin, messages, () => ++pieces);
  const read = createPayloadReader();
  const received = payloads.flatMap((payload) => read(payload).messages);
  return { payloads, received };
}

describe("bus payloads", () => {
  it("packs many small messages into few payloads and reads them back in order", () => {
    const messages: BusMessage[] = Array.from({ length: 500 }, (_, index) => ({
      k: "ev",
      r: "reply",
      id: index + 1,
      e: "delta",
      f: `id: ${index + 1}\nevent: delta\ndata: {"text":"word ${index} "}\n\n`,
    }));
    const { payloads, received } = roundTrip(messages);
    expect(received).toEqual(messages);
    expect(payloads.length).toBeLessThan(20);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(NOTIFY_LIMIT_BYTES);
  });

  it("splits a message larger than a payload, however its text escapes, and joins it back whole", () => {
    // Control characters take 6 bytes once escaped, Chinese 3, an emoji 4 for two UTF-16 units.
    const awkward = `${"\u0001".repeat(3000)}${"长".repeat(5000)}${"😀".repeat(3000)}"\\${"x".repeat(10_000)}`;
    const messages: BusMessage[] = [
      { k: "started", c: "c1", r: "r0" },
      { k: "ev", r: "r1", id: 1, e: "start", f: awkward, a: awkward },
      { k: "stop", c: "c2" },
    ];
    const { payloads, received } = roundTrip(messages);
    expect(received).toEqual(messages);
    expect(payloads.length).toBeGreaterThan(3);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(NOTIFY_LIMIT_BYTES);
  });

  it("tells the sender apart and drops what is not a valid message", () => {
    const read = createPayloadReader();
    expect(read('{"o":"p2","m":[{"k":"stop","c":"c1"},{"k":"stop"},{"k":"nope"}]}')).toEqual({
      origin: "p2",
      messages: [{ k: "stop", c: "c1" }],
    });
    expect(read("not json").messages).toEqual([]);
  });

  it("marks every payload with its sender at the start, so that a process knows its own echo without parsing it", () => {
    const large: BusMessage = { k: "ev", r: "r1", id: 1, e: "start", f: "x".repeat(20_000) };
    const payloads = packMessages('p"1', [{ k: "stop", c: "c1" }, large], () => 1);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      expect(payload.startsWith(payloadPrefix('p"1'))).toBe(true);
      expect(payload.startsWith(payloadPrefix("p"))).toBe(false);
      expect(createPayloadReader()(payload).origin).toBe('p"1');
    }
  });
});

describe("a reply's copy in another process", () => {
  it("takes the owner's events in sequence only: repeats are dropped and a gap is reported, not applied", () => {
    const owner = new LiveReply("c1", "r1");
    owner.publish("delta", { text: "a" });
    owner.publish("delta", { text: "b" });
    owner.publish("delta", { text: "c" });
    const [first, second, third] = owner.eventsAfter(0);
    const copy = new LiveReply("c1", "r1");
    const frames: string[] = [];
    copy.subscribe(0, { onEvent: (event) => frames.push(event.frame) });
    expect(first && copy.appendEncoded(first)).toBe("added");
    expect(third && copy.appendEncoded(third)).toBe("gap");
    expect(first && copy.appendEncoded(first)).toBe("duplicate");
    expect(second && copy.appendEncoded(second)).toBe("added");
    expect(third && copy.appendEncoded(third)).toBe("added");
    expect(frames).toEqual(owner.eventsAfter(0).map((event) => event.frame));
  });
});

// What app processes tell each other through PostgreSQL NOTIFY (lib/cluster/live-bus.ts), and how those messages fit
// NOTIFY's payload limit (8000 bytes): several small messages share one payload, and one too large for a payload
// (a `start` event carrying a long user message, a huge delta) travels in pieces, joined again by the reader.
// Delivery from one sending session is in order, so the pieces of a message arrive one after the other.
import { z } from "zod";
import { replyEventSchemas } from "../live/reply-events";

const id = z.string().min(1).max(100);
const replyEventName = z.enum(Object.keys(replyEventSchemas) as [keyof typeof replyEventSchemas]);

export const busMessageSchema = z.discriminatedUnion("k", [
  // One event of a reply, as its owner encoded it (`a`: the admins' version, when it differs).
  z.strictObject({
    k: z.literal("ev"),
    r: id,
    id: z.number().int().positive(),
    e: replyEventName,
    f: z.string(),
    a: z.string().optional(),
  }),
  // A reader elsewhere asks the reply's owner for its events after `after`, then for the rest as they come.
  z.strictObject({ k: z.literal("follow"), r: id, owner: id, after: z.number().int().min(0) }),
  // The owner has answered a follow: every event up to now was sent before this.
  z.strictObject({ k: z.literal("ack"), r: id }),
  // The owner no longer has this reply (it ended and its stream closed).
  z.strictObject({ k: z.literal("gone"), r: id }),
  // The reply's stream closed: nothing follows its last event.
  z.strictObject({ k: z.literal("closed"), r: id }),
  // Stop the conversation's replies, wherever they run (it was deleted).
  z.strictObject({ k: z.literal("stop"), c: id }),
  // A reader's Stop: the replies `r` (those running when it was recorded, lib/db/reply-stops.ts), a turn still being
  // started here included once its reply is known to be one of them. A newer reply is not stopped by it.
  z.strictObject({ k: z.literal("stopAsked"), c: id, r: z.array(id).max(100) }),
  // Stop the replies this user asked for, and the turns they are starting, wherever they run (account disabled or
  // deleted).
  z.strictObject({ k: z.literal("stopUser"), u: id }),
  // A reply started: watchers of the conversation are told. Sent only where a process watches it (remote-watchers.ts).
  z.strictObject({ k: z.literal("started"), c: id, r: id }),
  // The sender's browsers watch this conversation now (its first watcher there). `ttl`: seconds its list lives.
  z.strictObject({ k: z.literal("watch"), c: id, ttl: z.number().int().positive() }),
  // Every conversation the sender's browsers watch (at each beat of its lease, and when asked): replaces what was
  // known of the sender. `ask`: the receivers answer with theirs (the sender joined, or its bus reconnected).
  z.strictObject({
    k: z.literal("watching"),
    c: z.array(id),
    ttl: z.number().int().positive(),
    ask: z.literal(true).optional(),
  }),
  // Access was taken away: re-check these readers' streams (null: every reader's).
  z.strictObject({ k: z.literal("access"), u: z.array(id).nullable() }),
  z.strictObject({ k: z.literal("endUser"), u: id }),
  z.strictObject({ k: z.literal("endConv"), c: id }),
  // These replies' owners died: they were saved as INTERRUPTED.
  z.strictObject({ k: z.literal("swept"), r: z.array(id) }),
]);
export type BusMessage = z.infer<typeof busMessageSchema>;

const pieceSchema = z.strictObject({
  k: z.literal("pc"),
  p: z.number().int(),
  last: z.boolean(),
  s: z.string(),
});
const payloadSchema = z.strictObject({ o: id, m: z.array(z.unknown()) });

/** Under NOTIFY's 8000 bytes with room for the wrapper. */
export const PAYLOAD_LIMIT_BYTES = 7000;
// A UTF-16 unit takes at most 6 bytes once JSON-escaped (a control character as \u0001), so a piece of this many
// units always fits.
const PIECE_UNITS = 1000;

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * How every payload from `origin` begins: a process receives its own notifications back, and tells them apart by
 * this without parsing them.
 */
export function payloadPrefix(origin: string): string {
  return `{"o":${JSON.stringify(origin)},`;
}

/** The payloads that carry `messages` from `origin`, in order; `nextPieceId` numbers split messages. */
export function packMessages(origin: string, messages: BusMessage[], nextPieceId: () => number): string[] {
  const payloads: string[] = [];
  const prefix = payloadPrefix(origin);
  const wrapperBytes = byteLength(JSON.stringify({ o: origin, m: [] }));
  let batch: string[] = [];
  let batchBytes = wrapperBytes;
  const flush = () => {
    if (batch.length > 0) payloads.push(`${prefix}"m":[${batch.join(",")}]}`);
    batch = [];
    batchBytes = wrapperBytes;
  };
  const add = (json: string) => {
    const size = byteLength(json) + 1;
    if (batchBytes + size > PAYLOAD_LIMIT_BYTES) flush();
    batch.push(json);
    batchBytes += size;
  };
  for (const message of messages) {
    const json = JSON.stringify(message);
    if (byteLength(json) + wrapperBytes + 1 <= PAYLOAD_LIMIT_BYTES) {
      add(json);
      continue;
    }
    const pieceId = nextPieceId();
    for (let start = 0; start < json.length; start += PIECE_UNITS) {
      const s = json.slice(start, start + PIECE_UNITS);
      add(JSON.stringify({ k: "pc", p: pieceId, last: start + PIECE_UNITS >= json.length, s }));
    }
  }
  flush();
  return payloads;
}

/** Reads payloads from every process; returns each whole message with its origin. Invalid input is dropped. */
export function createPayloadReader(): (payload: string) => { origin: string; messages: BusMessage[] } {
  const partial = new Map<string, string>();
  return (payload) => {
    const wrapper = payloadSchema.safeParse(safeJson(payload));
    if (!wrapper.success) return { origin: "", messages: [] };
    const origin = wrapper.data.o;
    const messages: BusMessage[] = [];
    for (const item of wrapper.data.m) {
      const piece = pieceSchema.safeParse(item);
      let whole: unknown = item;
      if (piece.success) {
        const key = `${origin}:${piece.data.p}`;
        const joined = (partial.get(key) ?? "") + piece.data.s;
        if (!piece.data.last) {
          partial.set(key, joined);
          continue;
        }
        partial.delete(key);
        whole = safeJson(joined);
      }
      const message = busMessageSchema.safeParse(whole);
      if (message.success) messages.push(message.data);
    }
    return { origin, messages };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// The live-event contract (docs/architecture.md, "The live-event contract"): every event of a reply's stream and
// of a conversation watch, with its schema. The server encodes its events only through `encodeReplyEvent` and
// `encodeWatchEvent`, the browser reads them only through `parseReplyEvent` and `parseWatchEvent`, so that the two
// cannot drift apart unnoticed (tests/integration/live-event-contract.test.ts reads every event the server sends
// with the browser's parser). Zod only: both the server and the browser import it.
import { z } from "zod";
import { chatMessageSchema, replyErrorCauseSchema } from "./messages";

/** Token usage as the provider reported it; null when it did not. */
const usageSchema = z.object({ promptTokens: z.number(), completionTokens: z.number() }).nullable();

/** The events of a reply's stream (send, regenerate, re-attach), in the order they may come. */
export const replyEventSchemas = {
  /** First, always: the messages of the exchange, as the thread API shows them. */
  start: z.object({
    conversationId: z.string(),
    userMessage: chatMessageSchema,
    assistantMessage: chatMessageSchema,
  }),
  /** Only the new text, never the accumulated reply. */
  delta: z.object({ text: z.string() }),
  /** The model's thinking, before (or between) deltas: only the new text, kept apart from the answer. */
  reasoning: z.object({ text: z.string() }),
  /** Last event of the reply, on success or stop. */
  done: z.object({
    // Providers add their own reasons (content_filter, tool_calls); only the status matters to the browser.
    // null: the provider named none (the reply was complete all the same).
    finishReason: z.string().nullable(),
    usage: usageSchema,
    status: z.enum(["COMPLETE", "INTERRUPTED"]),
    context: z.object({ droppedMessages: z.number(), droppedTokens: z.number() }).nullable(),
  }),
  /** Last event of the reply, on failure; `cause` only for admin readers. */
  error: z.object({ code: z.string(), message: z.string(), cause: replyErrorCauseSchema.optional() }),
  /** After `done` of a first exchange: the title the model wrote for the conversation, once it is saved. */
  title: z.object({ conversationId: z.string(), title: z.string() }),
};

/** The events of a conversation watch (GET /api/conversations/{id}/events). */
export const watchEventSchemas = {
  /** Once the watch is in place. */
  ready: z.object({}),
  /** A reply started in the conversation (or was already running): follow it on the re-attach stream. */
  reply: z.object({ assistantMessageId: z.string() }),
};

type Schemas = Record<string, z.ZodType>;
/** Each event of a set as `{ name, data }`, one member per event name. */
type EventOf<S extends Schemas> = { [K in keyof S & string]: { name: K; data: z.infer<S[K]> } }[keyof S & string];

export type ReplyEventName = keyof typeof replyEventSchemas;
export type ReplyEvent = EventOf<typeof replyEventSchemas>;
export type ReplyEventData<K extends ReplyEventName> = z.infer<(typeof replyEventSchemas)[K]>;
/** What the server passes to encode an event: the schema's input (defaults may be left out). */
export type ReplyEventInput<K extends ReplyEventName> = z.input<(typeof replyEventSchemas)[K]>;
export type WatchEventName = keyof typeof watchEventSchemas;
export type WatchEvent = EventOf<typeof watchEventSchemas>;
export type WatchEventInput<K extends WatchEventName> = z.input<(typeof watchEventSchemas)[K]>;

/** The final events of a reply: after one of them, only a `title` may still come. */
export function isFinalReplyEvent(name: ReplyEventName): name is "done" | "error" {
  return name === "done" || name === "error";
}

function frame(id: number, name: string, data: unknown): string {
  return `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One reply event as it goes on the wire (server side). */
export function encodeReplyEvent<K extends ReplyEventName>(id: number, name: K, data: ReplyEventInput<K>): string {
  return frame(id, name, data);
}

/** One watch event as it goes on the wire (server side). */
export function encodeWatchEvent<K extends WatchEventName>(id: number, name: K, data: WatchEventInput<K>): string {
  return frame(id, name, data);
}

/**
 * An event read off a stream, checked against the contract: `valid` with its typed data, `invalid` when the name is
 * known but the data does not match, `unknown` for a name the contract does not declare.
 */
export type ParsedEvent<E> =
  | { status: "valid"; event: E }
  | { status: "invalid"; name: string }
  | { status: "unknown"; name: string };

function parseWith<S extends Schemas>(schemas: S, name: string, data: unknown): ParsedEvent<EventOf<S>> {
  if (!Object.hasOwn(schemas, name)) return { status: "unknown", name };
  const parsed = (schemas[name] as z.ZodType).safeParse(data);
  if (!parsed.success) return { status: "invalid", name };
  return { status: "valid", event: { name, data: parsed.data } as EventOf<S> };
}

/** Browser side: one event of a reply's stream (`event` and JSON-decoded `data`, as read-event-stream.ts yields). */
export function parseReplyEvent(event: { event: string; data: unknown }): ParsedEvent<ReplyEvent> {
  return parseWith(replyEventSchemas, event.event, event.data);
}

/** Browser side: one event of a conversation watch. */
export function parseWatchEvent(event: { event: string; data: unknown }): ParsedEvent<WatchEvent> {
  return parseWith(watchEventSchemas, event.event, event.data);
}

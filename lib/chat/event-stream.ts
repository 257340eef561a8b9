// Server-Sent Events for a reply (each event as it happens, never the accumulated text) and for a watched
// conversation. Written straight to the Node response (lib/server serves these routes), one socket write per event
// (lib/http/chunked-frames.ts).
import type { ServerResponse } from "node:http";
import { createFrameWriter } from "../http/chunked-frames";
import { encodeReplyEvent, encodeWatchEvent, type WatchEventInput, type WatchEventName } from "../live/reply-events";
import { watchConversation } from "./conversation-watchers";
import type { LiveReply } from "./live-reply";
import { type StreamEnd, trackOpenStream } from "./open-streams";

const HEARTBEAT_MS = 15_000;

export const eventStreamHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
  "X-Content-Type-Options": "nosniff",
} as const;

/**
 * The last event a reader gets whose sessions ended mid-reply: the reply has ended for them (their page says why at
 * once, rather than trying to resume a stream it may no longer read). It is not one of the reply's events: its id
 * repeats the last one sent, so that a resume after it would miss none.
 */
function sessionEndedFrame(lastEventId: number): string {
  return encodeReplyEvent(lastEventId, "error", {
    code: "unauthorized",
    message: "Your session has ended. Sign in again.",
  });
}

/**
 * Streams a live reply's events after `afterEventId` to the reader's browser (an admin reader also gets a failure's
 * cause). Closing the response only unsubscribes: the reply goes on. The stream ends early if the reader loses
 * access (lib/chat/open-streams.ts).
 */
export function streamLiveReply(
  live: LiveReply,
  response: ServerResponse,
  reader: { id: string; role: string },
  afterEventId = 0,
): void {
  const readerId = reader.id;
  // The browser left while the turn was being prepared: its "close" has fired already and would never end this.
  if (response.destroyed) return;
  response.writeHead(200, eventStreamHeaders);
  const writeFrame = createFrameWriter(response);
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  const finish = () => {
    clearInterval(heartbeat);
    unsubscribe();
    forget();
    response.end();
  };
  let lastEventId = afterEventId;
  const end = (why: StreamEnd) => {
    if (why === "session_ended" && !live.finished) writeFrame(sessionEndedFrame(lastEventId));
    finish();
  };
  const forget = trackOpenStream({ userId: readerId, conversationId: live.conversationId, end });
  response.on("close", finish);
  // The stream ends when the live reply closes it: after `done` or `error`, or after the `title` that may follow.
  unsubscribe = live.subscribe(
    afterEventId,
    {
      onEvent: (event) => {
        lastEventId = event.id;
        writeFrame(event.frame);
      },
      onClose: finish,
    },
    reader.role === "ADMIN",
  );
  if (live.closed || response.writableEnded) {
    finish();
    return;
  }
  response.flushHeaders();
  heartbeat = setInterval(() => writeFrame(": keep-alive\n\n"), HEARTBEAT_MS);
}

/**
 * Streams what happens in a conversation to `readerId`'s browser until it leaves or loses access: `ready` once
 * the watch is in place, then `reply` with the reply's id whenever a reply starts (also at once for one already
 * running). The reply's text itself comes through the re-attach stream, which the browser opens only then.
 */
export function streamConversationEvents(
  conversationId: string,
  response: ServerResponse,
  readerId: string,
  runningReplyId: string | undefined,
): void {
  // As for a reply's stream: a browser that left during the checks would leave this watch and its heartbeat behind.
  if (response.destroyed) return;
  response.writeHead(200, eventStreamHeaders);
  let eventId = 0;
  const send = <K extends WatchEventName>(event: K, data: WatchEventInput<K>) =>
    response.write(encodeWatchEvent(++eventId, event, data));
  const announce = (assistantMessageId: string) => send("reply", { assistantMessageId });
  const unwatch = watchConversation(conversationId, announce);
  const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
  const finish = () => {
    clearInterval(heartbeat);
    unwatch();
    forget();
    response.end();
  };
  const forget = trackOpenStream({ userId: readerId, conversationId, end: finish });
  response.on("close", finish);
  send("ready", {});
  if (runningReplyId) announce(runningReplyId);
}

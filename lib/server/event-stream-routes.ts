// The routes that answer with a live reply as Server-Sent Events. They are served on node:http directly, not as
// Next route handlers: Next's web-stream response path cost about 4× a raw relay in CPU per streamed event and
// 300 KB per open stream (see the README's benchmark). Everything else about them is the same as any route:
// the session, the access rules and the error shape.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseId } from "../access/ids";
import { readRequestClaims, requireRequestUser } from "../auth/session";
import { streamConversationEvents, streamLiveReply } from "../chat/event-stream";
import { findLiveReply, findRunningReplyId } from "../chat/live-replies";
import { accessChangeCount, endOpenedStreamsWithoutAccess, streamsOpenedBy } from "../chat/open-streams";
import { regenerateReply, regenerateSchema, sendMessage, sendMessageSchema } from "../chat/send-message";
import { errorResponse, parseJsonBody } from "../http/handler";
import { serveChatCompletion } from "../v1/completion-route";
import { writeInvalidUrl } from "../v1/unknown-endpoints";

/** Writes the event stream to the response once the request has passed its checks. */
type StreamWriter = (response: ServerResponse) => void;
type EventStreamRoute = {
  method: "GET" | "POST";
  /** The path as Next would name the route file's folder, e.g. /api/conversations/[id]/stream. */
  path: string;
  /** The stream to answer with, or null for "nothing is generating" (204). */
  /** Reads node:http's request directly: no web Request is built on the path to the first token. */
  serve: (request: IncomingMessage, params: string[]) => Promise<StreamWriter | null>;
};

export const eventStreamRoutes: EventStreamRoute[] = [
  {
    // Send a user message; the reply streams back.
    method: "POST",
    path: "/api/conversations/[id]/messages",
    serve: async (request, [id = ""]) => {
      const conversationId = parseId(id);
      const input = await parseJsonBody(request, sendMessageSchema);
      // Checked against the database by the turn's first statement (lib/db/turn-context.ts).
      const claims = await readRequestClaims(request.headers.cookie);
      const { user, live } = await sendMessage(claims, conversationId, input);
      return (response) => streamLiveReply(live, response, user);
    },
  },
  {
    // A new reply beside an existing one.
    method: "POST",
    path: "/api/conversations/[id]/messages/[messageId]/regenerate",
    serve: async (request, [id = "", messageId = ""]) => {
      const conversationId = parseId(id);
      const replyId = parseId(messageId);
      const input = await parseJsonBody(request, regenerateSchema);
      const claims = await readRequestClaims(request.headers.cookie);
      const { user, live } = await regenerateReply(claims, conversationId, replyId, input);
      return (response) => streamLiveReply(live, response, user);
    },
  },
  {
    // Re-attach to the reply being generated; Last-Event-ID resumes after the events already received.
    method: "GET",
    path: "/api/conversations/[id]/stream",
    serve: async (request, [id = ""]) => {
      const conversationId = parseId(id);
      const lastEventId = Number(request.headers["last-event-id"] ?? "0");
      const user = await requireRequestUser(request.headers.cookie);
      const live = await findLiveReply(user, conversationId);
      if (!live) return null;
      const afterEventId = Number.isSafeInteger(lastEventId) ? lastEventId : 0;
      return (response) => streamLiveReply(live, response, user, afterEventId);
    },
  },
  {
    // Watch a conversation: told whenever a reply starts in it (a team member's turn), to follow it on /stream.
    method: "GET",
    path: "/api/conversations/[id]/events",
    serve: async (request, [id = ""]) => {
      const conversationId = parseId(id);
      const user = await requireRequestUser(request.headers.cookie);
      const runningReplyId = await findRunningReplyId(user, conversationId);
      return (response) => streamConversationEvents(conversationId, response, user.id, runningReplyId);
    },
  },
  // Parley's own API (issue 17), for the same reason: its answers and errors in OpenAI's shapes (lib/v1).
  { method: "POST", path: "/v1/chat/completions", serve: serveChatCompletion },
];

const matchers = eventStreamRoutes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\[[^\]]+\]/g, "([^/]+)")}/?$`),
}));

async function sendResponse(target: ServerResponse, response: Response): Promise<void> {
  target.writeHead(response.status, Object.fromEntries(response.headers));
  target.end(Buffer.from(await response.arrayBuffer()));
}

async function serveRoute(
  route: EventStreamRoute,
  params: string[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const checkedAt = accessChangeCount();
    const writeStream = await route.serve(request, params);
    if (!writeStream) {
      response.writeHead(204).end();
      return;
    }
    const opened = streamsOpenedBy(() => writeStream(response));
    // Access changed between this request's check and its stream being tracked: that change could not see the
    // stream, so check it now (that stream only).
    if (accessChangeCount() !== checkedAt) await endOpenedStreamsWithoutAccess(opened);
  } catch (error) {
    await sendResponse(response, errorResponse(error));
  }
}

/** Serves the request when it is one of these routes; false lets the caller hand it to Next. */
export function serveEventStreamRoute(request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? "").split("?")[0] ?? "";
  const matching = matchers.flatMap(({ route, pattern }) => {
    const match = pattern.exec(path);
    return match ? [{ route, params: match.slice(1) }] : [];
  });
  if (matching.length === 0) return false;
  const served = matching.find(({ route }) => route.method === request.method);
  const allowed = matching.map(({ route }) => route.method);
  if (served) void serveRoute(served.route, served.params, request, response);
  else if (path.startsWith("/v1/")) writeInvalidUrl(response, request.method ?? "GET", path, allowed);
  else response.writeHead(405, { Allow: allowed.join(", ") }).end();
  return true;
}

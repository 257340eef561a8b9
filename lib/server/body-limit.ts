// A cap on every request body, enforced before any route (next-auth's included) reads it: a route that buffers
// its body whole could otherwise be made to hold hundreds of megabytes. A declared Content-Length is checked at
// once (Node's parser never delivers more than it declares); a chunked body is counted as it arrives and held
// here until it ends, so that no route ever sees a body over the cap.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../errors";
import { ATTACHMENT_LIMIT_CEILINGS, MAX_API_REQUEST_BYTES, MAX_IMPORT_BYTES, MEGABYTE } from "../limits";
import { isV1Path, writeOpenAiError } from "../v1/openai-errors";
import { sendRefusal } from "./refusal";

/** Every ordinary body is far smaller: JSON bodies stop at 256 KB (lib/http/handler.ts), forms at a few hundred bytes. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// The offline demo model is called by this server's own chat turns, whose photos go inline as base64: a message's
// files at the default limit (50 MB, 67 MB as base64) and earlier turns' images in the window. Its route reads a body
// only from a caller holding the key derived from AUTH_SECRET.
const DEMO_REQUEST_BYTES = 128 * MEGABYTE;

// Routes that take files (a completion takes images inline, /v1's and the offline demo model's, which a chat turn
// with photos reaches). A chunked body is held in memory before any route can check the session, so these larger
// caps apply only to bodies that declare their length (browsers always do for a file).
const DECLARED_BODY_LIMITS: Record<string, number> = {
  "/api/account/import": MAX_IMPORT_BYTES,
  // The largest file an admin may allow: no database read happens here, the upload route applies the admin's limit.
  "/api/attachments": ATTACHMENT_LIMIT_CEILINGS.fileMegabytes * MEGABYTE,
  "/v1/chat/completions": MAX_API_REQUEST_BYTES,
  "/api/demo/v1/chat/completions": DEMO_REQUEST_BYTES,
};

type Push = IncomingMessage["push"];

// A lingering close, as nginx does it: a client that sends its whole body before it reads an answer (fetch does)
// would get a reset instead of the 413 if the connection closed at once. What still comes is read and dropped
// (never kept) for this long; a body that has not ended by then is cut by closing the connection.
const LINGER_MS = 2000;

// A chunked body is held in memory before any route runs, anonymous callers' included: one that has not ended by
// then is dropped with its connection, so that slow senders cannot keep a megabyte each held for minutes.
const CHUNKED_BODY_DEADLINE_MS = 15_000;

const pathOf = (request: IncomingMessage) => (request.url ?? "").split("?")[0] ?? "";

function refuseTooLarge(request: IncomingMessage, response: ServerResponse, limit: number): void {
  const megabytes = Math.round((limit / 1024 / 1024) * 10) / 10;
  const message = `The request body is too large (at most ${megabytes} MB here).`;
  // The /v1 API's callers are OpenAI's SDKs and tools, which read its error shape (`type`, `param`) and statuses.
  if (isV1Path(pathOf(request))) writeOpenAiError(response, new AppError("payload_too_large", message));
  else sendRefusal(response, { code: "payload_too_large", message });
  const cut = setTimeout(() => request.socket.destroy(), LINGER_MS).unref();
  request.once("end", () => clearTimeout(cut));
  request.resume();
}

/** Calls `serve` once the request's body is known to fit its cap; otherwise answers 413 and drops the body. */
export function serveWithinBodyLimit(request: IncomingMessage, response: ServerResponse, serve: () => void): void {
  const path = pathOf(request);
  const declaredLength = request.headers["content-length"];
  if (declaredLength !== undefined) {
    const limit = DECLARED_BODY_LIMITS[path] ?? DEFAULT_BODY_LIMIT;
    if (Number(declaredLength) > limit) refuseTooLarge(request, response, limit);
    else serve();
    return;
  }
  if (request.headers["transfer-encoding"] === undefined) {
    serve();
    return;
  }
  holdChunkedBody(request, response, serve);
}

// Node's HTTP parser hands each body chunk to the request's own push(); taking it over from the first chunk (this
// runs synchronously in the 'request' event, before the parser reaches the body) is the one place a chunk can be
// counted before anything reads it.
function holdChunkedBody(request: IncomingMessage, response: ServerResponse, serve: () => void): void {
  const push: Push = request.push.bind(request);
  const chunks: Buffer[] = [];
  let size = 0;
  let isRefused = false;
  const deadline = setTimeout(() => {
    isRefused = true;
    chunks.length = 0;
    request.socket.destroy();
  }, CHUNKED_BODY_DEADLINE_MS).unref();
  request.push = ((chunk: Buffer | null) => {
    if (isRefused) return chunk === null ? push(null) : true;
    if (chunk === null) {
      clearTimeout(deadline);
      request.push = push;
      for (const held of chunks) push(held);
      push(null);
      queueMicrotask(serve);
      return false;
    }
    size += chunk.byteLength;
    if (size > DEFAULT_BODY_LIMIT) {
      clearTimeout(deadline);
      isRefused = true;
      chunks.length = 0;
      refuseTooLarge(request, response, DEFAULT_BODY_LIMIT);
      return true;
    }
    chunks.push(chunk);
    return true;
  }) as Push;
}

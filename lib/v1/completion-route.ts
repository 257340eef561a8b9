// POST /v1/chat/completions – a chat completion for the key's owner, streamed or not, in OpenAI's shapes (Bearer
// personal API key). Served on node:http (lib/server/event-stream-routes.ts), like the chat's send: no web Request,
// and no Next response stream between the provider's deltas and the socket.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateApiKeySecret, readBearerSecret } from "../api-keys/authenticate-api-key";
import { registerApiCall } from "../chat/reply-registry";
import { isDraining } from "../cluster/drain";
import { AppError } from "../errors";
import { parseJsonBody } from "../http/handler";
import { MAX_API_REQUEST_BYTES } from "../limits";
import { DEFAULT_BODY_LIMIT } from "../server/body-limit";
import type { RequestRate } from "../usage-limits/request-rate";
import { openApiCall } from "./api-call";
import { prepareApiCompletion } from "./api-completion";
import { type ChatCompletionBody, chatCompletionSchema } from "./completion-request";
import { streamCompletion, writeCompletion } from "./completion-response";
import { writeOpenAiError } from "./openai-errors";

type BodyOutcome = { body: ChatCompletionBody; error: null } | { body: null; error: unknown };

// The completions this process is serving, from their checks to their usage's settling: a drain waits for them
// (lib/server/app-server.ts), as it does for the chat's replies.
const globalForCompletions = globalThis as unknown as { parleyApiCompletions?: { count: number } };
globalForCompletions.parleyApiCompletions ??= { count: 0 };
const inFlight = globalForCompletions.parleyApiCompletions;

export function countApiCompletions(): number {
  return inFlight.count;
}

/**
 * Every failure, before or after the answer starts, is answered in OpenAI's shape: the writer never throws. While
 * the process drains, a new call is told 503 (the SDKs retry it; a load balancer sends it to another process).
 */
export async function serveChatCompletion(request: IncomingMessage): Promise<(response: ServerResponse) => void> {
  if (isDraining()) {
    const error = new AppError("unavailable", "The server is restarting. Try again.", {
      details: { retryAfterSeconds: 2 },
    });
    return (response) => writeOpenAiError(response, error);
  }
  inFlight.count += 1;
  let isHandedOver = false;
  let rate: RequestRate | null = null;
  const settled = () => {
    inFlight.count -= 1;
  };
  try {
    // A call without a key of the right shape is told 401 before its body is read, as by OpenAI.
    const secret = readBearerSecret(request.headers.authorization);
    // A body larger than any other route's (inline images, up to 20 MB): the key and the admin's switch are checked
    // before it is read, so that a caller who may not call cannot make the server hold one. One more round trip, on
    // requests whose upload takes far longer.
    if (Number(request.headers["content-length"] ?? 0) > DEFAULT_BODY_LIMIT) await authenticateApiKeySecret(secret);
    // The body before the statement, which needs its model; its refusal is told after the key's, the switch's and
    // the rate's, as when they were checked first.
    const read: BodyOutcome = await parseJsonBody(request, chatCompletionSchema, MAX_API_REQUEST_BYTES).then(
      (body) => ({ body, error: null }),
      (error: unknown) => ({ body: null, error }),
    );
    const checkedAt = performance.now();
    const call = await openApiCall(secret, read.body?.model ?? null);
    rate = call.rate;
    if (!read.body) throw read.error;
    const body = read.body;
    const prepared = await prepareApiCompletion(call, body);
    isHandedOver = true;
    const includeUsage = body.stream_options?.include_usage === true;
    return (response) => {
      // An account disabled or deleted meanwhile ends the call: its connection closed aborts the model's call.
      const forget = registerApiCall({ userId: call.caller.userId, checkedAt }, () => response.destroy());
      void (
        body.stream ? streamCompletion(prepared, response, includeUsage) : writeCompletion(prepared, response)
      ).finally(() => {
        forget();
        settled();
      });
    };
  } catch (error) {
    return (response) => writeOpenAiError(response, error, rate);
  } finally {
    if (!isHandedOver) settled();
  }
}

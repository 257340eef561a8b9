// POST /v1/chat/completions – a chat completion for the key's owner, streamed or not, in OpenAI's shapes (Bearer
// personal API key). Served on node:http (lib/server/event-stream-routes.ts), like the chat's send: no web Request,
// and no Next response stream between the provider's deltas and the socket.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBearerSecret } from "../api-keys/authenticate-api-key";
import { parseJsonBody } from "../http/handler";
import { MAX_API_REQUEST_BYTES } from "../limits";
import { DEFAULT_BODY_LIMIT } from "../server/body-limit";
import { assertCallerBeforeLargeBody, openApiCall } from "./api-call";
import { prepareApiCompletion } from "./api-completion";
import { type ChatCompletionBody, chatCompletionSchema } from "./completion-request";
import { streamCompletion, writeCompletion } from "./completion-response";
import { writeOpenAiError } from "./openai-errors";

type BodyOutcome = { body: ChatCompletionBody; error: null } | { body: null; error: unknown };

/** Every failure, before or after the answer starts, is answered in OpenAI's shape: the writer never throws. */
export async function serveChatCompletion(request: IncomingMessage): Promise<(response: ServerResponse) => void> {
  try {
    // A call without a key of the right shape is told 401 before its body is read, as by OpenAI.
    const secret = readBearerSecret(request.headers.authorization);
    // A body larger than any other route's (inline images): the key and the admin's switch are checked before it is read.
    if (Number(request.headers["content-length"] ?? 0) > DEFAULT_BODY_LIMIT) await assertCallerBeforeLargeBody(secret);
    // The body before the statement, which needs its model; its refusal is told after the key's, the switch's and
    // the rate's, as when they were checked first.
    const read: BodyOutcome = await parseJsonBody(request, chatCompletionSchema, MAX_API_REQUEST_BYTES).then(
      (body) => ({ body, error: null }),
      (error: unknown) => ({ body: null, error }),
    );
    const call = await openApiCall(secret, read.body?.model ?? null);
    if (!read.body) throw read.error;
    const body = read.body;
    const prepared = await prepareApiCompletion(call, body);
    if (!body.stream) return (response) => void writeCompletion(prepared, response);
    const includeUsage = body.stream_options?.include_usage === true;
    return (response) => void streamCompletion(prepared, response, includeUsage);
  } catch (error) {
    return (response) => writeOpenAiError(response, error);
  }
}

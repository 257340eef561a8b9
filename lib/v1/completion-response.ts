// The answers of POST /v1/chat/completions in OpenAI's shapes, written straight to node:http's response: one
// `chat.completion` object, or a stream of `chat.completion.chunk` events ending with `data: [DONE]`. The caller
// going away aborts the upstream call (the completion still settles its usage: api-completion.ts).
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { rateLimitHeaders } from "../usage-limits/request-rate";
import type { CompletionOutcome, PreparedCompletion } from "./api-completion";
import { runApiCompletion } from "./api-completion";
import { createChunkFrames } from "./completion-frames";
import { toOpenAiError, writeOpenAiError } from "./openai-errors";

const streamHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

function completionId(): string {
  return `chatcmpl-${randomBytes(12).toString("base64url")}`;
}

function usageOf(outcome: CompletionOutcome) {
  return {
    prompt_tokens: outcome.promptTokens,
    completion_tokens: outcome.completionTokens,
    total_tokens: outcome.promptTokens + outcome.completionTokens,
  };
}

/** Aborts when the caller goes away before the answer was written whole. */
function abortOnClose(response: ServerResponse): AbortController {
  const abort = new AbortController();
  // A caller that left while the call was prepared: its "close" has fired already and would never come again.
  if (response.destroyed) abort.abort();
  else
    response.once("close", () => {
      if (!response.writableFinished) abort.abort();
    });
  return abort;
}

export async function writeCompletion(prepared: PreparedCompletion, response: ServerResponse): Promise<void> {
  const abort = abortOnClose(response);
  let outcome: CompletionOutcome;
  try {
    outcome = await runApiCompletion(prepared, abort.signal, () => {});
  } catch (error) {
    writeOpenAiError(response, error, prepared.rate);
    return;
  }
  if (abort.signal.aborted) return;
  const body = JSON.stringify({
    id: completionId(),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: prepared.modelName,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: outcome.content, refusal: null },
        finish_reason: outcome.finishReason,
        logprobs: null,
      },
    ],
    usage: usageOf(outcome),
  });
  response.writeHead(200, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
    ...rateLimitHeaders(prepared.rate),
  });
  response.end(body);
}

/**
 * The stream: a first chunk with the role, one per delta, the finish reason, and (with include_usage) a last chunk
 * with the usage and no choices. The deltas of one read of the provider's stream go out in one write.
 */
export async function streamCompletion(
  prepared: PreparedCompletion,
  response: ServerResponse,
  includeUsage: boolean,
): Promise<void> {
  const abort = abortOnClose(response);
  const frames = createChunkFrames({
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: prepared.modelName,
    includeUsage,
  });
  let pending = "";
  const flush = () => {
    if (pending !== "" && !abort.signal.aborted && !response.writableEnded) response.write(pending);
    pending = "";
  };
  const send = (frame: string) => {
    // Deltas handed over by one read of the provider's stream come in one task: the write waits for its end.
    if (pending === "") queueMicrotask(flush);
    pending += frame;
  };
  if (!abort.signal.aborted) {
    response.writeHead(200, { ...streamHeaders, ...rateLimitHeaders(prepared.rate) });
    response.write(frames.role());
  }
  let end: string;
  try {
    const outcome = await runApiCompletion(prepared, abort.signal, (text) => send(frames.delta(text)));
    end = frames.finish(outcome.finishReason) + (includeUsage ? frames.usage(usageOf(outcome)) : "");
  } catch (error) {
    // Headers are sent: the SDKs raise an error for a chunk that carries one.
    end = frames.data(toOpenAiError(error).body);
  }
  if (!abort.signal.aborted) response.end(`${pending}${end}${frames.done}`);
  pending = "";
}

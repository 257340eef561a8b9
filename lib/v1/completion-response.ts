// The answers of POST /v1/chat/completions in OpenAI's shapes: one `chat.completion` object, or a stream of
// `chat.completion.chunk` events ending with `data: [DONE]`.
import { randomBytes } from "node:crypto";
import type { CompletionOutcome, PreparedCompletion } from "./api-completion";
import { runApiCompletion } from "./api-completion";
import { toOpenAiError } from "./openai-errors";

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

export async function completionResponse(prepared: PreparedCompletion, signal: AbortSignal): Promise<Response> {
  const outcome = await runApiCompletion(prepared, signal, () => {});
  return Response.json(
    {
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
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * The stream: a first chunk with the role, one per delta, the finish reason, and (with include_usage) a last chunk
 * with the usage and no choices. The caller going away (`signal`, or the stream cancelled) aborts the upstream call.
 */
export function streamingCompletionResponse(
  prepared: PreparedCompletion,
  signal: AbortSignal,
  includeUsage: boolean,
): Response {
  const id = completionId();
  const created = Math.floor(Date.now() / 1000);
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const stop = () => abort.abort();
  signal.addEventListener("abort", stop, { once: true });
  const frame = (data: unknown) => encoder.encode(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: Record<string, string>, finishReason: string | null) =>
    frame({
      id,
      object: "chat.completion.chunk",
      created,
      model: prepared.modelName,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (bytes: Uint8Array) => {
        if (!abort.signal.aborted) controller.enqueue(bytes);
      };
      send(chunk({ role: "assistant", content: "" }, null));
      try {
        const outcome = await runApiCompletion(prepared, abort.signal, (text) => send(chunk({ content: text }, null)));
        send(chunk({}, outcome.finishReason));
        if (includeUsage) {
          send(
            frame({
              id,
              object: "chat.completion.chunk",
              created,
              model: prepared.modelName,
              choices: [],
              usage: usageOf(outcome),
            }),
          );
        }
      } catch (error) {
        // Headers are sent: the SDKs raise an error for a chunk that carries one.
        send(frame(toOpenAiError(error).body));
      }
      send(encoder.encode("data: [DONE]\n\n"));
      signal.removeEventListener("abort", stop);
      if (!abort.signal.aborted) controller.close();
    },
    cancel: stop,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

// Drives one reply from the upstream to the browser and the database: deltas are forwarded as they arrive,
// the partial text is saved at most about once a second, and the final message is written once.
import { type FinishedReply, finishReply, savePartialReply } from "../db/messages";
import { AppError } from "../errors";
import type { Generation } from "./generation";
import { unregisterGeneration } from "./generation-registry";
import { streamChatCompletion, type UpstreamRequest } from "./upstream";

const PARTIAL_SAVE_INTERVAL_MS = 1_000;

export async function runGeneration(generation: Generation, request: Omit<UpstreamRequest, "signal">): Promise<void> {
  let content = "";
  let finishReason: string | null = null;
  let usage: FinishedReply["usage"] = null;
  let lastSavedAt = Date.now();
  let pendingSave: Promise<void> | null = null;
  let failure: AppError | null = null;

  try {
    for await (const event of streamChatCompletion({ ...request, signal: generation.signal })) {
      if (event.type === "delta") {
        content += event.text;
        generation.publish("delta", { text: event.text });
        if (!pendingSave && Date.now() - lastSavedAt >= PARTIAL_SAVE_INTERVAL_MS) {
          lastSavedAt = Date.now();
          pendingSave = savePartialReply(generation.assistantMessageId, content)
            .catch((error) => console.error("Saving a partial reply failed", error))
            .finally(() => {
              pendingSave = null;
            });
        }
      } else if (event.type === "finish") {
        finishReason = event.reason;
      } else {
        usage = { promptTokens: event.promptTokens, completionTokens: event.completionTokens };
      }
    }
    if (!generation.signal.aborted && finishReason === null) {
      throw new AppError("upstream_error", "The reply was cut off.", { cause: "stream ended without finish reason" });
    }
  } catch (error) {
    failure = error instanceof AppError ? error : new AppError("internal", "The reply failed.", { cause: error });
    console.error(`Generation ${generation.assistantMessageId} failed: ${failure.code} (${String(failure.cause)})`);
  }

  await pendingSave;
  const reply = describeOutcome(content, finishReason, usage, failure, generation.signal.aborted);
  try {
    await finishReply(generation.conversationId, generation.assistantMessageId, reply);
  } catch (error) {
    console.error("Saving the final reply failed", error);
  }
  unregisterGeneration(generation);
  if (failure) {
    generation.publish("error", { code: failure.code, message: failure.message });
  } else {
    generation.publish("done", { finishReason: reply.finishReason, usage, status: reply.status });
  }
}

function describeOutcome(
  content: string,
  finishReason: string | null,
  usage: FinishedReply["usage"],
  failure: AppError | null,
  isStopped: boolean,
): FinishedReply {
  if (failure) return { content, status: "ERROR", finishReason, errorCode: failure.code, usage };
  if (isStopped) return { content, status: "INTERRUPTED", finishReason: "interrupted", errorCode: null, usage };
  return { content, status: "COMPLETE", finishReason, errorCode: null, usage };
}

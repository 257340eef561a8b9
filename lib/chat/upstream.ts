// One call to a model through the official SDK, streamed. Retries only before the first token; watches for a
// stalled upstream; never lets a provider's error body out (it may echo keys).
import OpenAI from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { AppError } from "../errors";
import { createEventStreamParser, type ServerSentEvent } from "../http/event-stream-parser";
import { parseRetryAfterMs } from "../http/retry-after";
import type { ReasoningEffort } from "../models/compatibility";
import { readResponseText } from "../models/provider-fetch";
import type { ProviderUsage } from "./reply-usage";
import {
  type AdjustableKind,
  adjustShape,
  type CallerParameters,
  findRefusedCallerParameter,
  findRefusedParameter,
  type Refusal,
  type ShapeAdjustment,
  type ShapedValues,
  shapeCallerParameters,
  shapeMessages,
  shapeParameters,
  type WireShape,
} from "./request-shape";
import { createThinkTagSplitter } from "./think-tags";
import { categoryOfStatus, UpstreamFailure } from "./upstream-failure";

export type UpstreamRequest = {
  client: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  temperature: number;
  topP: number;
  maxTokens: number;
  reasoningEffort: ReasoningEffort | null;
  /** What an API caller chose that the chat never sends (request-shape.ts). */
  callerParameters?: CallerParameters;
  /** Which parameters the model's server takes (lib/models/compatibility.ts). */
  shape: WireShape;
  /** Records a change of shape made after the server refused a parameter, before the retry. */
  onShapeAdjusted?: (adjustment: ShapeAdjustment) => Promise<void>;
  signal: AbortSignal;
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
  /** The call, already sent (openUpstream): its response is read instead of sending the request again. */
  opened?: OpenedUpstream;
};

/**
 * A call sent ahead of its reader, with its own abort, ended by the reader's signal once it is read. Its answer is
 * read off the socket as it comes and kept until `read` is called: a connection cut meanwhile loses nothing.
 */
export type OpenedUpstream = {
  response: Promise<Response>;
  /** Hands over what came so far, then the rest as it comes; settles as `readResponseText` does. */
  read: (onText: (text: string) => void) => Promise<void>;
  abort: () => void;
  startedAt: number;
  /** The time now, except while `read` hands over what came before it: then when that came (the ledger's timings). */
  now: () => number;
};

const MAX_RETRIES = 2;
const MAX_RETRY_WAIT_MS = 20_000;

function isRetryable(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return false;
  if (error instanceof OpenAI.APIConnectionError) return true;
  return error instanceof OpenAI.APIError && (error.status === 429 || (error.status ?? 0) >= 500);
}

/**
 * The wait the upstream asked for (Retry-After in seconds or as a date), else a short backoff with jitter: between
 * half and all of 500 ms × 2^attempt, so that replies failed by one overload do not all come back at the same instant.
 */
export function retryDelayMs(
  retryAfter: string | null | undefined,
  attempt: number,
  now = Date.now(),
  random: () => number = Math.random,
): number {
  return parseRetryAfterMs(retryAfter, now) ?? Math.round(500 * 2 ** attempt * (1 - random() / 2));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const stopWaiting = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener("abort", stopWaiting, { once: true });
  });
}

/** What reaches users and logs: a status and a category, never the provider's message. */
export function toUpstreamError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new UpstreamFailure(
      "The model took too long to answer.",
      { category: "timed_out", status: null },
      "first-byte timeout",
    );
  }
  const status = error instanceof OpenAI.APIError ? error.status : undefined;
  const message = status === 429 ? "The model is busy right now. Try again shortly." : "The model failed to answer.";
  const cause = `upstream status ${status ?? "connection error"}`;
  if (status !== undefined) return new UpstreamFailure(message, { category: categoryOfStatus(status), status }, cause);
  // No status: the connection was refused or dropped before an answer, or broke off while the answer streamed.
  const category = error instanceof OpenAI.APIConnectionError ? "unreachable" : "stream_broken";
  return new UpstreamFailure(message, { category, status: null }, cause);
}

/** The request in the model's shape: only the parameters its server takes (request-shape.ts). */
export function buildStreamParams(request: Omit<UpstreamRequest, "signal">, shape: WireShape, values: ShapedValues) {
  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: shapeMessages(shape, request.messages),
    ...shapeParameters(shape, values),
    ...shapeCallerParameters(shape, request.callerParameters),
    stream: true,
  };
  if (shape.sendsUsageRequest) params.stream_options = { include_usage: true };
  return params;
}

/** A 400 answer's fields, null for any other failure. */
function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof OpenAI.BadRequestError)) return null;
  const body = error.error as { message?: unknown } | undefined;
  return { code: error.code, param: error.param, message: body?.message ?? error.message };
}

/**
 * A parameter the API caller chose, or its value, refused by the model's server: the caller's to change, told so by
 * name as OpenAI tells it (Parley would not send the call without what the caller asked for, such as a JSON answer).
 */
function callerParameterRefusal(request: UpstreamRequest, sent: SentShape, refusal: Refusal): AppError | null {
  const sentNames = Object.keys(shapeCallerParameters(sent.shape, request.callerParameters));
  const refused = findRefusedCallerParameter(refusal, sentNames);
  if (!refused) return null;
  if (refused.refuses === "parameter") {
    const message = "The model does not take it. Send the request without it.";
    return new AppError("unsupported_parameter", message, { issues: [{ path: [refused.name], message }] });
  }
  const message =
    refused.refuses === "value" ? "The model does not take this value." : "The model refused it or its value.";
  return new AppError("invalid_input", message, { issues: [{ path: [refused.name], message }] });
}

/** What a reply sends: the model's shape and values, with the adjustments made so far. */
type SentShape = { shape: WireShape; values: ShapedValues };

/**
 * Before any token: the shape without the parameter the server refused (400), recorded on the model so that the
 * next turn is sent that way from the start. Each kind of change is made at most once per reply (five at most), so a
 * server that refuses whatever it is sent cannot keep the reply retrying. Null when the refusal is not one Parley can
 * fix, or not again in this reply.
 */
async function adjustAfterRefusal(
  request: UpstreamRequest,
  sent: SentShape,
  adaptedKinds: Set<AdjustableKind>,
  refused: string | null,
): Promise<ShapeAdjustment | null> {
  const adjustment = refused ? adjustShape(sent.shape, sent.values, refused, adaptedKinds) : null;
  if (!adjustment || adaptedKinds.has(adjustment.kind)) return null;
  adaptedKinds.add(adjustment.kind);
  await request.onShapeAdjusted?.(adjustment);
  return adjustment;
}

/**
 * The SDK sends the request and answers errors (status, Retry-After, time-out); the streamed body it hands back as
 * the raw response, which the caller reads off the socket: the SDK's own stream layers cost more CPU per token than
 * the whole of a relay (see readResponseText). Adjustments after a refusal do not count as retries.
 */
async function openStream(request: UpstreamRequest, signal: AbortSignal): Promise<Response> {
  let sent: SentShape = { shape: request.shape, values: request };
  const adaptedKinds = new Set<AdjustableKind>();
  let retries = 0;
  for (;;) {
    try {
      const params = buildStreamParams(request, sent.shape, sent.values);
      return await request.client.chat.completions
        .create(params, { signal, timeout: request.firstByteTimeoutMs })
        .asResponse();
    } catch (error) {
      const refusal = signal.aborted ? null : refusalOf(error);
      const callerRefusal = refusal && callerParameterRefusal(request, sent, refusal);
      if (callerRefusal) throw callerRefusal;
      const adjustment = await adjustAfterRefusal(
        request,
        sent,
        adaptedKinds,
        refusal && findRefusedParameter(refusal),
      );
      if (adjustment) {
        sent = adjustment;
        continue;
      }
      if (signal.aborted || retries >= MAX_RETRIES || !isRetryable(error)) throw error;
      const retryAfter = error instanceof OpenAI.APIError ? error.headers?.get("retry-after") : null;
      const delay = retryDelayMs(retryAfter, retries);
      // Honour a long Retry-After by giving up now rather than by retrying before the upstream is ready.
      if (delay > MAX_RETRY_WAIT_MS) throw error;
      await sleep(delay, signal);
      retries++;
    }
  }
}

/**
 * Sends the request now, before anything will read its answer (lib/chat/early-upstream.ts): its failure is kept for
 * the reader, never reported unhandled when nobody reads it (an aborted call).
 */
export function openUpstream(request: Omit<UpstreamRequest, "signal">): OpenedUpstream {
  const controller = new AbortController();
  const startedAt = Date.now();
  const response = openStream({ ...request, signal: controller.signal }, controller.signal);
  const kept: { text: string; receivedAt: number }[] = [];
  let reader: ((text: string) => void) | null = null;
  let replayedAt: number | null = null;
  const body = response.then((opened) =>
    readResponseText(opened, (text) => (reader ? reader(text) : kept.push({ text, receivedAt: Date.now() }))),
  );
  body.catch(() => {});
  const read = (onText: (text: string) => void) => {
    try {
      for (const { text, receivedAt } of kept.splice(0)) {
        replayedAt = receivedAt;
        onText(text);
      }
    } finally {
      replayedAt = null;
    }
    reader = onText;
    return body;
  };
  return { response, read, abort: () => controller.abort(), startedAt, now: () => replayedAt ?? Date.now() };
}

/** The call sent ahead, ended whenever `signal` aborts. */
function readOpened(opened: OpenedUpstream, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) opened.abort();
  else signal.addEventListener("abort", opened.abort, { once: true });
  return opened.response;
}

/** Fires `onIdle` once nothing has happened for `idleMs`: one timer per stream, not one per chunk. */
function watchForStall(idleMs: number, onIdle: () => void) {
  let lastActivityAt = Date.now();
  let timer: NodeJS.Timeout;
  const check = () => {
    const idleFor = Date.now() - lastActivityAt;
    if (idleFor >= idleMs) onIdle();
    else timer = setTimeout(check, idleMs - idleFor);
  };
  timer = setTimeout(check, idleMs);
  return {
    touch: () => {
      lastActivityAt = Date.now();
    },
    stop: () => clearTimeout(timer),
  };
}

export type UpstreamHandlers = {
  onDelta: (text: string) => void;
  /** The model's thinking, apart from the answer (never part of `onDelta`'s text). */
  onReasoning: (text: string) => void;
  onFinish: (reason: string) => void;
  onUsage: (usage: ProviderUsage) => void;
};

type StreamedChunk = Partial<ChatCompletionChunk> & { error?: unknown };
/** Where servers put the thinking: `reasoning_content` (DeepSeek, vLLM, llama.cpp, LM Studio), `reasoning` (OpenRouter, Ollama). */
type ReasoningDelta = { reasoning_content?: unknown; reasoning?: unknown };
/** The answer's text goes through the <think> splitter; the rest straight to the handlers. */
type ChunkHandlers = UpstreamHandlers & { onContent: (text: string) => void };

function reasoningOf(delta: ReasoningDelta | undefined): string | null {
  if (!delta) return null;
  const text = delta.reasoning_content ?? delta.reasoning;
  return typeof text === "string" && text !== "" ? text : null;
}

/** Hands one event of the stream to the handlers; false when the provider reported an error in the stream. */
function deliverChunk(event: ServerSentEvent, handlers: ChunkHandlers): boolean {
  const chunk = event.data as StreamedChunk | string;
  if (event.event === "error" || (typeof chunk === "object" && chunk !== null && chunk.error)) return false;
  // "[DONE]" and anything else that is not a chunk carries nothing to deliver.
  if (typeof chunk !== "object" || chunk === null) return true;
  const choice = chunk.choices?.[0];
  const reasoning = reasoningOf(choice?.delta as ReasoningDelta | undefined);
  if (reasoning) handlers.onReasoning(reasoning);
  if (choice?.delta?.content) handlers.onContent(choice.delta.content);
  if (choice?.finish_reason) handlers.onFinish(choice.finish_reason);
  if (chunk.usage) handlers.onUsage(toProviderUsage(chunk.usage));
  return true;
}

/** The details are optional: servers other than OpenAI's often leave them out. */
function toProviderUsage(usage: NonNullable<ChatCompletionChunk["usage"]>): ProviderUsage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? null,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? null,
  };
}

/**
 * Hands over deltas as they arrive, then the finish reason and usage; plain callbacks, since this runs once per
 * token. Ends quietly when `request.signal` aborts; throws an AppError on failure or a stall.
 */
export async function streamChatCompletion(request: UpstreamRequest, handlers: UpstreamHandlers): Promise<void> {
  // Ends the upstream call from here: on a stall, or on an error the provider reports inside the stream.
  const stop = new AbortController();
  let failure: AppError | undefined;
  const fail = (error: AppError) => {
    failure ??= error;
    stop.abort();
  };
  const signal = AbortSignal.any([request.signal, stop.signal]);
  let stallWatch: ReturnType<typeof watchForStall> | undefined;
  const thinkTags = createThinkTagSplitter({ onReasoning: handlers.onReasoning, onAnswer: handlers.onDelta });
  const chunkHandlers: ChunkHandlers = { ...handlers, onContent: thinkTags.push };
  try {
    const response = await (request.opened ? readOpened(request.opened, signal) : openStream(request, signal));
    stallWatch = watchForStall(request.idleTimeoutMs, () =>
      fail(
        new UpstreamFailure("The model stopped answering.", { category: "timed_out", status: null }, "idle timeout"),
      ),
    );
    const parser = createEventStreamParser((event) => {
      if (failure || deliverChunk(event, chunkHandlers)) return;
      const diagnosis = { category: "stream_broken", status: null } as const;
      fail(new UpstreamFailure("The model failed to answer.", diagnosis, "error event in the stream"));
    });
    const onText = (text: string) => {
      stallWatch?.touch();
      parser.push(text);
    };
    await (request.opened ? request.opened.read(onText) : readResponseText(response, onText));
    parser.end();
  } catch (error) {
    if (!request.signal.aborted && !failure) throw toUpstreamError(error);
  } finally {
    stallWatch?.stop();
    // What the splitter held back (a possible tag's first characters) is kept however the stream ended: a stop too.
    thinkTags.end();
  }
  if (failure && !request.signal.aborted) throw failure;
}

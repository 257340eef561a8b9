// One /v1 chat completion, on the chat's own path: the same model rules and bounds, the admin's system prompt
// first, the same upstream request (upstream-request.ts: request shape, drop-and-retry) and call (upstream.ts), the
// same usage ledger and limits. Nothing is stored as a conversation.

import { MESSAGE_FRAMING_TOKENS, REPLY_PRIMING_TOKENS } from "../chat/context-window";
import {
  assertWithinBounds,
  type ModelBounds,
  type ParameterOverrides,
  type Parameters,
  resolveParameters,
} from "../chat/parameters";
import type { ProviderUsage } from "../chat/reply-usage";
import { startUsageMeter } from "../chat/reply-usage";
import type { CallerParameters } from "../chat/request-shape";
import { getSystemPrompt } from "../chat/system-prompt";
import { countTokens, encodingForModel, type TokenEncoding } from "../chat/tokens";
import { streamChatCompletion, type UpstreamRequest } from "../chat/upstream";
import { cutOffFailure, UpstreamFailure } from "../chat/upstream-failure";
import { buildUpstreamRequest } from "../chat/upstream-request";
import { insertApiUsage } from "../db/api-usage";
import type { CompletionModel } from "../db/models";
import { AppError } from "../errors";
import { recordUpstreamFailure } from "../observability/metrics";
import type { RequestRate } from "../usage-limits/request-rate";
import { reserveUsage, settleUsage, type UsageReservation } from "../usage-limits/reserve-usage";
import type { ApiCall, ApiCaller } from "./api-call";
import { modelNotFoundError } from "./api-models";
import { type ChatCompletionBody, countImages, imageTokens, textOf, toUpstreamMessages } from "./completion-request";

export type PreparedCompletion = {
  caller: ApiCaller;
  model: CompletionModel;
  /** The id the caller named the model by, echoed in the answer. */
  modelName: string;
  upstream: Omit<UpstreamRequest, "signal">;
  promptTokens: number;
  encoding: TokenEncoding;
  reservation: UsageReservation;
  /** Where the caller stands against the request limit, told in every answer's headers. */
  rate: RequestRate;
};

export type CompletionOutcome = {
  content: string;
  finishReason: string;
  usage: ProviderUsage | null;
  promptTokens: number;
  completionTokens: number;
};

// The chat's names of the parameters (lib/chat/parameters.ts) that differ from the API's, which its caller sent.
const API_PARAMETER_NAMES: Record<string, string> = { topP: "top_p", reasoningEffort: "reasoning_effort" };

/** The chat's assertWithinBounds, its refusal naming each parameter as the API's caller sent it. */
function assertWithinApiBounds(model: ModelBounds, overrides: ParameterOverrides): void {
  try {
    assertWithinBounds(model, overrides);
  } catch (error) {
    if (!(error instanceof AppError) || !error.issues) throw error;
    const issues = error.issues.map((issue) => ({
      ...issue,
      path: issue.path.map((key) => API_PARAMETER_NAMES[key] ?? key),
    }));
    throw new AppError(error.code, error.message, { issues, details: error.details });
  }
}

/** The chat's rules for parameters: temperature and top_p within the admin's bounds, ignored when the admin fixed them. */
function parametersFor(model: CompletionModel, body: ChatCompletionBody): Parameters {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? null;
  if (maxTokens !== null && maxTokens > model.maxOutputTokens) {
    const message = `Use from 1 to ${model.maxOutputTokens} tokens.`;
    const field = body.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
    throw new AppError("invalid_input", message, { issues: [{ path: [field], message }] });
  }
  const sampling = { temperature: body.temperature ?? null, topP: body.top_p ?? null };
  const effort = { reasoningEffort: body.reasoning_effort ?? null };
  assertWithinApiBounds(model, model.allowUserParameters ? { ...sampling, ...effort } : effort);
  const parameters = resolveParameters(model, { ...sampling, ...effort });
  return { ...parameters, maxTokens: maxTokens ?? parameters.maxTokens };
}

/**
 * The caller's parameters that the chat never sends, passed on as they are; the sampling ones only where the admin
 * lets users set temperature (ignored otherwise, as temperature is), and not when neutral (some clients send
 * penalties of 0 on every call, which a server that takes no penalties would refuse).
 */
function callerParametersOf(model: CompletionModel, body: ChatCompletionBody): CallerParameters {
  const { stop, seed, response_format, verbosity, presence_penalty, frequency_penalty, logit_bias } = body;
  const sampling = model.allowUserParameters
    ? {
        presence_penalty: presence_penalty || null,
        frequency_penalty: frequency_penalty || null,
        logit_bias: logit_bias && Object.keys(logit_bias).length > 0 ? logit_bias : null,
      }
    : {};
  // An empty list asks for no stop sequence: sent as none, which every server takes.
  const stopSequences = Array.isArray(stop) && stop.length === 0 ? null : stop;
  return { stop: stopSequences, seed, response_format: response_format ?? undefined, verbosity, ...sampling };
}

/** The model's rules applied to the request, and its worst case reserved (a statement only when a limit applies). */
export async function prepareApiCompletion(call: ApiCall, body: ChatCompletionBody): Promise<PreparedCompletion> {
  const { caller, model, rules } = call;
  if (!model) throw modelNotFoundError(body.model);
  const parameters = parametersFor(model, body);
  const encoding = encodingForModel(model.upstreamName);
  if (!model.readsImages && countImages(body.messages) > 0) {
    const message = `${model.label} cannot read images: send text only, or pick a model that reads images.`;
    throw new AppError("invalid_input", message, { issues: [{ path: ["messages"], message }] });
  }
  const adminPrompt = getSystemPrompt(null, model, encoding);
  const messages = [
    ...(adminPrompt ? [{ role: "system" as const, content: adminPrompt.content }] : []),
    ...toUpstreamMessages(body.messages),
  ];
  const promptTokens =
    (adminPrompt ? adminPrompt.tokens + MESSAGE_FRAMING_TOKENS : 0) +
    body.messages.reduce((sum, message) => sum + countTokens(textOf(message), encoding) + MESSAGE_FRAMING_TOKENS, 0) +
    imageTokens(body.messages) +
    // A JSON schema the answer must follow is read by the model too (an estimate: its text as sent).
    (body.response_format ? countTokens(JSON.stringify(body.response_format), encoding) : 0) +
    REPLY_PRIMING_TOKENS;
  if (promptTokens + parameters.maxTokens > model.contextWindow) {
    throw new AppError(
      "context_overflow",
      `This model's context window is ${model.contextWindow} tokens; the messages (${promptTokens}) and the output limit (${parameters.maxTokens}) do not fit.`,
      { issues: [{ path: ["messages"], message: "Too long for the model's context window." }] },
    );
  }
  // Built before the reservation: a provider whose key cannot be read fails here, with nothing reserved to give back.
  const upstream = {
    ...buildUpstreamRequest(model, messages, parameters),
    callerParameters: callerParametersOf(model, body),
  };
  const reservation = await reserveUsage(
    { userId: caller.userId, teamId: null, modelId: model.id, promptTokens, maxOutputTokens: parameters.maxTokens },
    rules,
  );
  return { caller, model, modelName: body.model, upstream, promptTokens, encoding, reservation, rate: call.rate };
}

/** Counted and logged as a chat reply's failure is (run-reply.ts): the category and status, never the provider's text. */
function recordApiFailure(prepared: PreparedCompletion, failure: UpstreamFailure): void {
  recordUpstreamFailure(failure.diagnosis.status);
  console.error(
    `API completion on ${prepared.model.upstreamName} (key ${prepared.caller.keyId}) failed: ${failure.code} ` +
      `(${String(failure.cause ?? failure.message)})`,
  );
}

/**
 * Runs the call, handing each answer delta to `onDelta`; ends quietly when `signal` aborts (the caller went away:
 * the upstream call is aborted with it). Whatever the end, the ledger gets the call's row and the reservation is
 * settled to it; a failure before any token records nothing and only releases the reservation. A caller who leaves
 * is charged as a stopped chat reply is: the prompt (the model has read it) and what was generated until then,
 * thinking included, estimated when the provider could not report it.
 */
export async function runApiCompletion(
  prepared: PreparedCompletion,
  signal: AbortSignal,
  onDelta: (text: string) => void,
): Promise<CompletionOutcome> {
  const meter = startUsageMeter();
  let content = "";
  let reasoning = "";
  let finishReason: string | null = null;
  let usage: ProviderUsage | null = null;
  let failure: unknown = null;
  try {
    await streamChatCompletion(
      { ...prepared.upstream, signal },
      {
        onDelta: (text) => {
          meter.markAnswerToken();
          content += text;
          onDelta(text);
        },
        onReasoning: (text) => {
          meter.markToken();
          reasoning += text;
        },
        onFinish: (reason) => {
          finishReason = reason;
        },
        onUsage: (reported) => {
          usage = reported;
        },
      },
    );
  } catch (error) {
    failure = error;
  }
  // A stream that ends without a finish reason was cut short, as for the chat: the caller is told, not handed a
  // truncated answer as a whole one (what came is still charged).
  if (failure === null && !signal.aborted && (finishReason as string | null) === null) failure = cutOffFailure();
  const reported = usage as ProviderUsage | null;
  // Counted only when the provider reported no usage: tokenizing the whole reply costs CPU that its figures make moot.
  const completionTokens = reported
    ? reported.completionTokens
    : countTokens(content, prepared.encoding) + countTokens(reasoning, prepared.encoding);
  const reachedModel = usage !== null || content !== "" || reasoning !== "" || (signal.aborted && failure === null);
  const ledger = reachedModel
    ? meter.finish({
        userId: prepared.caller.userId,
        usage,
        estimate: { promptTokens: prepared.promptTokens, completionTokens },
      })
    : null;
  const row = ledger && {
    ...ledger,
    reservationId: prepared.reservation?.id ?? null,
    apiKeyId: prepared.caller.keyId,
    modelId: prepared.model.id,
    modelVersion: prepared.model.version,
  };
  // Side by side: one round trip, not two, before the answer's end (the caller sees its usage counted by then).
  await Promise.all([
    row && insertApiUsage(row).catch((error) => console.error("Recording an API call's usage failed", error)),
    settleUsage(prepared.reservation, ledger),
  ]);
  if (failure) {
    // A caller who left ended the call itself: that is no failure of the provider.
    if (failure instanceof UpstreamFailure && !signal.aborted) recordApiFailure(prepared, failure);
    throw failure;
  }
  const final: ProviderUsage | null = usage;
  return {
    content,
    // Without a reason only when the caller left, who reads no answer.
    finishReason: finishReason ?? "stop",
    usage: final,
    promptTokens: ledger?.promptTokens ?? prepared.promptTokens,
    completionTokens: ledger?.completionTokens ?? completionTokens,
  };
}

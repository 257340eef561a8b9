// What the fake upstream says, in JSON shaped exactly like OpenAI's Chat Completions API; kept apart from the
// transport so that the server file stays about sockets and timing.
import { z } from "zod";

export type FinishReason = "stop" | "length";
export type Usage = {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
};
export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ReplyScript = {
  reply?: string;
  // A last user message starting with this prefix is answered with the rest of it, verbatim (one delta a line).
  echoPrefix?: string;
  chunks?: string[];
  chunkCount?: number;
  // "none": a server that never reports usage, even when asked to.
  usage?: ScriptedUsage | "none";
};
type ScriptedUsage = {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens?: number;
  cachedTokens?: number;
};
export type ReplyIdentity = { id: string; created: number; model: string; includeUsage: boolean };
export type ReplyPlan = { identity: ReplyIdentity; deltas: string[]; finishReason: FinishReason; usage: Usage };
export type Failure = { status: number; retryAfterSeconds?: number; message?: string };

// Loose on purpose: the app may send parameters (temperature, user, ...) the fake has no reason to know.
const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown().optional() })).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
});

const ERROR_KINDS: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  404: { type: "invalid_request_error", code: "not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
};

// Keeps unparseable bodies as text so a test can still see what the client sent.
export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Returns the validation message instead of throwing: a bad request is an expected 400, not a fake failure.
export function parseChatRequest(body: unknown): ChatRequest | string {
  const parsed = chatRequestSchema.safeParse(body);
  return parsed.success ? parsed.data : z.prettifyError(parsed.error);
}

// Each delta counts as one completion token, so `max_tokens` truncates at a delta boundary.
export function planReply(script: ReplyScript, request: ChatRequest, sequence: number): ReplyPlan {
  const echo = readEcho(script.echoPrefix, request.messages);
  const allDeltas =
    echo === undefined
      ? (script.chunks ?? splitIntoDeltas(script.reply ?? buildDefaultReply(request.messages), script.chunkCount))
      : echo.split(/(?<=\n)/);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? Number.POSITIVE_INFINITY;
  const deltas = allDeltas.slice(0, maxTokens);
  const promptWords = request.messages.reduce((sum, message) => sum + countWords(extractText(message.content)), 0);
  const counted = { promptTokens: promptWords, completionTokens: countWords(deltas.join("")) };
  const usage = script.usage === undefined || script.usage === "none" ? counted : script.usage;
  return {
    identity: {
      id: `chatcmpl-fake${sequence}`,
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      includeUsage: request.stream_options?.include_usage === true && script.usage !== "none",
    },
    deltas,
    finishReason: deltas.length < allDeltas.length ? "length" : "stop",
    usage: toWireUsage(usage),
  };
}

// OpenAI's shape: the details objects only when there is something in them.
function toWireUsage(usage: ScriptedUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    ...(usage.cachedTokens === undefined ? {} : { prompt_tokens_details: { cached_tokens: usage.cachedTokens } }),
    ...(usage.reasoningTokens === undefined
      ? {}
      : { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }),
  };
}

export function buildChunk(
  identity: ReplyIdentity,
  delta: Record<string, string | null>,
  finishReason: FinishReason | null,
) {
  return {
    ...buildChunkEnvelope(identity),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    // OpenAI adds `usage: null` to every chunk once the client asked for usage, and omits it otherwise.
    ...(identity.includeUsage ? { usage: null } : {}),
  };
}

/**
 * Thinking deltas as each dialect streams them: DeepSeek sends `content: null` beside `reasoning_content`; Ollama
 * and OpenRouter an empty `content` beside `reasoning`.
 */
export function buildReasoningDeltas(
  reasoning: { field: "reasoning_content" | "reasoning"; chunks: string[] } | undefined,
): Record<string, string | null>[] {
  if (!reasoning) return [];
  const content = reasoning.field === "reasoning_content" ? null : "";
  return reasoning.chunks.map((text) => ({ content, [reasoning.field]: text }));
}

export function buildUsageChunk(plan: ReplyPlan) {
  return { ...buildChunkEnvelope(plan.identity), choices: [], usage: plan.usage };
}

function buildChunkEnvelope({ id, created, model }: ReplyIdentity) {
  return { id, object: "chat.completion.chunk", created, model, system_fingerprint: null };
}

export function buildCompletion({ identity, deltas, finishReason, usage }: ReplyPlan) {
  const message = { role: "assistant", content: deltas.join(""), refusal: null };
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage,
  };
}

export function buildModelList(modelIds: string[], created: number) {
  return { object: "list", data: modelIds.map((id) => ({ id, object: "model", created, owned_by: "fake" })) };
}

export function buildErrorBody(status: number, message: string) {
  const fallback = status >= 500 ? { type: "server_error", code: null } : { type: "invalid_request_error", code: null };
  const kind = ERROR_KINDS[status] ?? fallback;
  return { error: { message, type: kind.type, param: null, code: kind.code } };
}

export function buildFailure(failure: Failure): [body: unknown, headers: Record<string, string>] {
  const message = failure.message ?? `Fake upstream failure with status ${failure.status}`;
  const headers: Record<string, string> = {};
  if (failure.retryAfterSeconds !== undefined) headers["retry-after"] = String(failure.retryAfterSeconds);
  return [buildErrorBody(failure.status, message), headers];
}

// Splits so that joining the deltas gives back the reply exactly, whitespace included.
export function splitIntoDeltas(reply: string, chunkCount?: number): string[] {
  if (chunkCount === undefined) return reply.split(/(?<=\S)(?=\s)/).filter((delta) => delta !== "");
  const characters = Array.from(reply);
  const count = Math.max(1, Math.min(chunkCount, characters.length));
  const sliceAt = (index: number) => Math.floor((index * characters.length) / count);
  return Array.from({ length: count }, (_, index) => characters.slice(sliceAt(index), sliceAt(index + 1)).join(""));
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}

// Message content is either a string or an array of typed parts; only text parts carry words.
function extractText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) => (isTextPart(part) ? part.text : ""))
    .filter((text) => text !== "")
    .join(" ");
}

function isTextPart(part: unknown): part is { text: string } {
  return typeof part === "object" && part !== null && "text" in part && typeof part.text === "string";
}

// An echo also names the images it received (content parts of type image_url), so that a test can see them arrive.
function readEcho(prefix: string | undefined, messages: ChatRequest["messages"]): string | undefined {
  const content = messages.findLast((message) => message.role === "user")?.content;
  const prompt = extractText(content);
  if (prefix === undefined || !prompt.startsWith(prefix)) return undefined;
  const images = Array.isArray(content) ? content.filter(isImagePart).map((part) => `[image ${imageType(part)}]`) : [];
  return [prompt.slice(prefix.length), ...images].join(" ");
}

function isImagePart(part: unknown): part is { image_url: { url: string } } {
  return (
    typeof part === "object" && part !== null && "type" in part && part.type === "image_url" && "image_url" in part
  );
}

function imageType(part: { image_url: { url: string } }): string {
  return /^data:([^;,]+)/.exec(part.image_url.url)?.[1] ?? "url";
}

function buildDefaultReply(messages: { role: string; content?: unknown }[]): string {
  const lastUserMessage = messages.findLast((message) => message.role === "user");
  const prompt = extractText(lastUserMessage?.content).trim();
  return prompt === "" ? "This is a fake reply." : `This is a fake reply to: ${prompt}`;
}

/** How a server refuses the parameters it does not take, in each server's own words. */
export type Dialect = {
  // OpenAI's reasoning models (gpt-5, o-series): no max_tokens, no temperature or top_p other than 1.
  isOpenAiReasoningModel?: boolean;
  // Servers (Azure's older API versions among them) that know no stream_options.
  rejectsStreamOptions?: boolean;
  // Parameters refused at any value, in OpenAI's words, after the refusals above: the first of them the request
  // carries is named, as OpenAI names one parameter per answer.
  refusedParameters?: string[];
};

// Exactly as api.openai.com answers (status 400).
function openAiRefusal(code: "unsupported_parameter" | "unsupported_value", param: string, message: string) {
  return { error: { message, type: "invalid_request_error", param, code } };
}

/** The 400 body the server answers to a request it refuses, or null when it takes it. */
export function refuseUnsupported(dialect: Dialect, request: ChatRequest): unknown {
  if (dialect.isOpenAiReasoningModel) {
    if (request.max_tokens != null) {
      return openAiRefusal(
        "unsupported_parameter",
        "max_tokens",
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      );
    }
    for (const param of ["temperature", "top_p"] as const) {
      const value = request[param];
      if (typeof value === "number" && value !== 1) {
        return openAiRefusal(
          "unsupported_value",
          param,
          `Unsupported value: '${param}' does not support ${value} with this model. Only the default (1) value is supported.`,
        );
      }
    }
  }
  if (dialect.rejectsStreamOptions && request.stream_options != null) {
    return {
      error: {
        message: "Unrecognized request argument supplied: stream_options",
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    };
  }
  const refused = dialect.refusedParameters?.find((param) => request[param] != null);
  if (refused) {
    return openAiRefusal(
      "unsupported_parameter",
      refused,
      `Unsupported parameter: '${refused}' is not supported with this model.`,
    );
  }
  return null;
}

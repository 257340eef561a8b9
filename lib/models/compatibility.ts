// The request shape a model's server accepts, and the defaults Parley picks for a new model from its provider and
// its name. An admin can change each field; Parley adjusts one on its own when a server refuses it
// (lib/chat/request-shape.ts, and the retry in lib/chat/upstream.ts).

export const outputLimitParameters = ["max_completion_tokens", "max_tokens", "none"] as const;
export const reasoningEfforts = ["minimal", "low", "medium", "high"] as const;
export const systemPromptRoles = ["system", "developer"] as const;

export type OutputLimitParameter = (typeof outputLimitParameters)[number];
export type ReasoningEffort = (typeof reasoningEfforts)[number];
export type SystemPromptRole = (typeof systemPromptRoles)[number];

export type RequestShape = {
  outputLimitParameter: OutputLimitParameter;
  sendsSamplingParameters: boolean;
  reasoningEffort: ReasoningEffort | null;
  allowedReasoningEfforts: ReasoningEffort[];
  sendsUsageRequest: boolean;
  systemPromptRole: SystemPromptRole;
};

// OpenAI's reasoning models: the gpt-5 family and the o-series, also behind a router that prefixes the vendor.
const REASONING_MODEL_NAME = /^(openai\/)?(gpt-5|o1|o3|o4)([^a-z0-9]|$)/i;

export function isOpenAiEndpoint(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname.toLowerCase() === "api.openai.com";
  } catch {
    return false;
  }
}

export function isReasoningModelName(upstreamName: string): boolean {
  return REASONING_MODEL_NAME.test(upstreamName.trim());
}

/**
 * OpenAI's reasoning models refuse `max_tokens` and any temperature but 1, and want the admin's prompt as a
 * `developer` message: they get that shape on any server, since a server serving one of them by its OpenAI name is
 * OpenAI or a proxy of it. Their reasoning effort is not sent by default: each model then uses its own default
 * (medium on OpenAI's), and o1-mini, which takes none, still works. OpenAI's own endpoint takes
 * `max_completion_tokens` for every model, and so does Azure OpenAI, whose deployments carry names of the admin's
 * choosing (so the name says nothing there); most other servers (vLLM, llama.cpp, Ollama, LM Studio, OpenRouter,
 * DeepSeek) know only `max_tokens`.
 */
export function defaultRequestShape(provider: { baseUrl: string; kind?: string }, upstreamName: string): RequestShape {
  const isReasoning = isReasoningModelName(upstreamName);
  const isOpenAi = provider.kind === "AZURE_OPENAI" || isOpenAiEndpoint(provider.baseUrl);
  return {
    outputLimitParameter: isReasoning || isOpenAi ? "max_completion_tokens" : "max_tokens",
    sendsSamplingParameters: !isReasoning,
    reasoningEffort: null,
    allowedReasoningEfforts: [],
    sendsUsageRequest: true,
    systemPromptRole: isReasoning ? "developer" : "system",
  };
}

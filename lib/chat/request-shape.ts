// The Chat Completions parameters in the shape a model's server accepts (lib/models/compatibility.ts), and the
// changes to that shape Parley makes on its own when a server refuses a parameter it sent.
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { ReasoningEffort, RequestShape } from "../models/compatibility";

export type WireShape = Omit<RequestShape, "allowedReasoningEfforts">;
export type ShapedValues = {
  temperature: number;
  topP: number;
  maxTokens: number;
  reasoningEffort: ReasoningEffort | null;
};

export type ShapedParameters = {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  reasoning_effort?: ReasoningEffort;
};

/** The sampling, limit and effort parameters: only those the model takes. */
export function shapeParameters(shape: WireShape, values: ShapedValues): ShapedParameters {
  const parameters: ShapedParameters = {};
  if (shape.sendsSamplingParameters) {
    parameters.temperature = values.temperature;
    parameters.top_p = values.topP;
  }
  if (shape.outputLimitParameter === "max_tokens") parameters.max_tokens = values.maxTokens;
  if (shape.outputLimitParameter === "max_completion_tokens") parameters.max_completion_tokens = values.maxTokens;
  if (values.reasoningEffort) parameters.reasoning_effort = values.reasoningEffort;
  return parameters;
}

/**
 * Parameters an API caller chose, which the chat never sends (lib/v1/completion-request.ts), passed as they are. A
 * server's refusal of one is the caller's to mend (lib/chat/upstream.ts), never a change of the model's shape.
 */
export type CallerParameters = Pick<
  ChatCompletionCreateParamsBase,
  "stop" | "seed" | "response_format" | "verbosity" | "presence_penalty" | "frequency_penalty" | "logit_bias"
>;
// Sampling parameters as temperature is: sent only to a model that takes those.
export const SAMPLING_CALLER_PARAMETERS = ["presence_penalty", "frequency_penalty", "logit_bias"] as const;

/** The caller's parameters that the model's shape lets through, those with no value left out. */
export function shapeCallerParameters(shape: WireShape, parameters: CallerParameters = {}): CallerParameters {
  const shaped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters)) {
    const isSampling = (SAMPLING_CALLER_PARAMETERS as readonly string[]).includes(name);
    if (value != null && (shape.sendsSamplingParameters || !isSampling)) shaped[name] = value;
  }
  return shaped as CallerParameters;
}

/** The admin's and the conversation's prompts go as `developer` messages to the models that want them so. */
export function shapeMessages(shape: WireShape, messages: ChatCompletionMessageParam[]): ChatCompletionMessageParam[] {
  if (shape.systemPromptRole === "system") return messages;
  return messages.map((message) =>
    message.role === "system" ? { role: "developer", content: message.content } : message,
  );
}

/**
 * The kinds of change Parley makes on its own; a reply makes each at most once (lib/chat/upstream.ts). The output
 * limit can change twice: to the other parameter, then, when that one is refused too, to none.
 */
export type AdjustableKind =
  | "output_limit"
  | "output_limit_dropped"
  | "sampling"
  | "reasoning_effort"
  | "usage_request";

export type ShapeAdjustment = {
  kind: AdjustableKind;
  /** Only the fields this adjustment changed. */
  changes: Partial<WireShape>;
  /** The shape and values to send from now on, this adjustment applied. */
  shape: WireShape;
  values: ShapedValues;
  /** What changed, in the words the admin reads on the model card (stored on the model, so in English). */
  description: string;
};

/**
 * The shape without the parameter the server refused, or null when Parley did not send it (or cannot do without
 * it): then the error stands. `adapted`: the changes already made for this reply. A server that refuses the output
 * limit it was switched to refuses both: it is sent none (its own default applies), which stays right for the next
 * replies, where switching back would be refused again.
 */
export function adjustShape(
  shape: WireShape,
  values: ShapedValues,
  parameter: string,
  adapted: ReadonlySet<AdjustableKind> = new Set(),
): ShapeAdjustment | null {
  const sent = shapeParameters(shape, values);
  const name = parameter.split(/[.[]/)[0] ?? parameter;
  const adjusted = (kind: AdjustableKind, changes: Partial<WireShape>, description: string) => ({
    kind,
    changes,
    shape: { ...shape, ...changes },
    values: changes.reasoningEffort === null ? { ...values, reasoningEffort: null } : values,
    description,
  });
  const isLimitRefused =
    (name === "max_tokens" && sent.max_tokens !== undefined) ||
    (name === "max_completion_tokens" && sent.max_completion_tokens !== undefined);
  if (isLimitRefused && adapted.has("output_limit")) {
    return adjusted(
      "output_limit_dropped",
      { outputLimitParameter: "none" },
      "stopped sending an output limit (refused: max_tokens and max_completion_tokens)",
    );
  }
  if (name === "max_tokens" && sent.max_tokens !== undefined) {
    return adjusted(
      "output_limit",
      { outputLimitParameter: "max_completion_tokens" },
      "sent max_completion_tokens instead of max_tokens",
    );
  }
  if (name === "max_completion_tokens" && sent.max_completion_tokens !== undefined) {
    return adjusted(
      "output_limit",
      { outputLimitParameter: "max_tokens" },
      "sent max_tokens instead of max_completion_tokens",
    );
  }
  if ((name === "temperature" || name === "top_p") && shape.sendsSamplingParameters) {
    return adjusted(
      "sampling",
      { sendsSamplingParameters: false },
      `stopped sending temperature and top_p (refused: ${name})`,
    );
  }
  if (name === "reasoning_effort" && sent.reasoning_effort !== undefined) {
    return adjusted("reasoning_effort", { reasoningEffort: null }, "stopped sending reasoning_effort");
  }
  if (name === "stream_options" && shape.sendsUsageRequest) {
    return adjusted("usage_request", { sendsUsageRequest: false }, "stopped sending stream_options");
  }
  return null;
}

const ADJUSTABLE_PARAMETERS = [
  "max_completion_tokens",
  "max_tokens",
  "temperature",
  "top_p",
  "reasoning_effort",
  "stream_options",
] as const;
const REFUSAL_CODES = new Set(["unsupported_parameter", "unsupported_value"]);
const REFUSAL_WORDS = /unsupported|not supported|unrecognized|unknown|extra (inputs|fields)/i;

/** A 400 answer's fields, as the SDK's BadRequestError carries them. */
export type Refusal = { code?: unknown; param?: unknown; message?: unknown };

const paramNameOf = (refusal: Refusal) =>
  (typeof refusal.param === "string" ? refusal.param : "").split(/[.[]/)[0] ?? "";

/** The first of `names` that a message refusing something names, or null. */
function firstNamedInRefusal(refusal: Refusal, names: readonly string[]): string | null {
  const message = typeof refusal.message === "string" ? refusal.message : "";
  if (!REFUSAL_WORDS.test(message)) return null;
  // The first one named: a message may go on to name the parameter to use instead ("Use 'max_completion_tokens'").
  const named = names
    .map((name) => ({ name, at: message.search(new RegExp(`\\b${name}\\b`)) }))
    .filter((found) => found.at >= 0)
    .sort((a, b) => a.at - b.at);
  return named[0]?.name ?? null;
}

/**
 * The parameter a 400 answer refuses: OpenAI names it in `param` with an `unsupported_*` code; other servers (Azure's
 * older API versions, vLLM, LiteLLM) only in the message, such as "Unrecognized request argument supplied:
 * stream_options". Null when the answer refuses no parameter Parley can drop.
 */
export function findRefusedParameter(refusal: Refusal): string | null {
  const paramName = paramNameOf(refusal);
  if (REFUSAL_CODES.has(String(refusal.code)) && ADJUSTABLE_PARAMETERS.some((name) => name === paramName)) {
    return paramName;
  }
  return firstNamedInRefusal(refusal, ADJUSTABLE_PARAMETERS);
}

/**
 * Which of the API caller's parameters `sent` a 400 answer refuses, and whether the parameter itself or only its
 * value ("either" when the answer does not say): the one its `param` names, or, when it names none, one its message
 * names, unless the message names a parameter Parley can drop (findRefusedParameter: that refusal is Parley's to mend).
 */
export function findRefusedCallerParameter(
  refusal: Refusal,
  sent: readonly string[],
): { name: string; refuses: "parameter" | "value" | "either" } | null {
  const paramName = paramNameOf(refusal);
  if (paramName !== "") {
    if (!sent.includes(paramName)) return null;
    const refuses =
      refusal.code === "unsupported_parameter"
        ? "parameter"
        : refusal.code === "unsupported_value"
          ? "value"
          : "either";
    return { name: paramName, refuses };
  }
  if (findRefusedParameter(refusal) !== null) return null;
  const named = firstNamedInRefusal(refusal, sent);
  return named ? { name: named, refuses: "either" } : null;
}

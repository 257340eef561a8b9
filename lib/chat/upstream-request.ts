// The one way a model call is put together, for a chat reply and for an API call alike: the model's provider
// client, its request shape (request-shape.ts) and the drop-and-retry record (record-adjustment.ts), its timeouts.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { CompletionModel } from "../db/models";
import { env } from "../env";
import { createProviderClient } from "../models/provider-client";
import type { Parameters } from "./parameters";
import { recordAdjustment } from "./record-adjustment";
import type { ShapeAdjustment } from "./request-shape";
import type { UpstreamRequest } from "./upstream";

export function buildUpstreamRequest(
  model: CompletionModel,
  messages: ChatCompletionMessageParam[],
  parameters: Parameters,
): Omit<UpstreamRequest, "signal"> {
  return {
    client: createProviderClient(model.provider),
    model: model.upstreamName,
    messages,
    temperature: parameters.temperature,
    topP: parameters.topP,
    maxTokens: parameters.maxTokens,
    reasoningEffort: parameters.reasoningEffort,
    shape: model,
    onShapeAdjusted: (adjustment: ShapeAdjustment) => recordAdjustment(model, adjustment),
    firstByteTimeoutMs: env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    idleTimeoutMs: env().UPSTREAM_IDLE_TIMEOUT_MS,
  };
}

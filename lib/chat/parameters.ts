// Sampling parameters: the model's defaults, overridden per conversation (and per turn) within the bounds an
// admin set on the model.
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import { type ReasoningEffort, reasoningEfforts } from "../models/compatibility";

export type ModelBounds = {
  temperature: number;
  topP: number;
  maxOutputTokens: number;
  allowUserParameters: boolean;
  minTemperature: number;
  maxTemperature: number;
  reasoningEffort: ReasoningEffort | null;
  allowedReasoningEfforts: ReasoningEffort[];
};

export type ParameterOverrides = {
  temperature?: number | null;
  topP?: number | null;
  maxTokens?: number | null;
  reasoningEffort?: ReasoningEffort | null;
};
export type Parameters = {
  temperature: number;
  topP: number;
  maxTokens: number;
  reasoningEffort: ReasoningEffort | null;
};

export const parameterOverridesSchema = {
  temperature: z.number().finite().nullable().optional(),
  topP: z.number().finite().nullable().optional(),
  maxTokens: z.number().int().nullable().optional(),
  reasoningEffort: z.enum(reasoningEfforts).nullable().optional(),
};

/** Rejects overrides outside the model's bounds, each with a message naming the allowed range. */
export function assertWithinBounds(model: ModelBounds, overrides: ParameterOverrides): void {
  const { reasoningEffort, ...sampling } = overrides;
  // The reasoning effort has its own list of allowed values, apart from the other parameters' switch.
  if (reasoningEffort != null && !model.allowedReasoningEfforts.includes(reasoningEffort)) {
    const message = "This model's reasoning effort is set by an admin.";
    throw new AppError("invalid_input", message, { issues: [{ path: ["reasoningEffort"], message }] });
  }
  const given = Object.entries(sampling).filter(([, value]) => value !== undefined && value !== null);
  if (given.length === 0) return;
  if (!model.allowUserParameters) {
    const issues = given.map(([key]) => ({ path: [key], message: "This model's parameters are set by an admin." }));
    throw new AppError("invalid_input", "This model's parameters are set by an admin.", { issues });
  }
  const issues: FieldIssue[] = [];
  const { temperature, topP, maxTokens } = overrides;
  if (temperature != null && (temperature < model.minTemperature || temperature > model.maxTemperature)) {
    issues.push({
      path: ["temperature"],
      message: `Use a temperature from ${model.minTemperature} to ${model.maxTemperature}.`,
    });
  }
  if (topP != null && (topP <= 0 || topP > 1))
    issues.push({ path: ["topP"], message: "Use a top_p above 0 and at most 1." });
  if (maxTokens != null && (maxTokens < 1 || maxTokens > model.maxOutputTokens)) {
    issues.push({ path: ["maxTokens"], message: `Use from 1 to ${model.maxOutputTokens} tokens.` });
  }
  if (issues.length > 0)
    throw new AppError("invalid_input", "Some parameters are outside the model's bounds.", { issues });
}

/**
 * The parameters of one turn. Stored overrides that the model no longer allows (an admin narrowed the bounds)
 * fall back to the model's defaults rather than failing the conversation.
 */
export function resolveParameters(model: ModelBounds, ...layers: ParameterOverrides[]): Parameters {
  const resolved: Parameters = {
    temperature: model.temperature,
    topP: model.topP,
    maxTokens: model.maxOutputTokens,
    reasoningEffort: model.reasoningEffort,
  };
  for (const layer of layers) {
    if (layer.reasoningEffort != null && model.allowedReasoningEfforts.includes(layer.reasoningEffort)) {
      resolved.reasoningEffort = layer.reasoningEffort;
    }
  }
  if (!model.allowUserParameters) return resolved;
  for (const layer of layers) {
    const { temperature, topP, maxTokens } = layer;
    if (temperature != null && temperature >= model.minTemperature && temperature <= model.maxTemperature) {
      resolved.temperature = temperature;
    }
    if (topP != null && topP > 0 && topP <= 1) resolved.topP = topP;
    if (maxTokens != null && maxTokens >= 1 && maxTokens <= model.maxOutputTokens) resolved.maxTokens = maxTokens;
  }
  return resolved;
}

// Model administration: the fields an admin sets and the rules between them. Disabling a model takes it out of
// lib/access/models.ts's scope, which every chat path (send, regenerate, titles) reads.
import { z } from "zod";
import { idSchema } from "../access/ids";
import { isVisionModelName } from "../attachments/vision-models";
import type { SessionUser } from "../auth/session";
import { systemPromptSchema } from "../chat/system-prompt";
import { expectedVersionSchema } from "../db/edit-versions";
import {
  createModel,
  deleteModel,
  isSameValue,
  type ModelFields,
  type ModelSettings,
  updateModel,
} from "../db/model-admin";
import { getProviderConnection } from "../db/providers";
import { AppError, type FieldIssue } from "../errors";
import { ruleIssue } from "../http/issue-rules";
import { defaultRequestShape, outputLimitParameters, reasoningEfforts, systemPromptRoles } from "./compatibility";
import { defaultModelLimits } from "./model-limits";

// Each message names its field: the console shows it under the whole form.
const temperatureSchema = (field: string) =>
  z.number().min(0, `Use a ${field} from 0 to 2.`).max(2, `Use a ${field} from 0 to 2.`);

const editableFields = {
  label: z.string().trim().min(1, "Enter a label.").max(100, "Use at most 100 characters."),
  contextWindow: z
    .number()
    .int()
    .min(512, "Use a context window of at least 512 tokens.")
    .max(10_000_000, "Use a context window of at most 10,000,000 tokens."),
  maxOutputTokens: z
    .number()
    .int()
    .min(1, "Use from 1 to 1,000,000 output tokens.")
    .max(1_000_000, "Use from 1 to 1,000,000 output tokens."),
  temperature: temperatureSchema("temperature"),
  topP: z.number().gt(0, "Use a top_p above 0 and at most 1.").max(1, "Use a top_p above 0 and at most 1."),
  systemPrompt: systemPromptSchema,
  allowUserParameters: z.boolean(),
  minTemperature: temperatureSchema("lowest temperature"),
  maxTemperature: temperatureSchema("highest temperature"),
  enabled: z.boolean(),
  isDefault: z.boolean(),
  visibleToEveryone: z.boolean(),
  outputLimitParameter: z.enum(outputLimitParameters),
  sendsSamplingParameters: z.boolean(),
  reasoningEffort: z.enum(reasoningEfforts).nullable(),
  allowedReasoningEfforts: z.array(z.enum(reasoningEfforts)).max(reasoningEfforts.length),
  sendsUsageRequest: z.boolean(),
  systemPromptRole: z.enum(systemPromptRoles),
  readsImages: z.boolean(),
  // Only read when the model is not visible to everyone.
  teamIds: z.array(idSchema).max(500, "Choose at most 500 teams."),
};

export const newModelSchema = z.strictObject({
  providerId: idSchema,
  upstreamName: z.string().trim().min(1, "Enter the model's name at the provider.").max(200),
  label: editableFields.label.optional(),
  // Unset: from the name (lib/models/model-limits.ts).
  contextWindow: editableFields.contextWindow.optional(),
  maxOutputTokens: editableFields.maxOutputTokens.optional(),
  temperature: editableFields.temperature.default(0.7),
  topP: editableFields.topP.default(1),
  systemPrompt: editableFields.systemPrompt.default(null),
  allowUserParameters: editableFields.allowUserParameters.default(false),
  minTemperature: editableFields.minTemperature.default(0),
  maxTemperature: editableFields.maxTemperature.default(2),
  enabled: editableFields.enabled.default(true),
  isDefault: editableFields.isDefault.default(false),
  visibleToEveryone: editableFields.visibleToEveryone.default(true),
  teamIds: editableFields.teamIds.default([]),
  // Unset: picked from the provider and the name (lib/models/compatibility.ts).
  outputLimitParameter: editableFields.outputLimitParameter.optional(),
  sendsSamplingParameters: editableFields.sendsSamplingParameters.optional(),
  reasoningEffort: editableFields.reasoningEffort.optional(),
  allowedReasoningEfforts: editableFields.allowedReasoningEfforts.optional(),
  sendsUsageRequest: editableFields.sendsUsageRequest.optional(),
  systemPromptRole: editableFields.systemPromptRole.optional(),
  // Unset: from the name (lib/attachments/vision-models.ts).
  readsImages: editableFields.readsImages.optional(),
});

const requestShapeFields = [
  "outputLimitParameter",
  "sendsSamplingParameters",
  "reasoningEffort",
  "allowedReasoningEfforts",
  "sendsUsageRequest",
  "systemPromptRole",
] as const;

export const modelChangesSchema = z.strictObject({
  ...z.strictObject(editableFields).partial().shape,
  expectedVersion: expectedVersionSchema,
});

/**
 * The rules between fields, checked on the model as it will be after the change; `wasDefault`: the model is the
 * default already (a new one is not).
 */
function assertConsistent(fields: ModelFields, wasDefault: boolean): void {
  const issues: FieldIssue[] = [];
  if (fields.minTemperature > fields.maxTemperature) {
    issues.push({ path: ["minTemperature"], message: "The lowest temperature cannot be above the highest." });
  }
  if (fields.temperature < fields.minTemperature || fields.temperature > fields.maxTemperature) {
    issues.push({ path: ["temperature"], message: "Keep the default temperature within the bounds." });
  }
  if (fields.maxOutputTokens >= fields.contextWindow) {
    issues.push({
      path: ["maxOutputTokens"],
      message: "Leave room for the conversation: use less than the context window.",
    });
  }
  // Said as what the admin did: disabled the default, or made a disabled model the default.
  if (fields.isDefault && !fields.enabled) {
    issues.push(
      wasDefault ? ruleIssue(["enabled"], "default_stays_enabled") : ruleIssue(["isDefault"], "enable_before_default"),
    );
  }
  if (fields.isDefault && !fields.visibleToEveryone) {
    issues.push({
      path: ["visibleToEveryone"],
      message: "The default model must be visible to everyone. Make another model the default first.",
    });
  }
  if (issues.length > 0)
    throw new AppError("invalid_input", issues[0]?.message ?? "Some fields are invalid.", { issues });
}

/** A model visible to everyone keeps no team list, so that a later "only these teams" starts from none. */
function withTeamsWhenListed(fields: ModelFields): ModelFields {
  return fields.visibleToEveryone ? { ...fields, teamIds: [] } : fields;
}

export async function addModel(admin: SessionUser, input: z.infer<typeof newModelSchema>) {
  const { providerId, label, ...fields } = input;
  const provider = await getProviderConnection(providerId);
  if (!provider) throw new AppError("not_found", "Provider not found.");
  const shape = defaultRequestShape(provider, input.upstreamName);
  const limits = defaultModelLimits(input.upstreamName);
  const settings = withTeamsWhenListed({
    ...fields,
    contextWindow: fields.contextWindow ?? limits.contextWindow,
    maxOutputTokens: fields.maxOutputTokens ?? limits.maxOutputTokens,
    outputLimitParameter: fields.outputLimitParameter ?? shape.outputLimitParameter,
    sendsSamplingParameters: fields.sendsSamplingParameters ?? shape.sendsSamplingParameters,
    reasoningEffort: fields.reasoningEffort ?? shape.reasoningEffort,
    allowedReasoningEfforts: fields.allowedReasoningEfforts ?? shape.allowedReasoningEfforts,
    sendsUsageRequest: fields.sendsUsageRequest ?? shape.sendsUsageRequest,
    systemPromptRole: fields.systemPromptRole ?? shape.systemPromptRole,
    readsImages: fields.readsImages ?? isVisionModelName(input.upstreamName),
    label: label ?? input.upstreamName,
    autoAdjustment: null,
    autoAdjustedAt: null,
  });
  assertConsistent(settings, false);
  return createModel(admin, providerId, settings);
}

export function changeModel(
  admin: SessionUser,
  id: string,
  { expectedVersion, ...changes }: z.infer<typeof modelChangesSchema>,
) {
  const merge = (before: ModelSettings): ModelFields => {
    // There is always exactly one default: it changes by making another model the default.
    if (before.isDefault && changes.isDefault === false) {
      throw new AppError("default_model", "Make another model the default instead.");
    }
    const { id: _id, providerId: _providerId, version: _version, ...current } = before;
    // An admin's choice of shape replaces Parley's last automatic one, which the card then stops showing. The form
    // sends every field: only a value that differs is a choice.
    const isShapeChanged = requestShapeFields.some(
      (field) => changes[field] !== undefined && !isSameValue(before[field], changes[field]),
    );
    if (isShapeChanged) Object.assign(current, { autoAdjustment: null, autoAdjustedAt: null });
    const merged = withTeamsWhenListed({ ...current, ...changes });
    assertConsistent(merged, before.isDefault);
    return merged;
  };
  return updateModel(admin, id, merge, expectedVersion);
}

export function removeModel(admin: SessionUser, id: string) {
  return deleteModel(admin, id, (before) => {
    if (before.isDefault)
      throw new AppError("default_model", "Make another model the default before deleting this one.");
  });
}

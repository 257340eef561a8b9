// Models as users and the completion service read them: the ones a caller may pick, and what a turn needs of one.
// Keys and base URLs never leave lib/ (admin changes: model-admin.ts, providers.ts).
import type { ReasoningEffort, RequestShape } from "../models/compatibility";
import { db, type Prisma } from "./client";
import { compareNames } from "./name-order";

export type UsableModel = {
  id: string;
  label: string;
  isDefault: boolean;
  /** The composer refuses an image before sending it to a model that cannot read it. */
  readsImages: boolean;
  parameters: {
    canChange: boolean;
    temperature: { default: number; min: number; max: number };
    topP: number;
    maxOutputTokens: number;
    /** False for models that take no temperature or top_p (OpenAI's reasoning models): "fixed by this model". */
    takesTemperature: boolean;
    /** The admin's default (null: the model's own) and the values a conversation may choose instead. */
    reasoningEffort: { default: ReasoningEffort | null; choices: ReasoningEffort[] };
  };
};

/** The order of model lists: the default model first, then by label. */
export function defaultThenByLabel(a: { isDefault: boolean; label: string }, b: { isDefault: boolean; label: string }) {
  return Number(b.isDefault) - Number(a.isDefault) || compareNames(a.label, b.label);
}

/** The models in `scope` (lib/access/models.ts), with their parameter bounds. */
export async function listUsableModels(scope: Prisma.ModelWhereInput): Promise<UsableModel[]> {
  const models = await db().model.findMany({
    where: scope,
    select: {
      id: true,
      label: true,
      isDefault: true,
      readsImages: true,
      temperature: true,
      topP: true,
      maxOutputTokens: true,
      allowUserParameters: true,
      minTemperature: true,
      maxTemperature: true,
      sendsSamplingParameters: true,
      reasoningEffort: true,
      allowedReasoningEfforts: true,
    },
    orderBy: { id: "asc" },
  });
  return models.sort(defaultThenByLabel).map((model) => ({
    id: model.id,
    label: model.label,
    isDefault: model.isDefault,
    readsImages: model.readsImages,
    parameters: {
      canChange: model.allowUserParameters,
      temperature: { default: model.temperature, min: model.minTemperature, max: model.maxTemperature },
      topP: model.topP,
      maxOutputTokens: model.maxOutputTokens,
      takesTemperature: model.sendsSamplingParameters,
      reasoningEffort: { default: model.reasoningEffort, choices: model.allowedReasoningEfforts },
    },
  }));
}

export async function getDefaultModelId(scope: Prisma.ModelWhereInput): Promise<string | null> {
  const model = await db().model.findFirst({
    where: scope,
    select: { id: true },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
  });
  return model?.id ?? null;
}

export async function isModelInScope(scope: Prisma.ModelWhereInput, id: string): Promise<boolean> {
  return (await db().model.count({ where: { AND: [scope, { id }] } })) > 0;
}

/** What a provider client needs to reach a provider. Includes the encrypted key: it never leaves lib/. */
export const providerConnectionFields = {
  id: true,
  kind: true,
  baseUrl: true,
  apiKeyEncrypted: true,
  apiVersion: true,
} as const;

/** A model's identity and parameters: what the completion service runs and the admin console edits. */
export const modelParameterFields = {
  id: true,
  upstreamName: true,
  label: true,
  version: true,
  contextWindow: true,
  maxOutputTokens: true,
  temperature: true,
  topP: true,
  systemPrompt: true,
  allowUserParameters: true,
  minTemperature: true,
  maxTemperature: true,
  outputLimitParameter: true,
  sendsSamplingParameters: true,
  reasoningEffort: true,
  allowedReasoningEfforts: true,
  sendsUsageRequest: true,
  systemPromptRole: true,
  readsImages: true,
} as const satisfies Prisma.ModelSelect;

const completionFields = { ...modelParameterFields, provider: { select: providerConnectionFields } } as const;

/** Everything the completion service needs to call a model; includes the encrypted key. */
export async function getModelForCompletion(scope: Prisma.ModelWhereInput, id: string) {
  return db().model.findFirst({ where: { AND: [scope, { id }] }, select: completionFields });
}

export async function getModelByUpstreamName(scope: Prisma.ModelWhereInput, upstreamName: string) {
  return db().model.findFirst({
    where: { AND: [scope, { upstreamName }] },
    select: completionFields,
    orderBy: { createdAt: "asc" },
  });
}

export type CompletionModel = NonNullable<Awaited<ReturnType<typeof getModelForCompletion>>>;

export async function countProviders(where: Prisma.ProviderWhereInput = {}): Promise<number> {
  return db().provider.count({ where });
}

/** Once a real provider exists, the offline demo model steps aside (an admin may enable it again). */
export async function retireDemoModels(): Promise<void> {
  await db().model.updateMany({ where: { provider: { kind: "DEMO" } }, data: { enabled: false, isDefault: false } });
}

export type NewProvider = {
  name: string;
  kind: "OPENAI_COMPATIBLE" | "DEMO";
  baseUrl: string;
  apiKeyEncrypted: string | null;
  apiKeyHint: string | null;
  models: ({
    upstreamName: string;
    label: string;
    isDefault: boolean;
    contextWindow?: number;
  } & Partial<RequestShape>)[];
};

export async function createProviderWithModels(provider: NewProvider): Promise<void> {
  const { models, ...fields } = provider;
  await db().provider.create({ data: { ...fields, models: { create: models } } });
}

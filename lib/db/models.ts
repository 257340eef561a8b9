// Providers and models as admins configure them. Keys and base URLs never leave lib/.
import { db, type Prisma } from "./client";

export type UsableModel = { id: string; label: string; isDefault: boolean };

/** Models any signed-in user may chat with (team visibility arrives with teams). */
export async function listUsableModels(): Promise<UsableModel[]> {
  return db().model.findMany({
    where: { enabled: true },
    select: { id: true, label: true, isDefault: true },
    orderBy: [{ isDefault: "desc" }, { label: "asc" }],
  });
}

export async function getDefaultModelId(): Promise<string | null> {
  const model = await db().model.findFirst({
    where: { enabled: true },
    select: { id: true },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
  });
  return model?.id ?? null;
}

export async function isModelUsable(id: string): Promise<boolean> {
  return (await db().model.count({ where: { id, enabled: true } })) > 0;
}

/** Everything the completion service needs to call a model; includes the encrypted key. */
export async function getModelForCompletion(id: string) {
  return db().model.findFirst({
    where: { id, enabled: true },
    select: {
      id: true,
      upstreamName: true,
      label: true,
      version: true,
      contextWindow: true,
      maxOutputTokens: true,
      temperature: true,
      topP: true,
      systemPrompt: true,
      provider: { select: { id: true, kind: true, baseUrl: true, apiKeyEncrypted: true } },
    },
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
  models: { upstreamName: string; label: string; isDefault: boolean; contextWindow?: number }[];
};

export async function createProviderWithModels(provider: NewProvider): Promise<void> {
  const { models, ...fields } = provider;
  await db().provider.create({ data: { ...fields, models: { create: models } } });
}

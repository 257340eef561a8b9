// The models an API caller may use: exactly the chat's (lib/access/models.ts), named by a stable id: the upstream
// name, or the model's own id where two usable models share an upstream name (the older keeps the name). A completion
// finds the model it names by the same ids in its one statement (lib/db/api-call-context.ts).
import { usableModelsWhere } from "../access/models";
import { listModelNames } from "../db/api-models";

type ListedModel = { id: string; upstreamName: string; createdAt: Date };

export function apiModelIds(models: ListedModel[]): Map<string, string> {
  const byName = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const model of [...models].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const isFirst = !byName.has(model.upstreamName);
    if (isFirst) byName.set(model.upstreamName, model.id);
    ids.set(model.id, isFirst ? model.upstreamName : model.id);
  }
  return ids;
}

/** GET /v1/models in OpenAI's list shape. */
export async function listApiModels(userId: string) {
  const models = await listModelNames(usableModelsWhere(userId));
  const ids = apiModelIds(models);
  return {
    object: "list",
    data: models.map((model) => ({
      id: ids.get(model.id) ?? model.id,
      object: "model",
      created: Math.floor(model.createdAt.getTime() / 1000),
      owned_by: "parley",
    })),
  };
}

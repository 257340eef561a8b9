// The models an API caller may use: exactly the chat's (lib/access/models.ts), named by a stable id: the upstream
// name, or the model's own id where two usable models share an upstream name (the older keeps the name). A completion
// finds the model it names by the same ids in its one statement (lib/db/api-call-context.ts).
import { usableModelsWhere } from "../access/models";
import { listModelNames } from "../db/api-models";
import { AppError } from "../errors";

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

/** GET /v1/models/{model}: one model of that list, by its id; any other is told apart from none, as a completion is. */
export async function getApiModel(userId: string, id: string) {
  const model = (await listApiModels(userId)).data.find((listed) => listed.id === id);
  if (!model) throw modelNotFoundError(id);
  return model;
}

export function modelNotFoundError(name: string): AppError {
  return new AppError("not_found", `The model '${name}' does not exist or you do not have access to it.`);
}

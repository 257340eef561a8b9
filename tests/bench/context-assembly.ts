// The app's context assembly as lib/chat exposes it today: prepareRequest reads the window's candidates from the
// database and assembles the messages and manifest. Kept in this one file so that a rename in lib/chat is a one-file
// change here. It runs in the bench process with DATABASE_URL pointing at the bench database.
import { enabledModelsWhere } from "../../lib/access/models";
import { prepareRequest } from "../../lib/chat/prepare-request";
import { db } from "../../lib/db/client";
import { getModelForCompletion } from "../../lib/db/models";

export const ASSEMBLY_FUNCTION = "prepareRequest (lib/chat/prepare-request.ts)";

export type AssembleContext = (leafId: string) => Promise<number>;

/** Returns a function that assembles the window for a turn answering `leafId` and gives the messages it sends. */
export async function loadAssembler(modelId: string): Promise<AssembleContext> {
  const model = await getModelForCompletion(enabledModelsWhere(), modelId);
  if (!model) throw new Error(`model ${modelId} is not usable`);
  const parameters = {
    temperature: model.temperature,
    topP: model.topP,
    maxTokens: model.maxOutputTokens,
    reasoningEffort: null,
  };
  return async (leafId) => {
    const prepared = await prepareRequest({
      model,
      parameters,
      conversationSystemPrompt: null,
      userMessageId: leafId,
      customInstructions: null,
    });
    return prepared.messages.length;
  };
}

export async function closeAssemblyDatabase(): Promise<void> {
  await db().$disconnect();
}

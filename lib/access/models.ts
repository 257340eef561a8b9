// Which models a user may chat with: enabled ones visible to everyone. (Team-only models join this clause when
// teams arrive.) A model outside it is answered as not found.
import type { Prisma } from "../db/client";

export function usableModelsWhere(): Prisma.ModelWhereInput {
  return { enabled: true, visibleToEveryone: true };
}

/** The same rule for a model already loaded through a relation (a conversation's model). */
export function isModelUsable(model: { enabled: boolean; visibleToEveryone: boolean }): boolean {
  return model.enabled && model.visibleToEveryone;
}

// Which models a user may chat with: enabled ones visible to everyone. (Team-only models join this clause when
// teams arrive.) A model outside it is answered as not found.
import type { Prisma } from "../db/client";

export function usableModelsWhere(): Prisma.ModelWhereInput {
  return { enabled: true, visibleToEveryone: true };
}

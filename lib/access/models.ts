// Which models a user may chat with: enabled ones visible to everyone. (Team-only models join this clause when
// teams arrive.) A model outside it is answered as not found.
import { Prisma } from "../db/client";

export function usableModelsWhere(): Prisma.ModelWhereInput {
  return { enabled: true, visibleToEveryone: true };
}

/** The same rule as SQL over a model aliased `m`, for the raw queries on the path to the first token. */
export function usableModelsSql(): Prisma.Sql {
  return Prisma.sql`m.enabled AND m."visibleToEveryone"`;
}

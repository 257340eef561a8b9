import { Prisma } from "./client";

/** A write refused by a unique index or constraint (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A write naming a row that does not exist (Prisma's P2003), such as a team deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}

/**
 * Whether a unique violation is about `column`. Prisma names the columns in meta.target; through a driver adapter
 * they appear in the message and in meta.driverAdapterError instead.
 */
export function isViolationOf(error: unknown, column: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return `${error.message} ${JSON.stringify(error.meta ?? null)}`.includes(column);
}

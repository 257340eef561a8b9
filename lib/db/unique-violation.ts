import { Prisma } from "./client";

/** A write refused by a unique index or constraint (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A write naming a row that does not exist (Prisma's P2003), such as a team deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}

type Constraint = { fields: string[]; index: string | null };

// PostgreSQL quotes the columns it names ("providerId"); the schema's names are unquoted.
const unquoted = (name: string) => name.replace(/^"(.*)"$/, "$1");

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * The columns or the index a unique violation names, from the error's structured data: `meta.target` (Prisma's own
 * engine), else the driver adapter's `meta.driverAdapterError.cause.constraint` (`fields`, or an `index` name).
 * Never from the message: in development Prisma quotes the source lines around the failing call in it, which may
 * name any column.
 */
export function violatedConstraint(error: unknown): Constraint | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const meta = asRecord(error.meta);
  const target = meta?.target;
  if (Array.isArray(target)) return { fields: target.map(String).map(unquoted), index: null };
  if (typeof target === "string") return { fields: [], index: target };
  const constraint = asRecord(asRecord(asRecord(meta?.driverAdapterError)?.cause)?.constraint);
  if (!constraint) return null;
  const fields = Array.isArray(constraint.fields) ? constraint.fields.map(String).map(unquoted) : [];
  return { fields, index: typeof constraint.index === "string" ? constraint.index : null };
}

/** Whether a unique violation is about `name`: one of the columns of the violated index, or the index's own name. */
export function isViolationOf(error: unknown, name: string): boolean {
  if (!isUniqueViolation(error)) return false;
  const constraint = violatedConstraint(error);
  return constraint !== null && (constraint.fields.includes(name) || constraint.index === name);
}

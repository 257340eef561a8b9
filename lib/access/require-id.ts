// An access rule given a missing id must fail, never widen: Prisma drops a condition whose value is undefined, so
// `{ ownerId: undefined }` matches every owner's rows. Every helper of lib/access checks its ids through this.
export function requireId(id: string, name = "user id"): string {
  if (typeof id !== "string" || id.length === 0) throw new Error(`An access rule was given no ${name}`);
  return id;
}

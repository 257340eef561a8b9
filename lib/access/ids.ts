// Row ids as the outside names them (a route's [id], an id in a body): cuids. Anything else cannot name a row, so it
// is answered as not found rather than invalid, the same answer as an id that names nothing the caller may reach.
import { z } from "zod";
import { AppError } from "../errors";

export const idSchema = z.string().regex(/^[a-z0-9]{20,32}$/);

export function parseId(value: string): string {
  if (!idSchema.safeParse(value).success) throw new AppError("not_found", "Not found.");
  return value;
}

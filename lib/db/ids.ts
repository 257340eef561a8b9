// Row ids made here rather than by the database, so that related rows (a user message and its reply) can be
// written in one statement. Same shape as Prisma's cuid(): lowercase letters and digits, 25 characters.
import { randomBytes } from "node:crypto";

export function createId(): string {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(15, "0")
    .slice(-15);
  return `c${time}${random}`;
}

// Row ids made here rather than by the database, so that related rows (a user message and its reply) can be
// written in one statement. Same shape as Prisma's cuid(): lowercase letters and digits, 25 characters.
import { randomFillSync } from "node:crypto";

const RANDOM_BYTES = 10;
// Random bytes are drawn in blocks: a call to the system's generator per id (two ids a turn) cost more CPU than
// the rest of making the id.
const POOL_BYTES = RANDOM_BYTES * 256;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

function nextRandomHex(): string {
  if (offset + RANDOM_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString("hex", offset, offset + RANDOM_BYTES);
  offset += RANDOM_BYTES;
  return hex;
}

export function createId(): string {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = BigInt(`0x${nextRandomHex()}`).toString(36).padStart(15, "0").slice(-15);
  return `c${time}${random}`;
}

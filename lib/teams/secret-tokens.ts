// The secret in a link (an invitation): 256 random bits, shown once; the database keeps only its SHA-256, so a
// leaked database holds no usable link. A plain hash suffices: the token is random, not a guessable password.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors";

export function createSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** A string that cannot be one of our tokens names nothing: answered as not found, like an unknown token. */
export function parseToken(value: string): string {
  if (!tokenSchema.safeParse(value).success) throw new AppError("not_found", "Not found.");
  return value;
}

// The secret in a link (an invitation, a share link): 256 random bits, shown once; the database keeps only its SHA-256, so a
// leaked database holds no usable link. A plain hash suffices: the token is random, not a guessable password.
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors";

export function createSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isTokenShaped(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** A string that cannot be one of our tokens names nothing: answered as not found, like an unknown token. */
export function parseToken(value: string): string {
  if (!isTokenShaped(value)) throw new AppError("not_found", "Not found.");
  return value;
}

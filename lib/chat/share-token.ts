// Share-link tokens: 256 random bits, shown to the owner once. Only their SHA-256 is stored, so a copy of the
// database holds no usable link, and a link is found by the hash of what the visitor brings (no comparison of
// secrets in application code).
import { createHash, randomBytes } from "node:crypto";

/** What a token looks like (32 bytes as base64url); anything else cannot be one and is answered as not found. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isShareTokenShaped(token: string): boolean {
  return SHARE_TOKEN_PATTERN.test(token);
}

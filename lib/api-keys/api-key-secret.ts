// The secret of a personal API key: "sk-parley-" and 43 random characters (256 bits), shown once. The database
// keeps its SHA-256 (a plain hash suffices for a random secret) and its first characters, to tell keys apart.
import { createSecretToken, hashToken } from "../auth/secret-tokens";

export const API_KEY_PREFIX = "sk-parley-";
const VISIBLE_CHARACTERS = API_KEY_PREFIX.length + 4;
const SECRET_PATTERN = /^sk-parley-[A-Za-z0-9_-]{43}$/;

export function createApiKeySecret(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${API_KEY_PREFIX}${createSecretToken()}`;
  return { secret, prefix: secret.slice(0, VISIBLE_CHARACTERS), secretHash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return hashToken(secret);
}

export function isApiKeyShaped(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

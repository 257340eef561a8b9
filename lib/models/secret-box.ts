// Provider API keys at rest: AES-256-GCM with a random 96-bit nonce, stored as "v1:<nonce>:<tag>:<ciphertext>".
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { requireEnv } from "../env";

function getKey(): Buffer {
  return Buffer.from(requireEnv("ENCRYPTION_KEY"), "hex");
}

export function encryptSecret(plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", getKey(), nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", nonce, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64")))
    .join(":");
}

export function decryptSecret(sealed: string): string {
  const [version, nonce, tag, ciphertext] = sealed.split(":");
  if (version !== "v1" || !nonce || !tag || ciphertext === undefined) throw new Error("Unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", getKey(), Buffer.from(nonce, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}

/** What admins see of a key: its last 4 characters, enough to tell keys apart; nothing of a short key. */
export function keyHint(plaintext: string): string | null {
  return plaintext.length >= 12 ? plaintext.slice(-4) : null;
}

/** False when `sealed` was encrypted under another ENCRYPTION_KEY (or is damaged): the key must be entered again. */
export function canDecryptSecret(sealed: string): boolean {
  try {
    decryptSecret(sealed);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the database keeps to recognise ENCRYPTION_KEY: an HMAC of a fixed text under the key, which tells the key
 * apart from any other without revealing anything of it.
 */
export function encryptionKeyCheckValue(): string {
  return `v1:${createHmac("sha256", getKey()).update("parley encryption key check").digest("base64")}`;
}

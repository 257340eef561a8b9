// Personal API keys for tests, made through lib/ like Settings makes them, and the official SDK pointed at Parley.
import OpenAI from "openai";
import { inject } from "vitest";
import { createApiKeySecret } from "../../lib/api-keys/api-key-secret";
import { insertApiKey } from "../../lib/db/api-keys";
import { makeAdmin } from "./factories";

export async function makeApiKey(userId: string, fields: { expiresAt?: Date | null; name?: string } = {}) {
  const { secret, prefix, secretHash } = createApiKeySecret();
  const key = await insertApiKey({
    userId,
    name: fields.name ?? "test key",
    prefix,
    secretHash,
    expiresAt: fields.expiresAt ?? null,
  });
  return { id: key.id, secret, prefix };
}

/** The SDK as a script would use it: only the base URL and the key changed. No retries: each status is seen as sent. */
export function parleyClient(apiKey: string, baseUrl = inject("baseUrl")): OpenAI {
  return new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey, maxRetries: 0 });
}

/** An admin (API access is on for admins by default) with a key. */
export async function makeApiUser() {
  const user = await makeAdmin();
  const key = await makeApiKey(user.id);
  return { user, key, client: parleyClient(key.secret) };
}

// The use cases of personal API keys: create (the secret answered once), list, revoke; and the admin's view.
import { z } from "zod";
import type { SessionUser } from "../auth/session";
import {
  type ApiKeyView,
  insertApiKey,
  listAllApiKeys,
  listApiKeysOfUser,
  revokeApiKeyAsAdmin,
  revokeOwnApiKey,
} from "../db/api-keys";
import { AppError } from "../errors";
import { getApiAccess, isApiAllowedFor } from "./api-access";
import { createApiKeySecret } from "./api-key-secret";

export const MAX_API_KEY_NAME_LENGTH = 80;
const MAX_KEYS_PER_USER = 50;

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Name the key.").max(MAX_API_KEY_NAME_LENGTH),
  /** Days until the key stops working; absent or null: it does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});

export type ApiKeyAnswer = Omit<ApiKeyView, "expiresAt" | "lastUsedAt" | "revokedAt" | "createdAt"> & {
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
};

function toAnswer(key: ApiKeyView): ApiKeyAnswer {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

async function assertApiAllowed(user: SessionUser): Promise<void> {
  if (!isApiAllowedFor(await getApiAccess(), user.role)) {
    throw new AppError("forbidden", "An admin has not turned on API access for your account.");
  }
}

/** What the Settings tab shows: whether the user may use the API, and their keys. */
export async function listOwnApiKeys(user: SessionUser) {
  const isAllowed = isApiAllowedFor(await getApiAccess(), user.role);
  return { isAllowed, keys: (await listApiKeysOfUser(user.id)).map(toAnswer) };
}

/** The secret is in this answer only: it is never stored nor shown again. */
export async function createOwnApiKey(user: SessionUser, input: z.infer<typeof createApiKeySchema>) {
  await assertApiAllowed(user);
  const existing = await listApiKeysOfUser(user.id);
  if (existing.filter((key) => !key.revokedAt).length >= MAX_KEYS_PER_USER) {
    throw new AppError("too_many_keys", `You can have at most ${MAX_KEYS_PER_USER} keys. Revoke one first.`);
  }
  const { secret, prefix, secretHash } = createApiKeySecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const key = await insertApiKey({ userId: user.id, name: input.name, prefix, secretHash, expiresAt });
  return { key: toAnswer(key), secret };
}

export async function revokeOwnKey(user: SessionUser, id: string): Promise<void> {
  if (!(await revokeOwnApiKey(user.id, id))) throw new AppError("not_found", "Not found.");
}

export async function listEveryApiKey() {
  const keys = await listAllApiKeys();
  return { keys: keys.map((key) => ({ ...toAnswer(key), user: key.user })) };
}

export async function revokeAnyKey(admin: SessionUser, id: string): Promise<void> {
  if (!(await revokeApiKeyAsAdmin(admin, id))) throw new AppError("not_found", "Not found.");
}

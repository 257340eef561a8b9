// Who calls the /v1 API: the owner of the bearer key, checked against the database on every request (a revoked
// or expired key, or a disabled or deleted account, is refused at once), and only while the admin lets them.
// A chat completion checks the same in its one statement (lib/v1/api-call.ts).
import { findUnusableKeyReason, findUsableApiKey, type UnusableKeyReason } from "../db/api-keys";
import { AppError } from "../errors";
import { getApiAccess, isApiAllowedFor } from "./api-access";
import { hashApiKeySecret, isApiKeyShaped } from "./api-key-secret";

export type ApiCaller = { userId: string; keyId: string; role: "ADMIN" | "USER" };

const INVALID_KEY = "Incorrect API key provided. Create one in Parley under Settings → API keys.";
// A request whose key is not where the SDKs put it (no header, another scheme, `Bearer` forgotten) is told so, rather
// than that a key it may have right is incorrect.
const MISSING_KEY =
  "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer sk-parley-…).";
// Said to whoever holds the key's secret, which only its owner (or someone they gave it to) has.
const REFUSED_KEY: Record<UnusableKeyReason, string> = {
  revoked: "This API key was revoked. Create a new one in Parley under Settings → API keys.",
  expired: "This API key has expired. Create a new one in Parley under Settings → API keys.",
  account_disabled: "The Parley account this API key belongs to is disabled. Ask your Parley admin.",
};

const invalidKeyError = () => new AppError("unauthorized", INVALID_KEY);

/** The 401 for a key the database refused, saying why when the key exists (revoked, expired, its account disabled). */
export async function refusedKeyError(secretHash: string): Promise<AppError> {
  const reason = await findUnusableKeyReason(secretHash);
  return reason ? new AppError("unauthorized", REFUSED_KEY[reason]) : invalidKeyError();
}
export const apiAccessOffError = () =>
  new AppError("forbidden", "An admin has not turned on API access for your account.");

/** The secret of an `Authorization: Bearer` header; 401 without reading the database when it is not a key's shape. */
export function readBearerSecret(header: string | null | undefined): string {
  const secret = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (secret === undefined) throw new AppError("unauthorized", MISSING_KEY);
  if (!isApiKeyShaped(secret)) throw invalidKeyError();
  return secret;
}

export async function authenticateApiKey(request: Request): Promise<ApiCaller> {
  return authenticateApiKeySecret(readBearerSecret(request.headers.get("authorization")));
}

/** The key's owner, refused when the key is unusable (401) or the admin's switch leaves them out (403). */
export async function authenticateApiKeySecret(secret: string): Promise<ApiCaller> {
  // Together, not one after the other: both are on the path to every call's first token.
  const secretHash = hashApiKeySecret(secret);
  const [owner, access] = await Promise.all([findUsableApiKey(secretHash), getApiAccess()]);
  if (!owner) throw await refusedKeyError(secretHash);
  if (!isApiAllowedFor(access, owner.role)) throw apiAccessOffError();
  return { userId: owner.userId, keyId: owner.keyId, role: owner.role };
}

// Who calls the /v1 API: the owner of the bearer key, checked against the database on every request (a revoked
// or expired key, or a disabled or deleted account, is refused at once), and only while the admin lets them.
import { findUsableApiKey } from "../db/api-keys";
import { AppError } from "../errors";
import { getApiAccess, isApiAllowedFor } from "./api-access";
import { hashApiKeySecret, isApiKeyShaped } from "./api-key-secret";

export type ApiCaller = { userId: string; keyId: string; role: "ADMIN" | "USER" };

const INVALID_KEY = "Incorrect API key provided. Create one in Parley under Settings → API keys.";

export async function authenticateApiKey(request: Request): Promise<ApiCaller> {
  const header = request.headers.get("authorization") ?? "";
  const secret = header.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
  if (!isApiKeyShaped(secret)) throw new AppError("unauthorized", INVALID_KEY);
  // Together, not one after the other: both are on the path to every call's first token.
  const [owner, access] = await Promise.all([findUsableApiKey(hashApiKeySecret(secret)), getApiAccess()]);
  if (!owner) throw new AppError("unauthorized", INVALID_KEY);
  if (!isApiAllowedFor(access, owner.role)) {
    throw new AppError("forbidden", "An admin has not turned on API access for your account.");
  }
  return { userId: owner.userId, keyId: owner.keyId, role: owner.role };
}

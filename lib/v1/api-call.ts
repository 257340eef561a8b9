// Who calls a /v1 chat completion and on what, from one statement (lib/db/api-call-context.ts), refused in the order
// a caller is told: the key (401), the admin's switch (403), the requests per minute (429). The model is checked by
// prepareApiCompletion, after the body: a refused body is told before an unknown model.

import { hashApiKeySecret } from "../api-keys/api-key-secret";
import { type ApiCaller, apiAccessOffError, refusedKeyError } from "../api-keys/authenticate-api-key";
import { getApiCallContext } from "../db/api-call-context";
import type { CompletionModel } from "../db/models";
import {
  API_RATE_WINDOW_SECONDS,
  checkRate,
  parseRequestsPerMinute,
  type RequestRate,
} from "../usage-limits/request-rate";
import type { UsageRules } from "../usage-limits/reserve-usage";

export type { ApiCaller };

/** `model`: the one the request names, null when the caller may not use it (or none was named). */
export type ApiCall = { caller: ApiCaller; model: CompletionModel | null; rules: UsageRules; rate: RequestRate };

/** `secret` as read by readBearerSecret (api-keys/authenticate-api-key.ts); `modelName` null when the body was refused (the call is still counted). */
export async function openApiCall(secret: string, modelName: string | null): Promise<ApiCall> {
  const secretHash = hashApiKeySecret(secret);
  const context = await getApiCallContext({
    secretHash,
    modelName,
    windowSeconds: API_RATE_WINDOW_SECONDS,
  });
  if (!context) throw await refusedKeyError(secretHash);
  if (!context.isAllowed) throw apiAccessOffError();
  const rate = checkRate(parseRequestsPerMinute(context.requestsPerMinute), context.counts);
  const { keyId, userId, role } = context;
  return {
    caller: { keyId, userId, role },
    model: context.model,
    rules: { limitRows: context.limitRows, prices: context.prices },
    rate,
  };
}

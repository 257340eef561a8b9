// Everything a /v1 chat completion checks before it calls the model, in ONE statement (docs/architecture.md,
// "Parley's API and usage limits"): the key (its hash, revoked, expired, its owner active; its last use stamped at most once a minute),
// the admin's API access switch, one more request on the key's and the user's per-minute counters (only for a key
// that may call), the model the request names among those its owner may use (by the chat's rule), with its provider,
// and what the usage reservation needs (the limits that may apply, the model's prices). Sent as a named prepared
// statement on the shared pool (direct-query.ts), built from the same fragments as the rules' other forms.
// It commits without waiting for its WAL flush (synchronous_commit off for its own transaction only): what it writes,
// request counts and the key's last use, may lose its last fraction of a second to a database crash, which is no
// harm, and the flush (0.4 ms p50, 1.5 ms p90 here) is off the path to the first token. The ledger is written apart.
import { apiCallerModelsSql } from "../access/models";
import { API_ACCESS_SETTING_KEY, apiAllowedSql } from "../api-keys/api-access";
import { API_RATE_SETTING_KEY, type RequestCount } from "../usage-limits/request-rate";
import { usableApiKeyCtes } from "./api-keys";
import { countAttemptsSql } from "./attempt-counters";
import { Prisma } from "./client";
import { completionModelJson } from "./completion-model-json";
import { queryPrepared } from "./direct-query";
import type { CompletionModel } from "./models";
import { type LimitRow, limitRowsJsonSql, pricesJsonSql } from "./usage-limits";

export type ApiCallContext = {
  keyId: string;
  userId: string;
  role: "ADMIN" | "USER";
  /** The admin's switch lets this caller use the API (lib/api-keys/api-access.ts). */
  isAllowed: boolean;
  /** The admin's stored requests per minute (null when unset). */
  requestsPerMinute: string | null;
  /** The key's and the user's counts this window, with this request; empty when the caller may not call. */
  counts: RequestCount[];
  /** The model named, when the owner may use it. */
  model: CompletionModel | null;
  limitRows: LimitRow[];
  prices: { inputPerMillion: number; outputPerMillion: number } | null;
};

const setting = (key: string) => Prisma.sql`(SELECT value FROM "Setting" WHERE key = ${key})`;

/** Null when the key may not be used (no such key, revoked, expired, its owner disabled or deleted). */
export async function getApiCallContext(input: {
  secretHash: string;
  /** The `model` of the request; null when the body was refused (the key is still checked and counted). */
  modelName: string | null;
  windowSeconds: number;
}): Promise<ApiCallContext | null> {
  const { modelName, windowSeconds } = input;
  const counted = countAttemptsSql(
    Prisma.sql`SELECT 'api:key:' || "keyId", 1, now() FROM allowed UNION ALL SELECT 'api:user:' || "userId", 1, now() FROM allowed`,
    windowSeconds,
  );
  // The id first (the stable id /v1/models gives a model whose upstream name another usable model has), then the
  // upstream name, the oldest first (lib/v1/api-models.ts).
  const model = Prisma.sql`SELECT m.* FROM "Model" m
     WHERE ${modelName}::text IS NOT NULL AND (m.id = ${modelName} OR m."upstreamName" = ${modelName})
       AND ${apiCallerModelsSql}
     ORDER BY m.id = ${modelName} DESC, m."createdAt" LIMIT 1`;
  const [row] = await queryPrepared<ApiCallContext>(Prisma.sql`
    WITH ${usableApiKeyCtes(input.secretHash)},
    allowed AS (
      SELECT "keyId", "userId" FROM usable WHERE ${apiAllowedSql(setting(API_ACCESS_SETTING_KEY), Prisma.sql`role`)}
    ),
    counted AS (${counted})
    SELECT k."keyId", k."userId", k.role, EXISTS (SELECT 1 FROM allowed) AS "isAllowed",
           set_config('synchronous_commit', 'off', true) AS "commitsAsync",
           ${setting(API_RATE_SETTING_KEY)} AS "requestsPerMinute",
           (SELECT coalesce(json_agg(json_build_object('count', c.count, 'secondsLeft',
              extract(epoch FROM c."windowStart" - now()::timestamp) + ${windowSeconds}::int)), '[]')
              FROM counted c) AS counts,
           ${completionModelJson} AS model,
           ${limitRowsJsonSql(Prisma.sql`'default', 'user:' || k."userId"`)} AS "limitRows",
           ${pricesJsonSql(Prisma.sql`m.id`)} AS prices
      FROM usable k
      LEFT JOIN LATERAL (${model}) m ON true
      LEFT JOIN "Provider" p ON p.id = m."providerId"`);
  return row ?? null;
}

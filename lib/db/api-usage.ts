// The usage ledger's rows of /v1 API calls: like a chat reply's (turns.ts), without a message (API calls are not
// stored as conversations), with the key that made the call. A named prepared statement (direct-query.ts): it ends
// every call.
import { Prisma } from "./client";
import { queryPrepared } from "./direct-query";
import { createId } from "./ids";
import type { SettledLedgerEntry } from "./turns";

export async function insertApiUsage(
  entry: SettledLedgerEntry & { apiKeyId: string; modelId: string; modelVersion: number },
): Promise<void> {
  await queryPrepared(Prisma.sql`
    INSERT INTO "ReplyUsage" (id, "userId", "apiKeyId", "modelId", "modelVersion", "promptTokens", "completionTokens",
                              "reasoningTokens", "cachedTokens", "isEstimated", "timeToFirstTokenMs", "timeToAnswerMs",
                              "durationMs", "tokensPerSecond", "reservationId", "createdAt")
    VALUES (${createId()}, ${entry.userId}, ${entry.apiKeyId}, ${entry.modelId}, ${entry.modelVersion}::int,
            ${entry.promptTokens}::int, ${entry.completionTokens}::int, ${entry.reasoningTokens}::int,
            ${entry.cachedTokens}::int, ${entry.isEstimated}, ${entry.timeToFirstTokenMs}::int,
            ${entry.timeToAnswerMs}::int, ${entry.durationMs}::int, ${entry.tokensPerSecond}::double precision,
            ${entry.reservationId}, now() AT TIME ZONE 'UTC')`);
}

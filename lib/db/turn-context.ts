// Everything a chat turn checks before it writes, read in ONE statement (docs/architecture.md, "A chat turn"): the
// requester's row (the session check: revoked, disabled; and their custom instructions), the conversation through
// the writer's access rule, its model through the model rule, and what the usage reservation needs (the thread's
// tokens so far, the limits that may apply, the model's prices). It also reads ahead the thread the new message
// continues, as far as the model's context window could reach, for the reply's context window (prepare-request.ts).
import type { SessionState } from "../auth/claims";
import type { ReasoningEffort } from "../models/compatibility";
import { Prisma } from "./client";
import { queryPrepared } from "./direct-query";
import { type WindowCandidate, windowCandidatesSql } from "./messages";
import { type CompletionModel, modelParameterFields, providerConnectionFields } from "./models";
import type { LimitRow } from "./usage-limits";
import { sessionStateColumns } from "./users";

export type TurnContext = {
  id: string;
  currentLeafId: string | null;
  systemPrompt: string | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  reasoningEffort: ReasoningEffort | null;
  model: CompletionModel | null;
  teamId: string | null;
  customInstructions: string | null;
  /** The cached thread total of the message the turn continues (0 for none): the reservation's worst case. */
  anchorThreadTokens: number;
  /** The "default", "user:<id>" and (team conversation) "team:<id>" limits that exist. */
  limitRows: LimitRow[];
  prices: { inputPerMillion: number; outputPerMillion: number } | null;
  /** The thread ending at the anchor, oldest first, read while within the model's context window. */
  thread: WindowCandidate[];
  /** A message of this conversation already carries the turn's clientMessageId: the turn repeats it. */
  isRepeat: boolean;
  /** The message the turn continues is a reply still being written (lib/db/turns.ts, replyInProgressError). */
  isAnchorStreaming: boolean;
};

// The fields of getModelForCompletion, built by PostgreSQL: one list of fields for both (constant names, never input).
const jsonFields = (alias: string, fields: object) =>
  Prisma.raw(
    Object.keys(fields)
      .map((field) => `'${field}', ${alias}."${field}"`)
      .join(", "),
  );
const modelJsonFields = jsonFields("m", modelParameterFields);
const providerJsonFields = jsonFields("p", providerConnectionFields);

/**
 * `session`: the requester's row, null when there is none. `conversation`: null when the conversation scope excludes
 * it; its `model` is null when the model scope excludes it. `anchor`: the message a new turn continues (its
 * parentId, else the current leaf), or the reply regenerated.
 */
export async function getTurnContext(input: {
  userId: string;
  conversationScope: Prisma.Sql;
  modelScope: Prisma.Sql;
  conversationId: string;
  anchor: { parentId: string | null } | { replyId: string };
  /** What each message of a context window costs beyond its tokens (lib/chat/context-window.ts). */
  framingTokens: number;
  clientMessageId?: string;
}): Promise<{ session: SessionState | null; conversation: TurnContext | null }> {
  // Always a message of this conversation (c): the thread read ahead never starts in another one.
  const anchorId =
    "replyId" in input.anchor
      ? Prisma.sql`(SELECT "parentId" FROM "Message" WHERE id = ${input.anchor.replyId} AND "conversationId" = c.id)`
      : input.anchor.parentId === null
        ? Prisma.sql`c."currentLeafId"`
        : Prisma.sql`(SELECT id FROM "Message" WHERE id = ${input.anchor.parentId} AND "conversationId" = c.id)`;
  const thread = windowCandidatesSql(anchorId, Prisma.sql`m."contextWindow"`, input.framingTokens);
  type Row = Omit<TurnContext, "anchorThreadTokens"> & { anchorThreadTokens: number | null; session: SessionState };
  const [row] = await queryPrepared<Row>(Prisma.sql`
    SELECT (SELECT to_json(s) FROM (SELECT ${sessionStateColumns}) s) AS session,
           u."customInstructions", t.*
      FROM "User" u LEFT JOIN LATERAL (
        SELECT c.id, c."currentLeafId", c."systemPrompt", c.temperature, c."topP", c."maxTokens",
               c."reasoningEffort"::text AS "reasoningEffort", c."teamId",
               CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(${modelJsonFields},
                 'provider', json_build_object(${providerJsonFields})) END AS model,
               (SELECT a."threadTokens" FROM "Message" a
                 WHERE a.id = ${anchorId} AND a."conversationId" = c.id) AS "anchorThreadTokens",
               (SELECT coalesce(json_agg(json_build_object('subject', l.subject, 'tokensPerDay', l."tokensPerDay",
                         'tokensPerMonth', l."tokensPerMonth", 'costPerMonthMicros', l."costPerMonthMicros")), '[]')
                  FROM "UsageLimit" l
                 WHERE l.subject IN ('default', 'user:' || ${input.userId}, 'team:' || c."teamId")) AS "limitRows",
               (SELECT json_build_object('inputPerMillion', pr."inputPerMillion",
                         'outputPerMillion', pr."outputPerMillion")
                  FROM "ModelPrice" pr WHERE pr."modelId" = m.id) AS prices,
               (SELECT coalesce(json_agg(w ORDER BY w.depth), '[]') FROM (${thread}) w) AS thread,
               EXISTS (SELECT 1 FROM "Message" r WHERE r."conversationId" = c.id
                          AND r."clientMessageId" = ${input.clientMessageId ?? null}) AS "isRepeat",
               EXISTS (SELECT 1 FROM "Message" a WHERE a.id = ${anchorId} AND a."conversationId" = c.id
                          AND a.status = 'STREAMING') AS "isAnchorStreaming"
          FROM "Conversation" c
          LEFT JOIN "Model" m ON m.id = c."modelId" AND ${input.modelScope}
          LEFT JOIN "Provider" p ON p.id = m."providerId"
         WHERE c.id = ${input.conversationId} AND ${input.conversationScope}
      ) t ON true
     WHERE u.id = ${input.userId}`);
  if (!row) return { session: null, conversation: null };
  const { session, ...conversation } = row;
  // The lateral row is all nulls when the conversation scope excludes the conversation.
  if (conversation.id === null) return { session, conversation: null };
  return { session, conversation: { ...conversation, anchorThreadTokens: conversation.anchorThreadTokens ?? 0 } };
}

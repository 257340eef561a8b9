// A turn is written by one statement whose lock on the conversation may wait for another turn. The rows that turn
// added are not in the statement's snapshot, taken before the wait: the new turn must still continue the leaf that
// turn left, not take it for a missing message (lib/db/turns.ts, startTurn).
import { expect, it } from "vitest";
import { writableConversationsSql } from "@/lib/access/conversations";
import { db, pool } from "@/lib/db/client";
import { startTurn, type TurnInput } from "@/lib/db/turns";
import { makeModel, makeUser } from "../support/factories";

async function countLockWaits(): Promise<number> {
  const { rows } = await pool().query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]?.count ?? 0;
}

it("continues the leaf that a turn holding the lock committed while this one waited", async () => {
  const user = await makeUser();
  const model = await makeModel("http://127.0.0.1:9");
  const { id: conversationId } = await db().conversation.create({
    data: { ownerId: user.id, title: "New chat" },
    select: { id: true },
  });
  const turn = (content: string): TurnInput => ({
    scope: writableConversationsSql(user.id),
    conversationId,
    authorId: user.id,
    content,
    tokens: { count: 1, encoding: "o200k_base" },
    reply: { modelId: model.id, modelVersion: 1, parameters: {} },
    titleIfUntitled: { untitled: "New chat", title: content },
  });
  const first = await startTurn(turn("First"));

  // Another turn, held open: it has locked the conversation and added a reply below the first one.
  const other = await pool().connect();
  try {
    await other.query("BEGIN");
    await other.query(`SELECT 1 FROM "Conversation" WHERE id = $1 FOR UPDATE`, [conversationId]);
    await other.query(
      `INSERT INTO "Message" (id, "conversationId", "parentId", role, content, status, depth, "threadTokens", "updatedAt")
       VALUES ('otherturnreply000001', $1, $2, 'ASSISTANT', 'Other', 'COMPLETE', 1, 1, now())`,
      [conversationId, first.userMessage.id],
    );
    await other.query(`UPDATE "Conversation" SET "currentLeafId" = 'otherturnreply000001' WHERE id = $1`, [
      conversationId,
    ]);
    const waitsBefore = await countLockWaits();
    const second = startTurn(turn("Second"));
    await expect.poll(countLockWaits).toBeGreaterThan(waitsBefore);
    await other.query("COMMIT");

    const { userMessage } = await second;
    expect(userMessage.parentId).toBe("otherturnreply000001");
    const stored = await db().message.findUniqueOrThrow({ where: { id: userMessage.id }, select: { depth: true } });
    expect(stored.depth).toBe(2);
  } finally {
    other.release();
  }
});

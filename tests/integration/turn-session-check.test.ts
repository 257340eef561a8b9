// The chat turn checks the session in its own first statement (lib/db/turn-context.ts), not through the session
// callbacks every other route goes through: it must refuse exactly what they refuse, and write nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db/client";
import { startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});

afterAll(() => upstream.close());

const endings: { account: string; change: Prisma.UserUpdateInput; status: number }[] = [
  { account: "signed out everywhere", change: { sessionVersion: { increment: 1 } }, status: 401 },
  { account: "disabled", change: { status: "DISABLED" }, status: 401 },
  { account: "sent back to approval", change: { status: "PENDING" }, status: 403 },
];

describe("a message and a regeneration are refused, and nothing is written, once the account is", () => {
  for (const { account, change, status } of endings) {
    it(account, async () => {
      const chat = await startChatSession(upstream, { reply: "Answer." });
      const { assistantMessageId } = startedIds(await collectEvents(await chat.send("Hello")));
      const { ownerId } = await db().conversation.findUniqueOrThrow({
        where: { id: chat.conversationId },
        select: { ownerId: true },
      });
      await db().user.update({ where: { id: ownerId ?? "" }, data: change });
      const before = await chat.storedMessages();

      expect((await chat.send("Again")).status).toBe(status);
      const regenerate = `/api/conversations/${chat.conversationId}/messages/${assistantMessageId}/regenerate`;
      expect((await chat.client.json(regenerate, {})).status).toBe(status);

      expect(await chat.storedMessages()).toEqual(before);
      expect(chat.upstreamCalls()).toHaveLength(1);
    });
  }
});

// A regeneration is written like a new turn: one statement, one round trip to the database (lib/db/turns.ts,
// startRegeneration), so that a regenerated reply waits on two round trips before its first token, as a new one does.
import { createHash } from "node:crypto";
import pg from "pg";
import { afterEach, expect, it, vi } from "vitest";
import { writableConversationsSql } from "@/lib/access/conversations";
import { db } from "@/lib/db/client";
import { startRegeneration, startTurn } from "@/lib/db/turns";
import { makeModel, makeUser } from "../support/factories";

afterEach(() => {
  vi.restoreAllMocks();
});

it("writes a regenerated reply in one round trip, beside the old one, with the answered message's files", async () => {
  const user = await makeUser();
  const model = await makeModel("http://127.0.0.1:9");
  const { id: conversationId } = await db().conversation.create({
    data: { ownerId: user.id, title: "New chat" },
    select: { id: true },
  });
  const reply = { modelId: model.id, modelVersion: 1, parameters: { temperature: 0.5 } };
  const first = await startTurn({
    scope: writableConversationsSql(user.id),
    conversationId,
    authorId: user.id,
    content: "Hello",
    tokens: { count: 1, encoding: "o200k_base" },
    reply,
    titleIfUntitled: { untitled: "New chat", title: "Hello" },
  });
  const sha256 = createHash("sha256").update(`notes ${conversationId}`).digest("hex");
  await db().attachmentContent.create({ data: { sha256, bytes: Buffer.from("hello"), size: 5, refs: 1 } });
  const file = await db().attachment.create({
    data: {
      ownerId: user.id,
      messageId: first.userMessage.id,
      name: "notes.txt",
      kind: "DOCUMENT",
      contentType: "text/plain",
      size: 5,
      sha256,
      text: "hello",
      tokenCount: 1,
    },
    select: { id: true },
  });

  const queries = vi.spyOn(pg.Client.prototype, "query");
  const regenerated = await startRegeneration(
    writableConversationsSql(user.id),
    conversationId,
    first.assistantMessage.id,
    reply,
  );
  expect(queries).toHaveBeenCalledTimes(1);

  expect(regenerated.userMessage).toMatchObject({
    id: first.userMessage.id,
    role: "USER",
    content: "Hello",
    parentId: null,
    attachments: [{ id: file.id, name: "notes.txt", kind: "DOCUMENT", contentType: "text/plain", size: 5 }],
  });
  expect(regenerated.userMessage.createdAt).toEqual(first.userMessage.createdAt);
  const stored = await db().message.findUniqueOrThrow({ where: { id: regenerated.assistantMessage.id } });
  expect(stored).toMatchObject({
    role: "ASSISTANT",
    status: "STREAMING",
    parentId: first.userMessage.id,
    modelId: model.id,
    parameters: { temperature: 0.5 },
    depth: 1,
  });
  expect(regenerated.assistantMessage.createdAt).toEqual(stored.createdAt);
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
  expect(conversation.currentLeafId).toBe(regenerated.assistantMessage.id);
});

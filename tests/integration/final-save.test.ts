// The final save of a reply is written once: a retried save whose first try did commit (the connection failed after
// COMMIT, during a database outage) must not add the reply's tokens to the thread a second time, nor rewrite it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { finishReply } from "@/lib/db/turns";
import { startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

it("leaves a saved reply as it is when its final save comes again", async () => {
  const chat = await startChatSession(upstream, { chunks: ["All ", "done."] });
  await collectEvents(await chat.send("Hello"));
  await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("COMPLETE");
  const saved = (await chat.storedMessages()).at(-1);
  if (!saved) throw new Error("No reply was stored");

  await finishReply(saved.id, {
    content: "Something else",
    status: "ERROR",
    finishReason: null,
    reasoning: null,
    errorCode: "upstream_error",
    errorCause: null,
    usage: null,
    tokens: { count: 50, encoding: saved.tokenEncoding ?? "o200k_base" },
    manifest: null,
    ledger: {
      reservationId: null,
      userId: "a-second-save",
      promptTokens: 900,
      completionTokens: 900,
      reasoningTokens: null,
      cachedTokens: null,
      isEstimated: false,
      timeToFirstTokenMs: 1,
      timeToAnswerMs: 1,
      durationMs: 2,
      tokensPerSecond: null,
    },
  });

  const after = (await chat.storedMessages()).at(-1);
  expect(after).toMatchObject({
    content: "All done.",
    status: "COMPLETE",
    threadTokens: saved.threadTokens,
    tokenCount: saved.tokenCount,
  });
  // The usage ledger has the reply once, with the figures of the save that counted.
  const ledger = await db().replyUsage.findMany({ where: { messageId: saved.id } });
  expect(ledger).toHaveLength(1);
  expect(ledger[0]?.promptTokens).not.toBe(900);
});

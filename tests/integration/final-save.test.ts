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

it("ends a reply as an error when its final save fails for good, so that the conversation can go on", async () => {
  // A trigger refuses the final write of replies that carry this marker: a failure that retrying would not mend.
  const marker = `refuse-final-save-${Date.now()}`;
  await db().$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION pg_temp_refuse_final_save() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.content LIKE '%${marker}%' AND NEW.status = 'COMPLETE' THEN RAISE EXCEPTION 'refused by the test'; END IF;
      RETURN NEW;
    END $$`);
  await db().$executeRawUnsafe(`
    CREATE TRIGGER "refuse_final_save_${Date.now()}" BEFORE UPDATE ON "Message"
    FOR EACH ROW EXECUTE FUNCTION pg_temp_refuse_final_save()`);
  try {
    // The fake model's reply quotes the message: the first reply carries the marker, the second does not.
    const chat = await startChatSession(upstream, {});
    await collectEvents(await chat.send(`Hello ${marker}`));
    await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("ERROR");
    const again = await chat.send("Once more");
    expect(again.status).toBe(200);
    await collectEvents(again);
    expect((await chat.storedMessages()).at(-1)).toMatchObject({ role: "ASSISTANT", status: "COMPLETE" });
  } finally {
    await db().$executeRawUnsafe(`DROP FUNCTION pg_temp_refuse_final_save() CASCADE`);
  }
});

// A chat turn reads its thread ahead, as far as the model's window could reach (lib/db/turn-context.ts), and cuts it
// to the turn's budget in memory (limitWindowCandidates). The cut must return exactly the rows the budget-bound SQL
// read (getWindowCandidates) returns, for every budget, or the window sent and its manifest would differ.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getWindowCandidates, limitWindowCandidates } from "@/lib/db/messages";
import { startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";

const FRAMING_TOKENS = 4;

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});

afterAll(() => upstream.close());

it("cuts the thread read ahead to the same rows as the budget-bound read, for every budget", async () => {
  const chat = await startChatSession(upstream, { reply: "A reply of a few words." });
  for (const content of ["Hi", "A somewhat longer message, with more tokens in it", "Third", "Fourth and last"]) {
    const events = await collectEvents(await chat.send(content));
    expect(events.map((event) => event.event)).toContain("done");
  }
  const { currentLeafId } = await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
  const leafId = currentLeafId ?? "";
  const whole = await getWindowCandidates(leafId, 1_000_000, FRAMING_TOKENS);
  expect(whole).toHaveLength(8);
  const total = whole.reduce((sum, row) => sum + row.tokenCount + FRAMING_TOKENS, 0);
  for (let budget = 0; budget <= total + FRAMING_TOKENS; budget += 3) {
    const read = await getWindowCandidates(leafId, budget, FRAMING_TOKENS);
    const cut = limitWindowCandidates(whole, budget, FRAMING_TOKENS);
    expect(
      cut.map((row) => row.id),
      `budget ${budget}`,
    ).toEqual(read.map((row) => row.id));
  }
});

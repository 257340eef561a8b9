// Conversations for Parley's measured turns. Each is already past its first exchange, so that a measured turn is an
// ordinary one: a first exchange also has a title generated, which is not the cost of a turn. Reused round-robin
// (a few turns each over the whole run), so the pool grows only to the largest number of streams run at once.
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeUpstream } from "../support/fake-upstream";
import { buildTurnRequest, createConversations, type Session } from "./bench-client";
import { runStream } from "./sse-client";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

export type ConversationPool = { take: (count: number) => Promise<string[]> };

const PRIMING_PARALLELISM = 8;
// The title is generated after the reply's `done`: give it time to reach the upstream before waiting for quiet.
const TITLE_GRACE_MS = 500;

export function createConversationPool(session: Session, fake: FakeUpstream): ConversationPool {
  const ids: string[] = [];
  let cursor = 0;
  return {
    take: async (count) => {
      if (ids.length < count) ids.push(...(await createPrimedConversations(session, fake, count - ids.length)));
      const taken = Array.from({ length: count }, (_, index) => ids[(cursor + index) % ids.length] ?? "");
      cursor = (cursor + count) % ids.length;
      return taken;
    },
  };
}

/** Changes the fake upstream's reply: callers set theirs after taking conversations. */
async function createPrimedConversations(session: Session, fake: FakeUpstream, count: number): Promise<string[]> {
  setReply(fake, 2, 0);
  const ids = await createConversations(session, count);
  for (let start = 0; start < ids.length; start += PRIMING_PARALLELISM) {
    const batch = ids.slice(start, start + PRIMING_PARALLELISM);
    const results = await Promise.all(batch.map((id) => runStream(buildTurnRequest(session, id, "hello there"))));
    const failed = results.find((result) => result.outcome !== "done");
    if (failed) throw new Error(`Priming a conversation failed: ${failed.outcome} ${failed.detail ?? ""}`);
  }
  await sleep(TITLE_GRACE_MS);
  await waitForUpstreamIdle(fake);
  return ids;
}

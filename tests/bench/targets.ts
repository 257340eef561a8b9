// What the bench talks to, behind one shape: the fake upstream directly (the floor), the raw relay (the physical
// limit of a relay) and Parley (a full chat turn: auth, context, persistence).
import { buildTurnRequest, type Session } from "./bench-client";
import type { ConversationPool } from "./conversation-pool";
import { listTree } from "./process-stats";
import type { TurnRequest } from "./sse-client";

export type Target = {
  name: string;
  /**
   * Turns ready to send, each in its own conversation for Parley, prepared before the clock starts. Preparing may
   * change the fake upstream's reply (to prime new conversations): set the reply afterwards.
   */
  prepare: (count: number) => Promise<TurnRequest[]>;
  /** The server processes whose CPU and memory count for this target; empty when it runs in the bench process. */
  processIds: () => number[];
};

function buildUpstreamTurn(url: URL, body: unknown): TurnRequest {
  return { url, headers: { "content-type": "application/json" }, body: JSON.stringify(body), format: "openai" };
}

export function createDirectTarget(upstreamUrl: string): Target {
  const url = new URL(`${upstreamUrl}/chat/completions`);
  const body = { model: "fake-model", messages: [{ role: "user", content: "hi" }], stream: true };
  return {
    name: "direct",
    prepare: async (count) => Array.from({ length: count }, () => buildUpstreamTurn(url, body)),
    processIds: () => [],
  };
}

export function createRelayTarget(relayUrl: string, relayPid: number): Target {
  const url = new URL(relayUrl);
  return {
    name: "raw relay",
    prepare: async (count) => Array.from({ length: count }, () => buildUpstreamTurn(url, { content: "hi" })),
    processIds: () => [relayPid],
  };
}

/** The app is the launcher's process, which serves Next and the event streams, and anything below it. */
export function createAppTarget(session: Session, pool: ConversationPool, launcherPid: number): Target {
  return {
    name: "Parley",
    prepare: async (count) =>
      (await pool.take(count)).map((conversationId) => buildTurnRequest(session, conversationId)),
    processIds: () => listTree(launcherPid),
  };
}

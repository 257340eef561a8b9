// Drives the in-process fake upstream between measurements: what it replies, and waiting until it is quiet.
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeUpstream } from "../support/fake-upstream";

const IDLE_POLL_MS = 100;
const IDLE_TIMEOUT_MS = 60_000;

/** Deltas named by index (`w0 w1 ...`), so that a lost or reordered delta shows in the received text. */
export function buildChunks(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `w${index} `);
}

export function setReply(fake: FakeUpstream, chunkCount: number, paceMs: number): string[] {
  const chunks = buildChunks(chunkCount);
  fake.setScenario({ chunks, paceMs });
  return chunks;
}

/**
 * What a reasoning model streams: the first half of the deltas as thinking (DeepSeek's `reasoning_content`), the rest
 * as the answer. The chunks come back in the order they stream, thinking first.
 */
export function setReasoningReply(fake: FakeUpstream, chunkCount: number, paceMs: number): string[] {
  const chunks = buildChunks(chunkCount);
  const half = Math.floor(chunkCount / 2);
  fake.setScenario({
    reasoning: { field: "reasoning_content", chunks: chunks.slice(0, half) },
    chunks: chunks.slice(half),
    paceMs,
  });
  return chunks;
}

/**
 * Waits until no reply is still being written: Parley keeps generating after a client leaves, and a measurement
 * must not pay for the previous one's tail. Then forgets the recorded requests, which the fake keeps forever.
 */
export async function waitForUpstreamIdle(fake: FakeUpstream): Promise<void> {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  const isBusy = (request: FakeUpstream["requests"][number]) =>
    request.completedAt === undefined && request.closedByClientAt === undefined;
  while (fake.requests.some(isBusy)) {
    if (Date.now() > deadline) throw new Error(`The fake upstream was still streaming after ${IDLE_TIMEOUT_MS} ms`);
    await sleep(IDLE_POLL_MS);
  }
  fake.requests.length = 0;
}

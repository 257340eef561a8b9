// The replies running in this process, by conversation. Other processes reach them through lib/cluster (stop,
// re-attach, watch), never through this registry.
import { setTimeout as sleep } from "node:timers/promises";
import { isDraining } from "../cluster/drain";
import { AppError } from "../errors";
import type { LiveReply } from "./live-reply";

const globalForRegistry = globalThis as unknown as {
  parleyReplies?: Map<string, Set<LiveReply>>;
  parleyStreamsByUser?: Map<string, number>;
  parleyPendingTurns?: Map<string, Set<PendingEntry>>;
  parleyReplyRequesters?: WeakMap<LiveReply, string>;
  parleyApiCalls?: Map<string, Set<() => void>>;
  parleyRequesterStops?: Map<string, number>;
};
globalForRegistry.parleyReplies ??= new Map();
globalForRegistry.parleyStreamsByUser ??= new Map();
globalForRegistry.parleyPendingTurns ??= new Map();
globalForRegistry.parleyReplyRequesters ??= new WeakMap();
globalForRegistry.parleyApiCalls ??= new Map();
globalForRegistry.parleyRequesterStops ??= new Map();
const byConversation = globalForRegistry.parleyReplies;
const streamsByUser = globalForRegistry.parleyStreamsByUser;
const pendingByConversation = globalForRegistry.parleyPendingTurns;
const slotOf = new WeakMap<LiveReply, StreamSlot>();
/**
 * Who asked for each reply: an account disabled or deleted has its replies stopped (stopRepliesOfRequester), from an
 * admin's route handler in Next's bundle as well as from the bus.
 */
const requesterOf = globalForRegistry.parleyReplyRequesters;
// The /v1 completions running here, by their caller's account: each with what ends it (its response closed, which
// aborts the model's call and settles its usage).
const apiCallsByUser = globalForRegistry.parleyApiCalls;
/**
 * When each account's replies were last stopped (disabled or deleted), on performance.now()'s clock. A turn or a /v1
 * call reaches this registry some time after the statement that found its account enabled: a stop in between found
 * nothing to stop, so the turn or call is stopped as it arrives (`Requester.checkedAt`). Kept ten minutes, far longer
 * than any request takes from that statement to its registration.
 */
const stoppedAtByRequester = globalForRegistry.parleyRequesterStops;
const STOP_MEMORY_MS = 10 * 60_000;

/** Who asked for a reply or a /v1 call, and when (performance.now()) the statement that checked their account was sent. */
export type Requester = { userId: string; checkedAt: number };

function wasStoppedSinceCheck({ userId, checkedAt }: Requester): boolean {
  const stoppedAt = stoppedAtByRequester.get(userId);
  return stoppedAt !== undefined && stoppedAt >= checkedAt;
}

function rememberStop(userId: string): void {
  const now = performance.now();
  for (const [id, stoppedAt] of stoppedAtByRequester) {
    if (now - stoppedAt > STOP_MEMORY_MS) stoppedAtByRequester.delete(id);
  }
  stoppedAtByRequester.set(userId, now);
}

/** One of a user's concurrent reply streams, held from before the turn is written until its reply ends. */
export type StreamSlot = { release: () => void; isAttached: boolean };

/**
 * Takes a stream slot for the user, or refuses with 429 when they already run `limit` replies in this process.
 * Synchronous, so that concurrent turns of one user cannot both pass the count.
 */
export function reserveReplyStream(userId: string, limit: number): StreamSlot {
  // Draining: the running replies finish here, new ones start on another process.
  if (isDraining()) {
    throw new AppError("unavailable", "The server is restarting. Try again.", { details: { retryAfterSeconds: 2 } });
  }
  const running = streamsByUser.get(userId) ?? 0;
  if (running >= limit) {
    throw new AppError(
      "rate_limited",
      `You already have ${running} replies being written, the most allowed at once. Wait for one to finish or stop one.`,
    );
  }
  streamsByUser.set(userId, running + 1);
  const slot: StreamSlot = {
    isAttached: false,
    release: () => {
      slot.release = () => {};
      const left = (streamsByUser.get(userId) ?? 1) - 1;
      if (left > 0) streamsByUser.set(userId, left);
      else streamsByUser.delete(userId);
    },
  };
  return slot;
}

/** The stream slots held: requests past their slot that will start a reply, and replies not yet saved. */
export function countReservedStreams(): number {
  let count = 0;
  for (const held of streamsByUser.values()) count += held;
  return count;
}

/**
 * `requesterId`: who asked for the reply (sent the message or regenerated). `slot`: released when this reply is
 * unregistered, i.e. when its reply has ended and been saved.
 */
export function registerReply(live: LiveReply, requesterId: string, slot?: StreamSlot): void {
  const running = byConversation.get(live.conversationId) ?? new Set();
  running.add(live);
  byConversation.set(live.conversationId, running);
  requesterOf.set(live, requesterId);
  if (slot) {
    slot.isAttached = true;
    slotOf.set(live, slot);
  }
}

export function unregisterReply(live: LiveReply): void {
  const running = byConversation.get(live.conversationId);
  running?.delete(live);
  if (running?.size === 0) byConversation.delete(live.conversationId);
  slotOf.get(live)?.release();
  slotOf.delete(live);
}

/** The conversation's replies running in this process (until each has ended and been saved), oldest first. */
export function findReplies(conversationId: string): LiveReply[] {
  return [...(byConversation.get(conversationId) ?? [])];
}

export function findReply(conversationId: string, assistantMessageId: string): LiveReply | undefined {
  return findReplies(conversationId).find((each) => each.assistantMessageId === assistantMessageId);
}

/** The newest running reply of a conversation, for a page that re-attaches. */
export function findLatestReply(conversationId: string): LiveReply | undefined {
  return findReplies(conversationId).at(-1);
}

/**
 * A turn being started (a new message, a regeneration: its checks, its reservation, its write): its reply is not
 * registered yet, though the user sees it starting (and the model may be answering already: early-upstream.ts), so a
 * Stop meanwhile is kept for the reply, which starts stopped. `onStop` adds what a Stop must end at once (a call
 * sent early); it runs at once when the turn is stopped already. `launched` takes the reply as soon as it exists
 * (before it reads anything: a call ended by the Stop must be read as stopped, not as failed) and stops it if asked.
 */
export type PendingTurn = {
  readonly isStopped: boolean;
  onStop: (end: () => void) => void;
  launched: (live: LiveReply) => LiveReply;
};
/** `listedStops`: replies a Stop from another process named (lib/db/reply-stops.ts), stopped if this turn's is one. */
type PendingEntry = { requesterId: string; isStopped: boolean; stop: () => void; listedStops: Set<string> };

/**
 * Runs `start` (which launches the reply and hands it to `launched`) as a pending turn of the conversation, asked
 * for by `requester`; refused (401) when their account was stopped since it was checked.
 */
export async function startAsPendingTurn(
  conversationId: string,
  requester: Requester,
  start: (pending: PendingTurn) => Promise<LiveReply>,
): Promise<LiveReply> {
  // Nothing is written for an account disabled or deleted since its check: it is told, as its next request would be.
  if (wasStoppedSinceCheck(requester)) throw new AppError("unauthorized", "Sign in to continue.");
  const onStop: (() => void)[] = [];
  const entry: PendingEntry = {
    requesterId: requester.userId,
    isStopped: false,
    listedStops: new Set(),
    stop: () => {
      entry.isStopped = true;
      for (const end of onStop.splice(0)) end();
    },
  };
  const pending = pendingByConversation.get(conversationId) ?? new Set();
  pending.add(entry);
  pendingByConversation.set(conversationId, pending);
  const handle: PendingTurn = {
    get isStopped() {
      return entry.isStopped;
    },
    onStop: (end) => (entry.isStopped ? end() : onStop.push(end)),
    launched: (live) => {
      if (entry.isStopped || entry.listedStops.has(live.assistantMessageId)) live.stop();
      return live;
    },
  };
  try {
    return await start(handle);
  } finally {
    pending.delete(entry);
    if (pending.size === 0) pendingByConversation.delete(conversationId);
  }
}

/** Stops the conversation's replies here, and its turns being started; returns how many. */
export function stopReplies(conversationId: string): number {
  const running = [...(byConversation.get(conversationId) ?? [])];
  for (const live of running) live.stop();
  return running.length + stopPendingTurns(conversationId);
}

function stopPendingTurns(conversationId: string): number {
  const pending = [...(pendingByConversation.get(conversationId) ?? [])];
  for (const turn of pending) turn.stop();
  return pending.length;
}

/**
 * Stops the listed replies of the conversation where they run here, a turn still being started included once its
 * reply turns out to be one of them; a reply started since, not listed, goes on.
 */
export function stopListedReplies(conversationId: string, assistantMessageIds: readonly string[]): void {
  for (const live of byConversation.get(conversationId) ?? []) {
    if (assistantMessageIds.includes(live.assistantMessageId)) live.stop();
  }
  for (const turn of pendingByConversation.get(conversationId) ?? []) {
    for (const id of assistantMessageIds) turn.listedStops.add(id);
  }
}

/**
 * A /v1 completion of the requester's, until the returned function forgets it; `end` stops it, at once when their
 * account was stopped since it was checked.
 */
export function registerApiCall(requester: Requester, end: () => void): () => void {
  const { userId } = requester;
  if (wasStoppedSinceCheck(requester)) end();
  const calls = apiCallsByUser.get(userId) ?? new Set();
  calls.add(end);
  apiCallsByUser.set(userId, calls);
  return () => {
    calls.delete(end);
    if (calls.size === 0 && apiCallsByUser.get(userId) === calls) apiCallsByUser.delete(userId);
  };
}

/**
 * Stops what `userId` asked for: the replies in any conversation, the turns they are starting, and their /v1
 * completions. Their account was disabled or deleted.
 */
export function stopRepliesOfRequester(userId: string): void {
  rememberStop(userId);
  for (const running of byConversation.values()) {
    for (const live of running) if (requesterOf.get(live) === userId) live.stop();
  }
  for (const pending of pendingByConversation.values()) {
    for (const turn of pending) if (turn.requesterId === userId) turn.stop();
  }
  for (const end of apiCallsByUser.get(userId) ?? []) end();
}

/** Everyone who asked for a reply or a /v1 completion running here. */
export function listRequesterIds(): string[] {
  const requesters = new Set<string>(apiCallsByUser.keys());
  for (const running of byConversation.values()) {
    for (const live of running) {
      const requesterId = requesterOf.get(live);
      if (requesterId) requesters.add(requesterId);
    }
  }
  return [...requesters];
}

/**
 * For a shutdown: stops every reply of this process, which saves each as INTERRUPTED with its text and tells its
 * readers, then waits for those saves (at most `timeoutMs`).
 */
export async function stopAllReplies(timeoutMs: number): Promise<void> {
  for (const running of byConversation.values()) for (const live of running) live.stop({ byServer: true });
  const deadline = Date.now() + timeoutMs;
  while (byConversation.size > 0 && Date.now() < deadline) await sleep(50);
}

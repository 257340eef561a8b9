// How many replies one user may have streaming at once (default 3), set by an admin in the console. Each reply
// holds an upstream connection for as long as it runs: without a limit, a few users could hold hundreds.
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import type { LiveReply } from "./live-reply";
import { reserveReplyStream } from "./reply-registry";

const SETTING_KEY = "replyStreamsPerUser";
export const DEFAULT_REPLY_STREAMS_PER_USER = 3;
export const MAX_REPLY_STREAMS_PER_USER = 1000;

// Read on the path to every reply's first token: kept for a few seconds rather than read each time. A change made
// in this process applies at once; other processes see it within that time. On globalThis, like the registry: the
// admin's route (Next's bundle) and the send route (lib/server) load this module separately.
const CACHE_MS = 10_000;
const cache = globalThis as unknown as { parleyReplyStreamLimit?: { limit: number; readAt: number } | null };

export async function getReplyStreamLimit(): Promise<number> {
  const cached = cache.parleyReplyStreamLimit;
  if (cached && Date.now() - cached.readAt < CACHE_MS) return cached.limit;
  const stored = Number(await getSetting(SETTING_KEY));
  const limit = Number.isInteger(stored) && stored >= 1 ? stored : DEFAULT_REPLY_STREAMS_PER_USER;
  cache.parleyReplyStreamLimit = { limit, readAt: Date.now() };
  return limit;
}

export async function setReplyStreamLimit(actor: AuditActor, limit: number): Promise<{ limit: number }> {
  await saveSetting(actor, SETTING_KEY, String(limit));
  cache.parleyReplyStreamLimit = null;
  return { limit: await getReplyStreamLimit() };
}

/**
 * Runs `start` holding one of the user's stream slots, refused with 429 before `start` writes anything when all
 * are taken. The slot goes back when the reply ends, or at once when `start` fails or launches nothing (a retry
 * that joined or replayed a reply already counted).
 */
export async function withReplyStream(
  userId: string,
  start: (slot: ReturnType<typeof reserveReplyStream>) => Promise<LiveReply>,
): Promise<LiveReply> {
  const slot = reserveReplyStream(userId, await getReplyStreamLimit());
  try {
    return await start(slot);
  } finally {
    if (!slot.isAttached) slot.release();
  }
}

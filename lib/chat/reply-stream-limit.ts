// How many replies one user may have streaming at once (default 3), set by an admin in the console. Each reply
// holds an upstream connection for as long as it runs: without a limit, a few users could hold hundreds.
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import type { Generation } from "./generation";
import { reserveReplyStream } from "./generation-registry";

const SETTING_KEY = "replyStreamsPerUser";
export const DEFAULT_REPLY_STREAMS_PER_USER = 3;
export const MAX_REPLY_STREAMS_PER_USER = 1000;

export async function getReplyStreamLimit(): Promise<number> {
  const stored = Number(await getSetting(SETTING_KEY));
  return Number.isInteger(stored) && stored >= 1 ? stored : DEFAULT_REPLY_STREAMS_PER_USER;
}

export async function setReplyStreamLimit(actor: AuditActor, limit: number): Promise<{ limit: number }> {
  await saveSetting(actor, SETTING_KEY, String(limit));
  return { limit: await getReplyStreamLimit() };
}

/**
 * Runs `start` holding one of the user's stream slots, refused with 429 before `start` writes anything when all
 * are taken. The slot goes back when the reply ends, or at once when `start` fails or launches nothing (a retry
 * that joined or replayed a reply already counted).
 */
export async function withReplyStream(
  userId: string,
  start: (slot: ReturnType<typeof reserveReplyStream>) => Promise<Generation>,
): Promise<Generation> {
  const slot = reserveReplyStream(userId, await getReplyStreamLimit());
  try {
    return await start(slot);
  } finally {
    if (!slot.isAttached) slot.release();
  }
}

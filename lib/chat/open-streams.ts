// The reply streams open to browsers in this process, by reader, so that losing access ends them at once: a
// member removed from a team, or a conversation taken back from it, stops receiving its replies mid-stream.
import { readableConversationsWhere } from "../access/conversations";
import { listConversationIds } from "../db/conversations";

type OpenStream = { userId: string; conversationId: string; end: () => void };

const globalForStreams = globalThis as unknown as { parleyOpenStreams?: Set<OpenStream> };
globalForStreams.parleyOpenStreams ??= new Set();
const openStreams = globalForStreams.parleyOpenStreams;

/** Returns the function that forgets the stream once it has ended on its own. */
export function trackOpenStream(stream: OpenStream): () => void {
  openStreams.add(stream);
  return () => openStreams.delete(stream);
}

/**
 * Re-checks the open streams of these users (all readers when omitted) and ends each one whose reader may no
 * longer read its conversation. Call it after any change that can take access away.
 */
export async function endStreamsWithoutAccess(userIds?: string[]): Promise<number> {
  const streams = [...openStreams].filter((stream) => !userIds || userIds.includes(stream.userId));
  const byUser = new Map<string, OpenStream[]>();
  for (const stream of streams) byUser.set(stream.userId, [...(byUser.get(stream.userId) ?? []), stream]);
  let ended = 0;
  for (const [userId, own] of byUser) {
    const conversationIds = [...new Set(own.map((stream) => stream.conversationId))];
    const readable = new Set(await listConversationIds(readableConversationsWhere(userId), conversationIds));
    for (const stream of own) {
      if (readable.has(stream.conversationId)) continue;
      stream.end();
      openStreams.delete(stream);
      ended += 1;
    }
  }
  return ended;
}

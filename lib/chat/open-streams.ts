// The reply streams open to browsers in this process, by reader, so that losing access ends them at once: a member
// removed from a team, or a conversation taken back from it, stops receiving its replies mid-stream. Each change is
// also sent to the other processes (lib/cluster), which end their own readers' streams.
import { readableConversationsWhere } from "../access/conversations";
import { broadcast } from "../cluster/live-bus";
import { listConversationIds } from "../db/conversations";
import { countOpenStreamsWith } from "../observability/metrics";

/**
 * Why a stream is ended early: its reader's sessions ended (signed out everywhere, disabled, deleted: the stream of a
 * reply tells its reader so), or its reader may no longer read the conversation.
 */
export type StreamEnd = "session_ended" | "access_lost";
type OpenStream = { userId: string; conversationId: string; end: (why: StreamEnd) => void };

// On globalThis: Next's compiled route handlers and the server's own modules run in one process and share these.
const globalForStreams = globalThis as unknown as {
  parleyOpenStreams?: Set<OpenStream>;
  parleyAccessChanges?: { count: number; opening: OpenStream[] | null };
};
globalForStreams.parleyOpenStreams ??= new Set();
globalForStreams.parleyAccessChanges ??= { count: 0, opening: null };
const openStreams = globalForStreams.parleyOpenStreams;
const accessChanges = globalForStreams.parleyAccessChanges;
countOpenStreamsWith(() => openStreams.size);

/**
 * How many access changes have ended streams so far. A route reads it before checking access and again once its
 * stream is tracked: a change in between could not see that stream.
 */
export function accessChangeCount(): number {
  return accessChanges.count;
}

/** Returns the function that forgets the stream once it has ended on its own. */
export function trackOpenStream(stream: OpenStream): () => void {
  openStreams.add(stream);
  accessChanges.opening?.push(stream);
  return () => openStreams.delete(stream);
}

/** Runs `open` (which tracks its streams as it runs, synchronously) and returns the streams it tracked. */
export function streamsOpenedBy(open: () => void): OpenStream[] {
  const opened: OpenStream[] = [];
  accessChanges.opening = opened;
  try {
    open();
  } finally {
    accessChanges.opening = null;
  }
  return opened;
}

/**
 * Re-checks the open streams of these users (all readers when omitted) and ends each one whose reader may no
 * longer read its conversation, in this process and every other. Call it after any change that can take access away.
 */
export async function endStreamsWithoutAccess(userIds?: string[]): Promise<number> {
  broadcast({ k: "access", u: userIds ?? null });
  return endStreamsWithoutAccessHere(userIds);
}

/** The same in this process only: another process told of an access change. */
export async function endStreamsWithoutAccessHere(userIds?: string[] | null): Promise<number> {
  accessChanges.count += 1;
  return endUnreadable([...openStreams].filter((stream) => !userIds || userIds.includes(stream.userId)));
}

/**
 * Re-checks only these streams, here: the ones a request opened while an access change ran, which that change
 * could not see. Not a change itself: nothing is sent to other processes and the count stays, so that requests in
 * flight elsewhere do not re-check in turn.
 */
export function endOpenedStreamsWithoutAccess(opened: OpenStream[]): Promise<number> {
  return endUnreadable(opened.filter((stream) => openStreams.has(stream)));
}

async function endUnreadable(streams: OpenStream[]): Promise<number> {
  const byUser = new Map<string, OpenStream[]>();
  for (const stream of streams) byUser.set(stream.userId, [...(byUser.get(stream.userId) ?? []), stream]);
  let ended = 0;
  for (const [userId, own] of byUser) {
    const conversationIds = [...new Set(own.map((stream) => stream.conversationId))];
    const readable = new Set(await listConversationIds(readableConversationsWhere(userId), conversationIds));
    for (const stream of own) {
      if (readable.has(stream.conversationId)) continue;
      stream.end("access_lost");
      openStreams.delete(stream);
      ended += 1;
    }
  }
  return ended;
}

function endStreams(matches: (stream: OpenStream) => boolean, why: StreamEnd): number {
  accessChanges.count += 1;
  const ending = [...openStreams].filter(matches);
  for (const stream of ending) {
    stream.end(why);
    openStreams.delete(stream);
  }
  return ending.length;
}

/**
 * Ends every open stream of a user whose sessions end (disabled or deleted), in every process: their access is gone
 * everywhere.
 */
export function endStreamsOfUser(userId: string): number {
  broadcast({ k: "endUser", u: userId });
  return endStreamsOfUserHere(userId);
}

export function endStreamsOfUserHere(userId: string): number {
  return endStreams((stream) => stream.userId === userId, "session_ended");
}

/** Ends every open stream of a deleted conversation, whoever follows it, in every process. */
export function endStreamsOfConversation(conversationId: string): number {
  broadcast({ k: "endConv", c: conversationId });
  return endStreamsOfConversationHere(conversationId);
}

export function endStreamsOfConversationHere(conversationId: string): number {
  return endStreams((stream) => stream.conversationId === conversationId, "access_lost");
}

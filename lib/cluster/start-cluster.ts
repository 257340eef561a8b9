// What makes this process one of several on the database: its lease (and the recovery of dead processes' replies)
// and its bus, whose messages it dispatches here.

import { announceReplyElsewhere, announceReplyHere, watchedConversationIds } from "../chat/conversation-watchers";
import { endStreamsOfConversationHere, endStreamsOfUserHere, endStreamsWithoutAccessHere } from "../chat/open-streams";
import { findReplies, stopReplies } from "../chat/reply-registry";
import { findRunningReply } from "../db/process-leases";
import type { BusMessage } from "./bus-messages";
import { broadcast, startBus, stopBus } from "./live-bus";
import { keepProcessLease } from "./process-lease";
import { handleReplyMessage, resyncMirrors } from "./remote-replies";
import { noteRemoteWatching, watchListBeatMs } from "./remote-watchers";

function sendWatchList(): void {
  broadcast({ k: "watching", c: watchedConversationIds() });
}

/**
 * Another process watches conversations it did not before: the replies running here in them are announced to it
 * now (a reply started before its `watch` arrived was not). A process heard for the first time gets this one's list.
 */
function noteWatching(origin: string, update: Parameters<typeof noteRemoteWatching>[1]): void {
  const { newlyWatched, isNewProcess } = noteRemoteWatching(origin, update);
  for (const conversationId of newlyWatched) {
    for (const live of findReplies(conversationId)) announceReplyElsewhere(conversationId, live.assistantMessageId);
  }
  if (isNewProcess) sendWatchList();
}

function dispatch(message: BusMessage, origin: string): void {
  if (handleReplyMessage(message)) return;
  switch (message.k) {
    case "stop":
      stopReplies(message.c);
      return;
    case "started":
      announceReplyHere(message.c, message.r);
      return;
    case "watch":
      noteWatching(origin, { added: message.c });
      return;
    case "watching":
      noteWatching(origin, { all: message.c });
      return;
    case "access":
      void endStreamsWithoutAccessHere(message.u).catch((error) => console.error("Ending streams failed", error));
      return;
    case "endUser":
      endStreamsOfUserHere(message.u);
      return;
    case "endConv":
      endStreamsOfConversationHere(message.c);
      return;
  }
}

/**
 * What may have been missed while the bus was down: replies followed from here ask their owners again, the others
 * get the list of conversations watched here again, watched conversations have their running replies announced again
 * (the browser follows each once), and every open stream has its reader's access checked again.
 */
async function resyncAfterReconnection(): Promise<void> {
  resyncMirrors();
  sendWatchList();
  for (const conversationId of watchedConversationIds()) {
    const running = await findRunningReply(conversationId);
    if (running) announceReplyHere(conversationId, running.id);
  }
  await endStreamsWithoutAccessHere(null);
}

export type Cluster = { stop: () => Promise<void> };

export async function joinCluster(): Promise<Cluster> {
  const lease = await keepProcessLease();
  await startBus({
    onMessage: dispatch,
    onReconnected: () => {
      void resyncAfterReconnection().catch((error) => console.error("Re-syncing live replies failed", error));
    },
  });
  // The others answer this first list with theirs.
  sendWatchList();
  const watchListBeat = setInterval(sendWatchList, watchListBeatMs());
  watchListBeat.unref();
  return {
    stop: async () => {
      clearInterval(watchListBeat);
      await lease.stop();
      await stopBus();
    },
  };
}

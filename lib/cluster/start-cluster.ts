// What makes this process one of several on the database: its lease (and the recovery of dead processes' replies)
// and its bus, whose messages it dispatches here.

import { announceReplyElsewhere, announceReplyHere, watchedConversationIds } from "../chat/conversation-watchers";
import { endStreamsOfConversationHere, endStreamsOfUserHere, endStreamsWithoutAccessHere } from "../chat/open-streams";
import {
  findReplies,
  listRequesterIds,
  stopListedReplies,
  stopReplies,
  stopRepliesOfRequester,
} from "../chat/reply-registry";
import { findRunningReply } from "../db/process-leases";
import { findStopsAsked } from "../db/reply-stops";
import { listEnabledUserIds } from "../db/users";
import type { BusMessage } from "./bus-messages";
import { broadcast, isBusConnected, startBus, stopBus } from "./live-bus";
import { currentProcessId } from "./process-identity";
import { keepProcessLease, leaseBeatMs } from "./process-lease";
import { handleReplyMessage, resyncMirrors } from "./remote-replies";
import { noteRemoteWatching, type WatchMessage, watchListMessage } from "./remote-watchers";

function sendWatchList(ask: boolean): void {
  broadcast(watchListMessage(watchedConversationIds(), ask));
}

/**
 * Another process watches conversations it did not before: the replies running here in them are announced to it
 * now (a reply started before its `watch` arrived was not).
 */
function noteWatching(origin: string, message: WatchMessage): void {
  const { newlyWatched, answer } = noteRemoteWatching(origin, message);
  for (const conversationId of newlyWatched) {
    for (const live of findReplies(conversationId)) {
      if (!live.finished) announceReplyElsewhere(conversationId, live.assistantMessageId);
    }
  }
  if (answer !== "none") sendWatchList(answer === "list and ask");
}

function dispatch(message: BusMessage, origin: string): void {
  if (handleReplyMessage(message)) return;
  switch (message.k) {
    case "stop":
      stopReplies(message.c);
      return;
    case "stopAsked":
      stopListedReplies(message.c, message.r);
      return;
    case "stopUser":
      stopRepliesOfRequester(message.u);
      return;
    case "started":
      announceReplyHere(message.c, message.r);
      return;
    case "watch":
    case "watching":
      noteWatching(origin, message);
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
 * get the list of conversations watched here and send theirs, watched conversations have their running replies
 * announced again (the browser follows each once), every open stream has its reader's access checked again, and
 * replies of this process asked to stop meanwhile stop, as do those whose requester was disabled or deleted.
 */
async function resyncAfterReconnection(): Promise<void> {
  resyncMirrors();
  sendWatchList(true);
  for (const conversationId of watchedConversationIds()) {
    const running = await findRunningReply(conversationId);
    if (running) announceReplyHere(conversationId, running.id);
  }
  await endStreamsWithoutAccessHere(null);
  for (const asked of await findStopsAsked(currentProcessId())) stopListedReplies(asked.conversationId, [asked.id]);
  await stopRepliesOfInactiveRequesters();
}

/** A `stopUser` sent while the bus was down is lost: the requesters' accounts say it instead. */
async function stopRepliesOfInactiveRequesters(): Promise<void> {
  const requesterIds = listRequesterIds();
  if (requesterIds.length === 0) return;
  const enabled = new Set(await listEnabledUserIds(requesterIds));
  for (const userId of requesterIds) if (!enabled.has(userId)) stopRepliesOfRequester(userId);
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
  sendWatchList(true);
  // While the bus is down, lists would only pile up in its queue: the reconnection sends one, asking for theirs.
  const watchListBeat = setInterval(() => {
    if (isBusConnected()) sendWatchList(false);
  }, leaseBeatMs());
  watchListBeat.unref();
  return {
    stop: async () => {
      clearInterval(watchListBeat);
      await lease.stop();
      await stopBus();
    },
  };
}

// What makes this process one of several on the database: its lease (and the recovery of dead processes' replies)
// and its bus, whose messages it dispatches here.

import { announceReplyHere, watchedConversationIds } from "../chat/conversation-watchers";
import { endStreamsOfConversationHere, endStreamsOfUserHere, endStreamsWithoutAccessHere } from "../chat/open-streams";
import { stopReplies } from "../chat/reply-registry";
import { findRunningReply } from "../db/process-leases";
import type { BusMessage } from "./bus-messages";
import { startBus, stopBus } from "./live-bus";
import { keepProcessLease } from "./process-lease";
import { handleReplyMessage, resyncMirrors } from "./remote-replies";

function dispatch(message: BusMessage): void {
  if (handleReplyMessage(message)) return;
  switch (message.k) {
    case "stop":
      stopReplies(message.c);
      return;
    case "started":
      announceReplyHere(message.c, message.r);
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
 * What may have been missed while the bus was down: replies followed from here ask their owners again, watched
 * conversations have their running replies announced again (the browser follows each once), and every open stream
 * has its reader's access checked again.
 */
async function resyncAfterReconnection(): Promise<void> {
  resyncMirrors();
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
  return {
    stop: async () => {
      await lease.stop();
      await stopBus();
    },
  };
}

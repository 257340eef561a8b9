// A Stop from another process names the replies it is for (lib/cluster/bus-messages.ts `stopAsked`): a turn still
// being started here is stopped once its reply turns out to be one of them, and a newer turn goes on.
import { describe, expect, it } from "vitest";
import { LiveReply } from "@/lib/chat/live-reply";
import { type PendingTurn, startAsPendingTurn, stopListedReplies } from "@/lib/chat/reply-registry";

/** A turn being started in `conversationId` whose reply will be `replyId`, launched when `launch` is called. */
function startTurn(conversationId: string, replyId: string) {
  let launch: () => void = () => {};
  const requester = { userId: "requester", checkedAt: performance.now() };
  const launched = startAsPendingTurn(conversationId, requester, (pending: PendingTurn) => {
    return new Promise<LiveReply>((resolve) => {
      launch = () => resolve(pending.launched(new LiveReply(conversationId, replyId)));
    });
  });
  return { launched, launch: () => launch() };
}

describe("a Stop that names its replies, reaching turns still being started", () => {
  it("stops the turn whose reply it names, once launched, and not a newer one", async () => {
    const stopped = startTurn("conversation-1", "reply-stopped");
    const newer = startTurn("conversation-1", "reply-newer");
    stopListedReplies("conversation-1", ["reply-stopped"]);
    stopped.launch();
    newer.launch();
    expect((await stopped.launched).signal.aborted).toBe(true);
    expect((await newer.launched).signal.aborted).toBe(false);
  });

  it("leaves another conversation's turns alone", async () => {
    const elsewhere = startTurn("conversation-2", "reply-elsewhere");
    stopListedReplies("conversation-3", ["reply-elsewhere"]);
    elsewhere.launch();
    expect((await elsewhere.launched).signal.aborted).toBe(false);
  });
});

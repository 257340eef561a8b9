// An account disabled or deleted has its replies and /v1 calls stopped (stopRepliesOfRequester). A turn or a call
// whose account check ran just before that, and which reaches the registry just after, is refused (a turn, before
// anything is written) or ended (a /v1 call) as it arrives; one checked after the stop (the account enabled again)
// goes on.
import { describe, expect, it } from "vitest";
import { LiveReply } from "@/lib/chat/live-reply";
import { registerApiCall, startAsPendingTurn, stopRepliesOfRequester } from "@/lib/chat/reply-registry";

function launchTurn(userId: string, checkedAt: number): Promise<LiveReply> {
  return startAsPendingTurn(`conversation-of-${userId}`, { userId, checkedAt }, async (pending) =>
    pending.launched(new LiveReply(`conversation-of-${userId}`, `reply-of-${userId}`)),
  );
}

describe("an account stopped between its check and its reply's start", () => {
  it("refuses the turn before it writes anything", async () => {
    const checkedAt = performance.now();
    stopRepliesOfRequester("disabled-meanwhile");
    await expect(launchTurn("disabled-meanwhile", checkedAt)).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("lets a turn checked after the stop go on", async () => {
    stopRepliesOfRequester("enabled-again");
    const checkedAt = performance.now();
    expect((await launchTurn("enabled-again", checkedAt)).signal.aborted).toBe(false);
  });

  it("leaves other accounts' turns alone", async () => {
    const checkedAt = performance.now();
    stopRepliesOfRequester("someone-else");
    expect((await launchTurn("bystander", checkedAt)).signal.aborted).toBe(false);
  });

  it("ends a /v1 call as it registers, and not one checked after the stop", () => {
    const checkedBefore = performance.now();
    stopRepliesOfRequester("api-caller");
    const checkedAfter = performance.now();
    const ended: string[] = [];
    const forgetEarly = registerApiCall({ userId: "api-caller", checkedAt: checkedBefore }, () => ended.push("early"));
    const forgetLate = registerApiCall({ userId: "api-caller", checkedAt: checkedAfter }, () => ended.push("late"));
    expect(ended).toEqual(["early"]);
    forgetEarly();
    forgetLate();
  });
});

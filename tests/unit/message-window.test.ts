// Where the list's window of rendered messages goes after a switch of version (use-message-window.ts).
import { describe, expect, it } from "vitest";
import { hiddenAfterSwitch } from "@/app/_components/chat/messages/use-message-window";

describe("the message window after a switch of version", () => {
  it("keeps showing the newest messages when the message switched to is among them", () => {
    // 100 messages, the newest 60 rendered; the switch at message 70 made the thread 10 longer.
    expect(hiddenAfterSwitch(0, 100, 70, 10)).toBe(0);
  });

  it("keeps its place among the messages above when the newest did not include the message switched to", () => {
    // At the newest, but the switched message (20) is more than 60 above the new end: the window keeps its end.
    expect(hiddenAfterSwitch(0, 130, 20, 30)).toBe(30);
    // Scrolled up (40 hidden below), a thread 25 shorter: 15 hidden, the same messages rendered from the top.
    expect(hiddenAfterSwitch(40, 75, 10, -25)).toBe(15);
    // Shorter than what was hidden: the new thread's newest messages.
    expect(hiddenAfterSwitch(10, 40, 10, -30)).toBe(0);
  });

  it("opens at the newest message of a thread replaced whole, or one without the message switched to", () => {
    expect(hiddenAfterSwitch(40, 400, 0, null)).toBe(0);
    expect(hiddenAfterSwitch(40, 400, -1, 5)).toBe(0);
  });
});

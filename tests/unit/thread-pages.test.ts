import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/app/_components/api/types";
import { mergeFetchedThread, prependOlder } from "@/app/_components/chat/chat-messages";
import { chatMessage } from "../support/chat-message";

function message(id: string, parentId: string | null, content = id): ChatMessage {
  return chatMessage({ id, parentId, content, createdAt: "2026-11-28T00:00:00.000Z", siblingIds: [id] });
}

describe("a thread loaded a page at a time", () => {
  const shown = [message("a", null), message("b", "a"), message("c", "b"), message("d", "c")];

  it("keeps the older pages above a refetched newest page that continues them", () => {
    const fetched = [message("c", "b", "c, saved"), message("d", "c"), message("e", "d")];
    expect(mergeFetchedThread(shown, fetched).map((each) => each.content)).toEqual(["a", "b", "c, saved", "d", "e"]);
  });

  it("keeps the thinking streamed so far over a fetched reply still being written (saved only at its end)", () => {
    const streaming = { ...message("r", "a", "Hel"), status: "STREAMING" as const };
    const local = { ...streaming, content: "Hello", reasoning: "Greet back." };
    expect(mergeFetchedThread([message("a", null), local], [message("a", null), streaming]).at(-1)).toMatchObject({
      reasoning: "Greet back.",
    });
    const finished = { ...local, status: "COMPLETE" as const };
    expect(mergeFetchedThread([message("a", null), finished], [message("a", null), streaming]).at(-1)).toMatchObject({
      content: "Hello",
      reasoning: "Greet back.",
    });
  });

  it("drops them when the fetched page is another branch", () => {
    const fetched = [message("x", "elsewhere"), message("y", "x")];
    expect(mergeFetchedThread(shown, fetched).map((each) => each.id)).toEqual(["x", "y"]);
  });

  it("puts an older page on top without repeating what is shown", () => {
    const older = [message("z", null), message("a", "z")];
    expect(prependOlder(shown, older).map((each) => each.id)).toEqual(["z", "a", "b", "c", "d"]);
  });
});

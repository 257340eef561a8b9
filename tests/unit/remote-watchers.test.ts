// What this process knows of the conversations watched on the others: a `watch` adds one, a list replaces the
// sender's, a sender unheard for its list's lifetime watches nothing, what is new is reported (so that the replies
// running here can be announced to it), and a list is sent back when asked for or when a `watch` comes from a
// process whose list is not known here.
import { describe, expect, it } from "vitest";
import { isWatchedElsewhere, noteRemoteWatching } from "@/lib/cluster/remote-watchers";

const TTL_SECONDS = 15;
let processCount = 0;
const newProcessId = () => `process-${++processCount}`;
const watch = (c: string, ttl = TTL_SECONDS) => ({ k: "watch", c, ttl }) as const;
const watching = (c: string[], ask?: true) =>
  ({ k: "watching", c, ttl: TTL_SECONDS, ...(ask ? { ask } : {}) }) as const;

describe("conversations watched on other processes", () => {
  it("are none until a process says so, then the ones it watches", () => {
    const other = newProcessId();
    expect(isWatchedElsewhere("c-a", 1_000)).toBe(false);
    expect(noteRemoteWatching(other, watch("c-a"), 1_000).newlyWatched).toEqual(["c-a"]);
    expect(isWatchedElsewhere("c-a", 1_000)).toBe(true);
    expect(isWatchedElsewhere("c-b", 1_000)).toBe(false);
  });

  it("follow each process's latest list, which replaces its earlier one, and report only what it adds", () => {
    const other = newProcessId();
    noteRemoteWatching(other, watching(["c-d", "c-e"]), 1_000);
    expect(noteRemoteWatching(other, watching(["c-e", "c-f"]), 2_000).newlyWatched).toEqual(["c-f"]);
    expect(isWatchedElsewhere("c-d", 2_000)).toBe(false);
    expect(isWatchedElsewhere("c-e", 2_000)).toBe(true);
    expect(noteRemoteWatching(other, watch("c-e"), 2_000).newlyWatched).toEqual([]);
  });

  it("forget a process not heard from for the lifetime its own message gave its list", () => {
    const [shortLived, longLived] = [newProcessId(), newProcessId()];
    noteRemoteWatching(shortLived, watch("c-g", 3), 10_000);
    noteRemoteWatching(longLived, watch("c-h", 60), 10_000);
    expect(isWatchedElsewhere("c-g", 13_000)).toBe(true);
    expect(isWatchedElsewhere("c-g", 13_001)).toBe(false);
    expect(isWatchedElsewhere("c-h", 70_000)).toBe(true);
    expect(isWatchedElsewhere("c-h", 70_001)).toBe(false);
  });

  it("count a conversation while any process watches it", () => {
    const [first, second] = [newProcessId(), newProcessId()];
    noteRemoteWatching(first, watching(["c-i"]), 80_000);
    noteRemoteWatching(second, watching(["c-i"]), 80_000);
    noteRemoteWatching(first, watching([]), 81_000);
    expect(isWatchedElsewhere("c-i", 81_000)).toBe(true);
    noteRemoteWatching(second, watching([]), 81_000);
    expect(isWatchedElsewhere("c-i", 81_000)).toBe(false);
  });

  it("answer a list that asks with this process's, and a watch from an unknown process by asking for every list", () => {
    const [asking, known, forgotten] = [newProcessId(), newProcessId(), newProcessId()];
    expect(noteRemoteWatching(asking, watching(["c-j"], true), 90_000).answer).toBe("list");
    expect(noteRemoteWatching(known, watching(["c-j"]), 90_000).answer).toBe("none");
    expect(noteRemoteWatching(known, watch("c-k"), 90_000).answer).toBe("none");
    // A watch from a process whose list expired here (or was never heard): only that one conversation is known.
    noteRemoteWatching(forgotten, watching(["c-l"]), 90_000);
    expect(noteRemoteWatching(forgotten, watch("c-m"), 90_000 + TTL_SECONDS * 1000 + 1)).toEqual({
      newlyWatched: ["c-m"],
      answer: "list and ask",
    });
  });
});

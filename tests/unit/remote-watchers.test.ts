// What this process knows of the conversations watched on the others: a `watch` adds one, a list replaces the
// sender's, a sender unheard for a lease time (15 s by default) watches nothing, and what is new is reported so that
// the replies running here can be announced to it.
import { describe, expect, it } from "vitest";
import { isWatchedElsewhere, noteRemoteWatching } from "@/lib/cluster/remote-watchers";

const LEASE_MS = 15_000;
let processCount = 0;
const newProcessId = () => `process-${++processCount}`;

describe("conversations watched on other processes", () => {
  it("are none until a process says so, then the ones it watches", () => {
    const other = newProcessId();
    expect(isWatchedElsewhere("c-a", 1_000)).toBe(false);
    expect(noteRemoteWatching(other, { added: "c-a" }, 1_000)).toEqual({ newlyWatched: ["c-a"], isNewProcess: true });
    expect(isWatchedElsewhere("c-a", 1_000)).toBe(true);
    expect(isWatchedElsewhere("c-b", 1_000)).toBe(false);
  });

  it("follow each process's latest list, which replaces its earlier one, and report only what it adds", () => {
    const other = newProcessId();
    noteRemoteWatching(other, { all: ["c-d", "c-e"] }, 1_000);
    expect(noteRemoteWatching(other, { all: ["c-e", "c-f"] }, 2_000)).toEqual({
      newlyWatched: ["c-f"],
      isNewProcess: false,
    });
    expect(isWatchedElsewhere("c-d", 2_000)).toBe(false);
    expect(isWatchedElsewhere("c-e", 2_000)).toBe(true);
    expect(noteRemoteWatching(other, { added: "c-e" }, 2_000).newlyWatched).toEqual([]);
  });

  it("forget a process not heard from for a lease time, which counts as new when it is heard again", () => {
    const other = newProcessId();
    noteRemoteWatching(other, { all: ["c-g"] }, 10_000);
    expect(isWatchedElsewhere("c-g", 10_000 + LEASE_MS)).toBe(true);
    // Heard again within the lease: its list lives on from then.
    noteRemoteWatching(other, { all: ["c-g"] }, 20_000);
    expect(isWatchedElsewhere("c-g", 20_000 + LEASE_MS)).toBe(true);
    expect(isWatchedElsewhere("c-g", 20_001 + LEASE_MS)).toBe(false);
    expect(noteRemoteWatching(other, { all: ["c-g"] }, 40_000)).toEqual({ newlyWatched: ["c-g"], isNewProcess: true });
  });

  it("count a conversation while any process watches it", () => {
    const [first, second] = [newProcessId(), newProcessId()];
    noteRemoteWatching(first, { all: ["c-h"] }, 50_000);
    noteRemoteWatching(second, { all: ["c-h"] }, 50_000);
    noteRemoteWatching(first, { all: [] }, 51_000);
    expect(isWatchedElsewhere("c-h", 51_000)).toBe(true);
    noteRemoteWatching(second, { all: [] }, 51_000);
    expect(isWatchedElsewhere("c-h", 51_000)).toBe(false);
  });
});

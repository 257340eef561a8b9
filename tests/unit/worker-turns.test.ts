// The turns that the document reader and the import take on worker threads (lib/worker-turns.ts).
import { describe, expect, it } from "vitest";
import { createWorkerTurns } from "@/lib/worker-turns";

/** A piece of work that runs until `finish` is called. */
function pendingWork() {
  let finish: (failure?: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = (failure) => (failure ? reject(failure) : resolve());
  });
  return { work: () => done, finish: (failure?: Error) => finish(failure) };
}

describe("worker turns", () => {
  it("runs at most the limit at once and hands each finished turn to the next waiting one, in order", async () => {
    const turns = createWorkerTurns(2);
    const started: number[] = [];
    const works = [0, 1, 2, 3].map(() => pendingWork());
    const runs = works.map((piece, index) =>
      turns.run(() => {
        started.push(index);
        return piece.work();
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(turns.waitingCount()).toBe(2);
    works[1]?.finish();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect(turns.waitingCount()).toBe(1);
    works[0]?.finish(new Error("unreadable"));
    await expect(runs[0]).rejects.toThrow("unreadable");
    await new Promise((resolve) => setImmediate(resolve));
    // A failed turn ends too: the last waiting one starts.
    expect(started).toEqual([0, 1, 2, 3]);
    expect(turns.waitingCount()).toBe(0);
  });
});

describe("worker turns with keys (one user's documents)", () => {
  /** Runs a pending piece of work under `key`, noting its name once it starts. */
  function startKeyed(turns: ReturnType<typeof createWorkerTurns>, started: string[], key: string, name: string) {
    const piece = pendingWork();
    const run = turns.run(() => {
      started.push(name);
      return piece.work();
    }, key);
    return { ...piece, run };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it("runs one turn of a key at a time, however many workers are free, and counts the key's turns", async () => {
    const turns = createWorkerTurns(2);
    const started: string[] = [];
    const first = startKeyed(turns, started, "mallory", "mallory 1");
    const second = startKeyed(turns, started, "mallory", "mallory 2");
    startKeyed(turns, started, "mallory", "mallory 3");
    await settle();
    // The second worker stays free for someone else: another user's document starts at once.
    expect(started).toEqual(["mallory 1"]);
    expect(turns.countOf("mallory")).toBe(3);
    startKeyed(turns, started, "alice", "alice 1");
    await settle();
    expect(started).toEqual(["mallory 1", "alice 1"]);
    expect(turns.countOf("alice")).toBe(1);
    first.finish(new Error("too large to read"));
    await expect(first.run).rejects.toThrow("too large to read");
    await settle();
    expect(started).toEqual(["mallory 1", "alice 1", "mallory 2"]);
    second.finish();
    await second.run;
    await settle();
    expect(started).toEqual(["mallory 1", "alice 1", "mallory 2", "mallory 3"]);
    expect(turns.countOf("mallory")).toBe(1);
  });

  it("gives a freed worker to the user served least recently: one with many files waiting takes turns with the others", async () => {
    const turns = createWorkerTurns(2);
    const started: string[] = [];
    const mallory = [1, 2, 3].map((number) => startKeyed(turns, started, "mallory", `mallory ${number}`));
    const eve = [1, 2].map((number) => startKeyed(turns, started, "eve", `eve ${number}`));
    // Bob comes after both have files waiting.
    startKeyed(turns, started, "bob", "bob 1");
    await settle();
    expect(started).toEqual(["mallory 1", "eve 1"]);
    mallory[0]?.finish();
    await settle();
    // Mallory's second file came before Bob's, but Bob has not been served yet.
    expect(started).toEqual(["mallory 1", "eve 1", "bob 1"]);
    eve[0]?.finish();
    await settle();
    // Mallory was served before Eve: her next file goes first.
    expect(started).toEqual(["mallory 1", "eve 1", "bob 1", "mallory 2"]);
  });
});

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

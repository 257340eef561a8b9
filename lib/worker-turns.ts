// Turns for worker threads that each take a core while they run (a document's text, an import's parse): at most
// `maxRunning` at once; the others wait. A finished turn is handed straight to the next waiting one.
//
// A turn may name whose it is (a user's id): one key's turns run one at a time, so that one user's files never
// hold more than one worker while others wait (a few hostile files would otherwise hold them all). A freed worker
// goes to the key served least recently (one never served, or not since it last had nothing waiting, first), so
// that a user with many files waiting takes turns with the others instead of before them; a key's own turns, and
// turns without a key, run in the order they came.

export type WorkerTurns = {
  /** How many wait for a turn right now. */
  waitingCount: () => number;
  /** How many of `key`'s turns run or wait right now. */
  countOf: (key: string) => number;
  /** Runs `work` once a turn is free (and no other turn of `key` runs); the turn ends with it, however it ends. */
  run: <T>(work: () => Promise<T>, key?: string) => Promise<T>;
};

type Waiting = { key: string | undefined; start: () => void };

export function createWorkerTurns(maxRunning: number): WorkerTurns {
  let running = 0;
  const waiting: Waiting[] = [];
  const runningKeys = new Set<string>();
  // When each key's last turn started (a count of turns started), while the key has turns running or waiting.
  const lastStarted = new Map<string, number>();
  let started = 0;

  const mayStart = (key: string | undefined) => running < maxRunning && (key === undefined || !runningKeys.has(key));

  function begin(key: string | undefined): void {
    running++;
    started++;
    if (key === undefined) return;
    runningKeys.add(key);
    lastStarted.set(key, started);
  }

  /** The waiting turn to start next: the first of those that may start whose key was served least recently. */
  function nextIndex(): number {
    let best = -1;
    let bestServed = Number.POSITIVE_INFINITY;
    for (const [index, turn] of waiting.entries()) {
      if (!mayStart(turn.key)) continue;
      const served = turn.key === undefined ? 0 : (lastStarted.get(turn.key) ?? 0);
      if (served < bestServed) {
        best = index;
        bestServed = served;
      }
    }
    return best;
  }

  function end(key: string | undefined): void {
    running--;
    if (key !== undefined) {
      runningKeys.delete(key);
      if (!waiting.some((turn) => turn.key === key)) lastStarted.delete(key);
    }
    const index = nextIndex();
    if (index === -1) return;
    const [next] = waiting.splice(index, 1);
    if (!next) return;
    begin(next.key);
    next.start();
  }

  return {
    waitingCount: () => waiting.length,
    countOf: (key) => waiting.filter((turn) => turn.key === key).length + (runningKeys.has(key) ? 1 : 0),
    run: async (work, key) => {
      if (mayStart(key)) begin(key);
      else await new Promise<void>((start) => waiting.push({ key, start }));
      try {
        return await work();
      } finally {
        end(key);
      }
    },
  };
}

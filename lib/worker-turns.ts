// Turns for worker threads that each take a core while they run (a document's text, an import's parse): at most
// `maxRunning` at once; the others wait in order. A finished turn is handed straight to the next waiting one.

export type WorkerTurns = {
  /** How many wait for a turn right now. */
  waitingCount: () => number;
  /** Runs `work` once a turn is free; the turn ends with it, however it ends. */
  run: <T>(work: () => Promise<T>) => Promise<T>;
};

export function createWorkerTurns(maxRunning: number): WorkerTurns {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function take(): Promise<void> {
    if (running < maxRunning) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function end(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    waitingCount: () => waiting.length,
    run: async (work) => {
      await take();
      try {
        return await work();
      } finally {
        end();
      }
    },
  };
}

// How the launcher hears that it must stop: SIGINT (Ctrl+C), SIGTERM (`docker stop`, a service manager) and SIGHUP
// (a closed terminal, whose default would end the process at once and leave the embedded database running). A
// terminal's Ctrl+C reaches the process twice, from the terminal and relayed by npm or tsx: a repeat within a second
// is that copy and is ignored (with `once`, it ended the process half-way through its stop); a later one, Ctrl+C
// pressed again, gives up on the stop and exits at once.

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export const REPEATED_SIGNAL_MS = 1_000;

type SignalSource = { on: (signal: (typeof STOP_SIGNALS)[number], listener: () => void) => unknown };

export function onStopSignal(
  stop: () => void,
  forceExit: () => void,
  source: SignalSource = process,
  now: () => number = Date.now,
): void {
  let stopStartedAt: number | null = null;
  for (const signal of STOP_SIGNALS) {
    source.on(signal, () => {
      if (stopStartedAt === null) {
        stopStartedAt = now();
        stop();
      } else if (now() - stopStartedAt >= REPEATED_SIGNAL_MS) {
        forceExit();
      }
    });
  }
}

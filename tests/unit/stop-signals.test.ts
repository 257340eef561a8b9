// The launcher's stop (lib/bootstrap/stop-signals.ts): a terminal's Ctrl+C arrives twice (the terminal's, and npm's
// or tsx's relay of it); the copy must not end the process half-way through its stop, and Ctrl+C pressed again later
// must still get out at once.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { onStopSignal, REPEATED_SIGNAL_MS } from "@/lib/bootstrap/stop-signals";

function launcher() {
  const signals = new EventEmitter();
  let clock = 0;
  const calls = { stop: 0, forceExit: 0 };
  onStopSignal(
    () => calls.stop++,
    () => calls.forceExit++,
    signals,
    () => clock,
  );
  return { signals, calls, advance: (ms: number) => (clock += ms) };
}

describe("the launcher's stop signals", () => {
  it("stops once for a Ctrl+C that arrives twice, and ignores the relayed copy", () => {
    const { signals, calls, advance } = launcher();
    signals.emit("SIGINT");
    advance(20);
    signals.emit("SIGINT");
    expect(calls).toEqual({ stop: 1, forceExit: 0 });
  });

  it("exits at once when stopping is asked again after a second", () => {
    const { signals, calls, advance } = launcher();
    signals.emit("SIGTERM");
    advance(REPEATED_SIGNAL_MS);
    signals.emit("SIGINT");
    expect(calls).toEqual({ stop: 1, forceExit: 1 });
  });

  it("stops on a closed terminal's SIGHUP", () => {
    const { signals, calls } = launcher();
    signals.emit("SIGHUP");
    expect(calls).toEqual({ stop: 1, forceExit: 0 });
  });
});

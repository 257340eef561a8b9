// Timestamps each content chunk the fake upstream writes, so per-delta latency is measured from the moment the
// upstream produced a token rather than inferred from the pace. The fake offers no write hook, so this wraps
// ServerResponse.prototype.write; that is safe here because the fake upstream is the only HTTP server in the bench
// process (the relay and the app run in their own processes).
import { ServerResponse } from "node:http";

export type WriteClock = {
  /** The write times since the last call, oldest first. */
  takeWrites: () => number[];
  stop: () => void;
};

// Content deltas after the first are `{"content":"..."}` exactly; the opening chunk also carries a role.
const CONTENT_DELTA_MARK = '"delta":{"content":"';

export function startWriteClock(): WriteClock {
  const original = ServerResponse.prototype.write;
  let writes: number[] = [];
  const timestampedWrite = function (this: ServerResponse, ...args: unknown[]) {
    const [chunk] = args;
    if (typeof chunk === "string" && chunk.includes(CONTENT_DELTA_MARK)) writes.push(performance.now());
    return Reflect.apply(original, this, args) as boolean;
  };
  ServerResponse.prototype.write = timestampedWrite as typeof original;
  return {
    takeWrites: () => {
      const taken = writes;
      writes = [];
      return taken;
    },
    stop: () => {
      ServerResponse.prototype.write = original;
    },
  };
}

// One streamed turn over plain node:http, timestamping each delta as its bytes arrive. An Agent without a socket
// limit keeps the client from capping concurrency (fetch's pool would queue streams behind it), and a connection per
// stream avoids reusing a keep-alive socket just as the server times it out (a spurious ECONNRESET between phases).
import { Agent, type IncomingMessage, request } from "node:http";
import { interpretEvent, type StreamFormat, splitEvents } from "./sse-events";

export type TurnRequest = { url: URL; headers: Record<string, string>; body: string; format: StreamFormat };

export type StreamOutcome = "done" | "error" | "left" | "ended" | "timeout" | "failed";
export type StreamResult = {
  status: number;
  startedAt: number;
  deltaTimes: number[];
  text: string;
  outcome: StreamOutcome;
  detail?: string;
};
export type StreamOptions = {
  /** Leave like a closed tab after this many deltas. */
  leaveAfterDeltas?: number;
  /** Every stream stops by itself: a hung server cannot hold the bench. */
  timeoutMs?: number;
  onFirstDelta?: () => void;
};

const DEFAULT_TIMEOUT_MS = 60_000;
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export function runStream(turn: TurnRequest, options: StreamOptions = {}): Promise<StreamResult> {
  return new Promise((resolve) => {
    const result: StreamResult = {
      status: 0,
      startedAt: performance.now(),
      deltaTimes: [],
      text: "",
      outcome: "ended",
    };
    let isSettled = false;
    const settle = (outcome: StreamOutcome, detail?: string) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      const finalOutcome = result.outcome === "ended" ? outcome : result.outcome;
      resolve({ ...result, outcome: finalOutcome, detail: detail ?? result.detail });
    };
    const headers = { ...turn.headers, "content-length": String(Buffer.byteLength(turn.body)) };
    const outgoing = request(turn.url, { method: "POST", agent, headers });
    const timer = setTimeout(() => {
      settle("timeout");
      outgoing.destroy();
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    outgoing.on("error", (error) => settle("failed", error.message));
    outgoing.on("response", (response) => {
      result.status = response.statusCode ?? 0;
      if (result.status !== 200) return readFailure(response, (detail) => settle("failed", detail));
      const stop = (outcome: StreamOutcome, detail?: string) => {
        settle(outcome, detail);
        outgoing.destroy();
      };
      readDeltas(turn.format, response, result, options, stop);
      // A server dropping the connection mid-stream surfaces here; unhandled, it would crash the bench.
      response.on("error", (error) => settle("failed", error.message));
      response.on("end", () => settle("ended"));
      response.on("close", () => settle("ended"));
    });
    outgoing.end(turn.body);
  });
}

function readDeltas(
  format: StreamFormat,
  response: IncomingMessage,
  result: StreamResult,
  options: StreamOptions,
  stop: (outcome: StreamOutcome, detail?: string) => void,
): void {
  let buffer = "";
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    const arrivedAt = performance.now();
    const { blocks, rest } = splitEvents(buffer + chunk);
    buffer = rest;
    try {
      for (const block of blocks) {
        const signal = interpretEvent(format, block);
        if (signal?.kind === "delta") {
          result.deltaTimes.push(arrivedAt);
          result.text += signal.text;
          if (result.deltaTimes.length === 1) options.onFirstDelta?.();
          if (result.deltaTimes.length === options.leaveAfterDeltas) return stop("left");
        } else if (signal) {
          result.outcome = signal.kind;
          if (signal.kind === "error") result.detail = signal.detail;
        }
      }
    } catch (error) {
      stop("failed", `unreadable event: ${String(error)}`);
    }
  });
}

function readFailure(response: IncomingMessage, report: (detail: string) => void): void {
  let body = "";
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    body += chunk;
  });
  response.on("end", () => report(`HTTP ${response.statusCode}: ${body.slice(0, 200)}`));
  response.on("error", () => report(`HTTP ${response.statusCode}`));
}

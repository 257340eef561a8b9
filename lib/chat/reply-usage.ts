// What one reply cost and how fast it came: the provider's token figures (or the tokenizer's, marked estimated) and
// Parley's own timings. Measured with plain fields, since the meter is touched once per delta.
import type { ReplyLedgerEntry } from "../db/turns";

/** Usage as the provider reported it in the stream's last chunk. */
export type ProviderUsage = {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number | null;
  cachedTokens: number | null;
};

export type UsageMeter = {
  /** Any delta from the model: the answer's, or (once streamed) its reasoning's. */
  markToken: () => void;
  /** A delta of the answer itself (content). */
  markAnswerToken: () => void;
  /** The ledger entry at the reply's end. */
  finish: (input: MeterResult) => ReplyLedgerEntry;
};

type MeterResult = {
  userId: string;
  usage: ProviderUsage | null;
  /** The tokenizer's counts, used when the provider reported no usage. */
  estimate: { promptTokens: number; completionTokens: number };
};

/** `startedAt`: when the model's call began, if before now (lib/chat/early-upstream.ts). */
export function startUsageMeter(now: () => number = Date.now, startedAt = now()): UsageMeter {
  let firstTokenAt: number | null = null;
  let firstAnswerAt: number | null = null;
  return {
    markToken: () => {
      firstTokenAt ??= now();
    },
    markAnswerToken: () => {
      if (firstAnswerAt !== null) return;
      firstAnswerAt = now();
      firstTokenAt ??= firstAnswerAt;
    },
    finish: ({ userId, usage, estimate }) => {
      const durationMs = Math.max(now() - startedAt, 0);
      const timeToFirstTokenMs = firstTokenAt === null ? null : firstTokenAt - startedAt;
      const figures = usage ?? { ...estimate, reasoningTokens: null, cachedTokens: null };
      return {
        userId,
        ...figures,
        isEstimated: usage === null,
        timeToFirstTokenMs,
        timeToAnswerMs: firstAnswerAt === null ? null : firstAnswerAt - startedAt,
        durationMs,
        tokensPerSecond: getTokensPerSecond(figures.completionTokens, durationMs, timeToFirstTokenMs),
      };
    },
  };
}

/** Output tokens over the time they streamed (from the first token to the end); null when that time is nil. */
export function getTokensPerSecond(
  completionTokens: number,
  durationMs: number,
  timeToFirstTokenMs: number | null,
): number | null {
  if (timeToFirstTokenMs === null) return null;
  const streamingMs = durationMs - timeToFirstTokenMs;
  if (streamingMs <= 0 || completionTokens <= 0) return null;
  return Math.round((completionTokens / streamingMs) * 10_000) / 10;
}

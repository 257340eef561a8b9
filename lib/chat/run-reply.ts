// Drives one reply from the upstream to the browser and the database: deltas are forwarded as they arrive,
// the partial text is saved at most about once a second, and the final message is written once.
import { databaseUnavailableError, isDatabaseUnavailable } from "../db/database-unavailable";
import { savePartialReply, withdrawPartialReply } from "../db/partial-saves";
import type { FinishedReply } from "../db/turns";
import { AppError } from "../errors";
import { READER_STOPPED_FINISH, SERVER_STOPPED_FINISH } from "../live/messages";
import { settleUsage, type UsageReservation } from "../usage-limits/reserve-usage";
import type { LiveReply } from "./live-reply";
import type { ReplyManifest } from "./prepare-request";
import { unregisterReply } from "./reply-registry";
import { type ProviderUsage, startUsageMeter, type UsageMeter } from "./reply-usage";
import { saveFinalReply } from "./save-final-reply";
import { countTokens, type TokenEncoding } from "./tokens";
import { streamChatCompletion, type UpstreamRequest } from "./upstream";
import { cutOffFailure, explainForAdmins, UpstreamFailure } from "./upstream-failure";

const PARTIAL_SAVE_INTERVAL_MS = 1_000;

export type ReplyPlan = {
  encoding: TokenEncoding;
  /** Who asked for the reply: the usage ledger's user. */
  requesterId: string;
  /** Settled to the ledger's figures once the reply is saved, however it ended (lib/usage-limits). */
  usageReservation: UsageReservation | null;
  /** `timing`: the call's start and clock, when it was sent before the reply began (early-upstream.ts). */
  prepare: () => Promise<{
    upstream: Omit<UpstreamRequest, "signal">;
    manifest: ReplyManifest;
    timing?: { startedAt: number; now: () => number };
  }>;
  onFinished?: (reply: FinishedReply) => void;
};

type Progress = {
  content: string;
  finishReason: string | null;
  usage: ProviderUsage | null;
  /** The model's thinking, kept apart from `content`: never sent back as context nor counted as answer tokens. */
  reasoning: FinishedReply["reasoning"];
  /** When the thinking began, until the answer begins (or the reply ends) and its duration is known. */
  reasoningStartedAt: number | null;
};

// PostgreSQL text cannot hold NUL, and a reply that cannot be saved would be lost whole.
function withoutNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
}

/** The thinking is over (the answer began, or the reply ended): its duration is fixed. */
function endReasoning(progress: Progress): void {
  if (progress.reasoning && progress.reasoningStartedAt !== null) {
    progress.reasoning.durationMs = Date.now() - progress.reasoningStartedAt;
    progress.reasoningStartedAt = null;
  }
}

async function streamReply(
  live: LiveReply,
  request: UpstreamRequest,
  progress: Progress,
  meter: UsageMeter,
): Promise<void> {
  let lastSavedAt = Date.now();
  let pendingSave: Promise<void> | null = null;
  const savePartial = () => {
    lastSavedAt = Date.now();
    pendingSave = savePartialReply(live.assistantMessageId, progress.content)
      // A Stop whose message on the bus this process missed (lib/db/reply-stops.ts).
      .then((isStopRequested) => {
        if (isStopRequested) live.stop();
      })
      // During a database outage every second would log the same failure: the final save reports it once.
      .catch((error) => {
        if (!isDatabaseUnavailable(error)) console.error("Saving a partial reply failed", error);
      })
      .finally(() => {
        pendingSave = null;
      });
  };
  try {
    await streamChatCompletion(request, {
      onDelta: (delta) => {
        const text = withoutNul(delta);
        if (progress.reasoningStartedAt !== null) endReasoning(progress);
        meter.markAnswerToken();
        progress.content += text;
        live.publish("delta", { text });
        if (!pendingSave && Date.now() - lastSavedAt >= PARTIAL_SAVE_INTERVAL_MS) savePartial();
      },
      onReasoning: (delta) => {
        const text = withoutNul(delta);
        meter.markToken();
        if (!progress.reasoning) {
          progress.reasoning = { text: "", durationMs: 0 };
          progress.reasoningStartedAt = Date.now();
        }
        progress.reasoning.text += text;
        live.publish("reasoning", { text });
      },
      onFinish: (reason) => {
        progress.finishReason = reason;
      },
      onUsage: (usage) => {
        progress.usage = usage;
      },
    });
  } finally {
    endReasoning(progress);
    withdrawPartialReply(live.assistantMessageId);
    await pendingSave;
  }
  if (!live.signal.aborted && progress.finishReason === null) throw cutOffFailure();
}

export async function runReply(live: LiveReply, plan: ReplyPlan): Promise<void> {
  const progress: Progress = {
    content: "",
    finishReason: null,
    usage: null,
    reasoning: null,
    reasoningStartedAt: null,
  };
  let manifest: ReplyManifest | null = null;
  let failure: AppError | null = null;
  let meter: UsageMeter | null = null;
  try {
    const prepared = await plan.prepare();
    manifest = prepared.manifest;
    meter = prepared.timing ? startUsageMeter(prepared.timing.now, prepared.timing.startedAt) : startUsageMeter();
    await streamReply(live, { ...prepared.upstream, signal: live.signal }, progress, meter);
  } catch (error) {
    failure = toReplyFailure(error);
    console.error(
      `Reply ${live.assistantMessageId} failed: ${failure.code} (${String(failure.cause ?? failure.message)})`,
    );
  }

  const reply = describeOutcome(progress, failure, live.signal.aborted && stopReasonOf(live));
  const tokenCount = countTokens(progress.content, plan.encoding);
  const finished: FinishedReply = {
    ...reply,
    tokens: { count: tokenCount, encoding: plan.encoding },
    manifest,
    ledger: toLedgerEntry(plan, progress, meter, manifest, reply.status, tokenCount),
  };
  let saving: Awaited<ReturnType<typeof saveFinalReply>> | null = null;
  try {
    saving = await saveFinalReply(live.assistantMessageId, finished);
  } catch (error) {
    console.error("Saving the final reply failed", error);
    failure = new AppError("internal", "The reply could not be saved.");
  }
  // While the database is down, the readers are told at once (they have the whole reply) and the live reply stays
  // registered, so that a page that re-attaches meanwhile still gets the reply from memory.
  // Their stream ends there: a title, if one comes, waits for the database, and the page loads it later.
  if (saving?.outcome === "retrying") {
    live.closeAtEnd();
    publishOutcome(live, failure, reply, manifest);
  }
  const isSaved = (await saving?.whenSettled) ?? false;
  await settleUsage(plan.usageReservation, finished.ledger);
  unregisterReply(live);
  if (saving?.outcome !== "retrying") publishOutcome(live, failure, reply, manifest);
  if (isSaved) plan.onFinished?.(finished);
}

function publishOutcome(
  live: LiveReply,
  failure: AppError | null,
  reply: ReturnType<typeof describeOutcome>,
  manifest: ReplyManifest | null,
): void {
  if (failure) {
    const data = { code: failure.code, message: failure.message };
    // Admins are told why, to fix it (a key, a model name); others only that it failed.
    const adminData =
      failure instanceof UpstreamFailure
        ? { ...data, message: `${failure.message} ${explainForAdmins(failure.diagnosis)}`, cause: failure.diagnosis }
        : undefined;
    live.publish("error", data, adminData);
    // Without a failure the outcome is COMPLETE or INTERRUPTED (describeOutcome); the check tells TypeScript so.
  } else if (reply.status !== "ERROR") {
    const context = manifest && { droppedMessages: manifest.droppedMessages, droppedTokens: manifest.droppedTokens };
    live.publish("done", { finishReason: reply.finishReason, usage: reply.usage, status: reply.status, context });
  }
}

/**
 * The ledger counts a reply that reached the model: done, stopped, or failed once tokens came (a failure before any
 * token, such as a refused request, cost nothing to count). Without the provider's usage, the tokenizer's counts.
 */
function toLedgerEntry(
  plan: ReplyPlan,
  progress: Progress,
  meter: UsageMeter | null,
  manifest: ReplyManifest | null,
  status: FinishedReply["status"],
  completionTokens: number,
): FinishedReply["ledger"] {
  if (!meter || !manifest) return null;
  if (status === "ERROR" && progress.usage === null && progress.content === "" && !progress.reasoning) return null;
  // Without the provider's figures the thinking counts too: the model wrote it, though it is not sent back.
  const thinkingTokens =
    progress.usage === null && progress.reasoning ? countTokens(progress.reasoning.text, plan.encoding) : 0;
  const estimate = { promptTokens: manifest.sentTokens, completionTokens: completionTokens + thinkingTokens };
  const entry = meter.finish({ userId: plan.requesterId, usage: progress.usage, estimate });
  return { ...entry, reservationId: plan.usageReservation?.id ?? null };
}

function toReplyFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailableError(error);
  return new AppError("internal", "The reply failed.", { cause: error });
}

// Why a stopped reply ended, as its finish reason (lib/live/messages.ts).
const stopReasonOf = (live: LiveReply) => (live.stoppedByServer ? SERVER_STOPPED_FINISH : READER_STOPPED_FINISH);

function describeOutcome(progress: Progress, failure: AppError | null, stopReason: string | false) {
  const { content, finishReason, reasoning } = progress;
  // The message keeps the provider's two figures; the details go to the ledger.
  const usage = progress.usage && {
    promptTokens: progress.usage.promptTokens,
    completionTokens: progress.usage.completionTokens,
  };
  if (failure) {
    const errorCause = failure instanceof UpstreamFailure ? failure.diagnosis : null;
    return { content, status: "ERROR" as const, finishReason, errorCode: failure.code, errorCause, usage, reasoning };
  }
  const noError = { errorCode: null, errorCause: null, reasoning };
  if (stopReason) return { content, status: "INTERRUPTED" as const, finishReason: stopReason, ...noError, usage };
  return { content, status: "COMPLETE" as const, finishReason, ...noError, usage };
}

// The context window policy (docs/architecture.md, "A chat turn"): the system prompt and the newest message are
// always sent; older messages are added newest-first while they fit, never split; the oldest are dropped.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { AppError } from "../errors";
import type { TokenEncoding } from "./tokens";

// Chat formats wrap every message in a few tokens of framing, and the reply is primed with a few more.
export const MESSAGE_FRAMING_TOKENS = 4;
export const REPLY_PRIMING_TOKENS = 3;

export type WindowCandidate = { id: string; role: "SYSTEM" | "USER" | "ASSISTANT"; content: string; tokens: number };

export type WindowRequest = {
  systemPrompt: { content: string; tokens: number } | null;
  /** The newest part of the thread, oldest first; its last message is the one being answered. */
  thread: WindowCandidate[];
  /** Messages of the thread older than `thread`, which were not even read. */
  olderUnread: { count: number; tokens: number };
  contextWindow: number;
  maxOutputTokens: number;
  encoding: TokenEncoding;
};

export type ContextManifest = {
  encoding: TokenEncoding;
  contextWindow: number;
  reservedForReply: number;
  budget: number;
  systemTokens: number;
  sentMessageIds: string[];
  sentMessages: number;
  sentTokens: number;
  droppedMessages: number;
  droppedTokens: number;
};

const upstreamRole = { SYSTEM: "system", USER: "user", ASSISTANT: "assistant" } as const;

export function getWindowBudget(contextWindow: number, maxOutputTokens: number): number {
  return contextWindow - maxOutputTokens - REPLY_PRIMING_TOKENS;
}

export function assembleContextWindow(request: WindowRequest): {
  messages: ChatCompletionMessageParam[];
  manifest: ContextManifest;
} {
  const budget = getWindowBudget(request.contextWindow, request.maxOutputTokens);
  // A reply that failed before its first token has nothing to tell the model.
  const sendable = request.thread.filter((message) => !(message.role === "ASSISTANT" && message.content === ""));
  const newest = sendable.at(-1);
  if (!newest) throw contextOverflow(0, request.systemPrompt?.tokens ?? 0, budget);
  let used = getRequiredTokens(newest.tokens, request.systemPrompt?.tokens ?? null, budget);
  let firstSent = sendable.length - 1;
  while (firstSent > 0) {
    const cost = (sendable[firstSent - 1]?.tokens ?? 0) + MESSAGE_FRAMING_TOKENS;
    if (used + cost > budget) break;
    used += cost;
    firstSent -= 1;
  }

  const sent = sendable.slice(firstSent);
  const dropped = sendable.slice(0, firstSent);
  const messages: ChatCompletionMessageParam[] = request.systemPrompt
    ? [{ role: "system", content: request.systemPrompt.content }]
    : [];
  for (const message of sent) messages.push({ role: upstreamRole[message.role], content: message.content });
  return {
    messages,
    manifest: {
      encoding: request.encoding,
      contextWindow: request.contextWindow,
      reservedForReply: request.maxOutputTokens,
      budget,
      systemTokens: request.systemPrompt?.tokens ?? 0,
      sentMessageIds: sent.map((message) => message.id),
      sentMessages: sent.length,
      sentTokens: used,
      droppedMessages: dropped.length + request.olderUnread.count,
      droppedTokens: dropped.reduce((sum, message) => sum + message.tokens, 0) + request.olderUnread.tokens,
    },
  };
}

/**
 * What the always-sent part of a window costs (the newest message and the system prompt, if any, with their
 * framing); throws context_overflow when even that does not fit the budget.
 */
export function getRequiredTokens(messageTokens: number, systemTokens: number | null, budget: number): number {
  const required =
    messageTokens + MESSAGE_FRAMING_TOKENS + (systemTokens === null ? 0 : systemTokens + MESSAGE_FRAMING_TOKENS);
  if (required > budget) throw contextOverflow(messageTokens, systemTokens ?? 0, budget, required);
  return required;
}

/**
 * `requiredTokens`: what the message and the system prompt take with their framing, the figure compared with the
 * budget (said without it, a message a few tokens too long read "1,296 tokens …, 1,297 available").
 */
function contextOverflow(
  messageTokens: number,
  systemTokens: number,
  budget: number,
  requiredTokens = messageTokens + systemTokens,
): AppError {
  return new AppError(
    "context_overflow",
    `This message is too long for the model: ${requiredTokens.toLocaleString("en-US")} tokens with the system prompt, ${Math.max(budget, 0).toLocaleString("en-US")} available.`,
    { details: { messageTokens, systemTokens, requiredTokens, budget } },
  );
}

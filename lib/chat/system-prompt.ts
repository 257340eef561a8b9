// The system message of a turn: what an admin or a conversation's owner may save as a prompt, and what is sent.
import { z } from "zod";
import type { CompletionModel } from "../db/models";
import { MAX_SYSTEM_PROMPT_LENGTH } from "../limits";
import { countTokens, type TokenEncoding } from "./tokens";

/** A model's prompt (the console) or a conversation's own (its settings); an empty prompt is no prompt. */
export const systemPromptSchema = z
  .string()
  .max(MAX_SYSTEM_PROMPT_LENGTH, `Use at most ${MAX_SYSTEM_PROMPT_LENGTH.toLocaleString("en")} characters.`)
  .transform((text) => text.trim() || null)
  .nullable();

// System prompts repeat on every turn of every conversation on a model, and a long one takes milliseconds to
// tokenize: their counts are kept, for the few prompts in use at a time.
const promptTokenCache = new Map<string, number>();
const PROMPT_CACHE_SIZE = 200;

function countPromptTokens(content: string, encoding: TokenEncoding): number {
  const key = `${encoding}\n${content}`;
  const cached = promptTokenCache.get(key);
  if (cached !== undefined) return cached;
  const tokens = countTokens(content, encoding);
  if (promptTokenCache.size >= PROMPT_CACHE_SIZE) promptTokenCache.clear();
  promptTokenCache.set(key, tokens);
  return tokens;
}

/**
 * The admin's prompt is sent on every turn: a conversation's own prompt adds to it and never replaces it, and the
 * requester's custom instructions (Settings → Account) come last, theirs only, never another member's.
 */
export function getSystemPrompt(
  conversationPrompt: string | null,
  model: CompletionModel,
  encoding: TokenEncoding,
  customInstructions: string | null = null,
) {
  const content = [model.systemPrompt, conversationPrompt, customInstructions].filter(Boolean).join("\n\n");
  return content ? { content, tokens: countPromptTokens(content, encoding) } : null;
}

// A new model's context window and output limit, guessed from its name for well-known families, as its request shape
// (compatibility.ts) and "Reads images" (lib/attachments/vision-models.ts) are. Only defaults: the admin's values
// win, and a server may run a model with a smaller window than its maker publishes (a local server often does).
// Imports nothing, so that the console's form can show the figures it will use as the name is typed.

export type ModelLimits = { contextWindow: number; maxOutputTokens: number };

/** For names Parley does not know: small enough for any model it may be. */
export const GENERIC_MODEL_LIMITS: ModelLimits = { contextWindow: 8192, maxOutputTokens: 1024 };

/**
 * A reasoning model's output limit counts its thinking too, so a small one can leave no room for the answer (an
 * empty reply); its published maximum (100,000 tokens and more) would make every reply reserve that much against
 * a usage limit. OpenAI's guide to reasoning models advises reserving at least 25,000 tokens for reasoning and
 * answer: that is the default.
 */
export const REASONING_OUTPUT_TOKENS = 25_000;

type Family = { name: RegExp; limits: ModelLimits; isReasoning?: boolean };

// The makers' published figures: OpenAI's model pages (context window, max output tokens), Meta's model cards for
// Llama 3.1 to 3.3 ("128K", 131,072 tokens in the models' configuration; no output limit of their own). Matched on
// the name without a router's or a fine-tune's decoration (see modelFamilyName), first match wins: the more
// specific names come first.
const FAMILIES: Family[] = [
  { name: /^gpt-4o-2024-05-13$/, limits: { contextWindow: 128_000, maxOutputTokens: 4_096 } },
  { name: /^(chat)?gpt-4o([^a-z0-9]|$)/, limits: { contextWindow: 128_000, maxOutputTokens: 16_384 } },
  { name: /^gpt-4\.1([^a-z0-9]|$)/, limits: { contextWindow: 1_047_576, maxOutputTokens: 32_768 } },
  // The chat variant of GPT-5 (gpt-5-chat-latest, gpt-5.1-chat-latest) has a smaller window than the rest.
  { name: /^gpt-5(\.[0-9]+)?-chat([^a-z0-9]|$)/, limits: { contextWindow: 128_000, maxOutputTokens: 16_384 } },
  { name: /^gpt-5([^a-z0-9]|$)/, limits: { contextWindow: 400_000, maxOutputTokens: 128_000 }, isReasoning: true },
  { name: /^o1-mini([^a-z0-9]|$)/, limits: { contextWindow: 128_000, maxOutputTokens: 65_536 }, isReasoning: true },
  { name: /^o1-preview([^a-z0-9]|$)/, limits: { contextWindow: 128_000, maxOutputTokens: 32_768 }, isReasoning: true },
  {
    name: /^o(1|3|4-mini)([^a-z0-9]|$)/,
    limits: { contextWindow: 200_000, maxOutputTokens: 100_000 },
    isReasoning: true,
  },
  {
    name: /^(meta-)?llama-?3\.[123]([^0-9]|$)/,
    limits: { contextWindow: 131_072, maxOutputTokens: GENERIC_MODEL_LIMITS.maxOutputTokens },
  },
];

/**
 * The name as the families above know it: lowercased, without a router's or a vendor's prefix (`openai/gpt-4o`,
 * `azure/gpt-4o`, `meta-llama/Llama-3.1-8B-Instruct`) or an OpenAI fine-tune's `ft:`.
 */
function modelFamilyName(upstreamName: string): string {
  const name = upstreamName.trim().toLowerCase();
  return name.slice(name.lastIndexOf("/") + 1).replace(/^ft:/, "");
}

/** The limits of a well-known model family, or null for a name Parley does not know. */
export function knownModelLimits(upstreamName: string): ModelLimits | null {
  const name = modelFamilyName(upstreamName);
  const family = FAMILIES.find((known) => known.name.test(name));
  if (!family) return null;
  const { contextWindow, maxOutputTokens } = family.limits;
  return {
    contextWindow,
    maxOutputTokens: family.isReasoning ? Math.min(maxOutputTokens, REASONING_OUTPUT_TOKENS) : maxOutputTokens,
  };
}

/** What a new model gets when the admin gives no limits: the console's form shows the same figures. */
export function defaultModelLimits(upstreamName: string): ModelLimits {
  return knownModelLimits(upstreamName) ?? GENERIC_MODEL_LIMITS;
}

// Token counts from a real tokenizer. The encoding follows the model name; o200k_base (GPT-4o and later) is the
// default for names we do not know, which for other model families is an estimate.
import { createRequire } from "node:module";
import path from "node:path";

export type TokenEncoding = "o200k_base" | "cl100k_base";

/** A stored encoding name (Message.tokenEncoding) that counts can be made in. */
export const isTokenEncoding = (name: string | null): name is TokenEncoding =>
  name === "o200k_base" || name === "cl100k_base";

type CountTokens = (text: string, options: { disallowedSpecial: Set<string> }) => number;

// Each encoding's ranks take 15–30 MB of the process's memory once loaded (o200k_base: 200,000 of them), so each is
// loaded at its first count or by preloadEncoding: a server whose models all use o200k_base never loads cl100k_base.
// Loaded with Node's own require from node_modules, not bundled: the launcher's code and Next's route bundles then
// share one copy (Node caches the module), and the count stays synchronous.
const requireFromApp = createRequire(path.join(process.cwd(), "package.json"));
const counters = new Map<TokenEncoding, CountTokens>();

function loadCounter(encoding: TokenEncoding): CountTokens {
  let counter = counters.get(encoding);
  if (counter === undefined) {
    counter = (requireFromApp(`gpt-tokenizer/encoding/${encoding}`) as { countTokens: CountTokens }).countTokens;
    counters.set(encoding, counter);
  }
  return counter;
}

/**
 * Loads an encoding ahead of its first count: parsing o200k_base's ranks takes 0.1–0.2 s, which the first chat turn
 * after a start would otherwise wait for.
 */
export function preloadEncoding(encoding: TokenEncoding): void {
  loadCounter(encoding);
}

// Text that looks like a special token (<|endoftext|>) is ordinary user text here, never a control token.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function encodingForModel(upstreamName: string): TokenEncoding {
  return /^(gpt-4(?!o|\.)|gpt-3\.5|text-embedding)/.test(upstreamName) ? "cl100k_base" : "o200k_base";
}

export function countTokens(text: string, encoding: TokenEncoding): number {
  return text === "" ? 0 : loadCounter(encoding)(text, PLAIN_TEXT);
}

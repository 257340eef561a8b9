// Token counts from a real tokenizer. The encoding follows the model name; o200k_base (GPT-4o and later) is the
// default for names we do not know, which for other model families is an estimate.
import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";

export type TokenEncoding = "o200k_base" | "cl100k_base";

const counters: Record<TokenEncoding, (text: string, options: { disallowedSpecial: Set<string> }) => number> = {
  o200k_base: countO200k,
  cl100k_base: countCl100k,
};

// Text that looks like a special token (<|endoftext|>) is ordinary user text here, never a control token.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function encodingForModel(upstreamName: string): TokenEncoding {
  return /^(gpt-4(?!o|\.)|gpt-3\.5|text-embedding)/.test(upstreamName) ? "cl100k_base" : "o200k_base";
}

export function countTokens(text: string, encoding: TokenEncoding): number {
  return text === "" ? 0 : counters[encoding](text, PLAIN_TEXT);
}

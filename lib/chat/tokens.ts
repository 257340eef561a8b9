// Token counts from a real tokenizer. The encoding follows the model name; o200k_base (GPT-4o and later) is the
// default for names we do not know, which for other model families is an estimate.
import { createRequire } from "node:module";
import path from "node:path";

export type TokenEncoding = "o200k_base" | "cl100k_base";

/** A stored encoding name (Message.tokenEncoding) that counts can be made in. */
export const isTokenEncoding = (name: string | null): name is TokenEncoding =>
  name === "o200k_base" || name === "cl100k_base";

/** The encoding a message was counted in, for counting it again; o200k_base when it names none Parley knows. */
export const storedEncoding = (name: string | null): TokenEncoding => (isTokenEncoding(name) ? name : "o200k_base");

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

// The tokenizer merges each piece of a text in time that grows with the square of the piece's length, and its
// pieces have no bound on three kinds of run: letters, punctuation or symbols, and white space. 20,000 CJK
// characters without punctuation took 2 s of the main thread, 30,000 dashes or newlines 0.6 s, a megabyte of one
// letter many minutes, and any user can send that. Runs longer than LONGEST_RUN of one kind are therefore counted in
// parts of that length: for them an estimate (a part's boundary can add a token), for all other text the exact
// count. Real words are far shorter; such runs are CJK text without punctuation, rules of dashes, blank pages,
// encoded data, or an attack.
const LONGEST_RUN = 64;
const LONG_RUN = new RegExp(
  `[\\p{L}\\p{M}]{${LONGEST_RUN + 1},}|[^\\s\\p{L}\\p{N}]{${LONGEST_RUN + 1},}|\\s{${LONGEST_RUN + 1},}`,
  "gu",
);

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The text cut inside its runs longer than LONGEST_RUN, so that no part holds more of a run than that. */
export function splitLongRuns(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const run of text.matchAll(LONG_RUN)) {
    const runEnd = run.index + run[0].length;
    for (let cut = run.index + LONGEST_RUN; cut < runEnd; cut += LONGEST_RUN) {
      // Never between the two halves of a character outside the BMP (CJK extension B, say).
      if (isLowSurrogate(text.charCodeAt(cut))) cut += 1;
      if (cut >= runEnd) break;
      parts.push(text.slice(start, cut));
      start = cut;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function countTokens(text: string, encoding: TokenEncoding): number {
  if (text === "") return 0;
  const count = loadCounter(encoding);
  if (text.length <= LONGEST_RUN) return count(text, PLAIN_TEXT);
  return splitLongRuns(text).reduce((sum, part) => sum + count(part, PLAIN_TEXT), 0);
}

// A reply shaped like a real model's (headings, prose, lists, a table, code, inline code and math), repeated to the
// wanted length, and split into real tokens (o200k_base), the pieces a model streams.
import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";

const SECTION = `## Step {n}: reading the logs

The service writes one line per request, so the first thing to check is whether the \`request_id\` shows up at
all. When it does, compare the timestamps: a gap of more than a second usually means the pool was exhausted.

- Open the dashboard and filter by the failing route.
- Sort by latency, **slowest first**, and note the *p99*.
- Compare with yesterday's numbers.

| metric | before | after |
|---|---:|---:|
| p50 | 12 ms | 9 ms |
| p99 | 140 ms | 61 ms |

\`\`\`typescript
async function findSlowRequests(lines: string[], limitMs = 1000) {
  return lines.map((line) => JSON.parse(line)).filter((entry) => entry.durationMs > limitMs);
}
\`\`\`

The expected wait grows like $W = \\frac{\\rho}{\\mu - \\lambda}$ as the load approaches capacity.

`;

export function buildSampleReply(characters: number): string {
  let text = "";
  for (let section = 1; text.length < characters; section++) text += SECTION.replace("{n}", String(section));
  return text.slice(0, characters);
}

/**
 * The reply as streamed deltas, `tokensPerDelta` real tokens each: the app asks the model for at most
 * max_tokens deltas (the fake counts one token a delta), so long replies travel a few tokens at a time.
 */
export function splitIntoTokenDeltas(text: string, tokensPerDelta: number): { deltas: string[]; tokens: number } {
  const tokens = encode(text);
  const deltas: string[] = [];
  for (let start = 0; start < tokens.length; start += tokensPerDelta) {
    deltas.push(decode(tokens.slice(start, start + tokensPerDelta)));
  }
  return { deltas, tokens: tokens.length };
}

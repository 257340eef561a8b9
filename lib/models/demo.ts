// The offline demo model: answers without any network so that a fresh install works at once. It is served by
// this app over the OpenAI wire protocol (app/api/demo/v1), so it takes the same path as every real model.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env, requireEnv } from "../env";
import { listenAddressOf } from "../server/listen-address";

export const DEMO_MODEL_NAME = "parley-demo";

/** This server itself, where it listens (HOSTNAME): loopback when it listens on every interface. */
export function getDemoBaseUrl(): string {
  const address = listenAddressOf(env().HOSTNAME);
  const host =
    address === "0.0.0.0" || address === "::" ? "127.0.0.1" : address.includes(":") ? `[${address}]` : address;
  return `http://${host}:${env().PORT}/api/demo/v1`;
}

/** A key derived from AUTH_SECRET keeps the demo endpoint from being an open service of this host. */
export function getDemoApiKey(): string {
  return createHmac("sha256", requireEnv("AUTH_SECRET")).update("parley-demo-model").digest("hex");
}

export function isDemoApiKey(authorization: string | null): boolean {
  const presented = Buffer.from(authorization?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(getDemoApiKey());
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

// The demo's welcome: what Parley renders (a table, code, math) and how to connect a real model, in one reply.
export const DEMO_WELCOME = [
  "Hello! I am **Parley's built-in demo model**. I run offline and cannot think: I send your messages back,",
  "so you can see how Parley renders them. Write `help` to see this again.",
  "",
  "To chat with a real model:",
  "",
  "| Model | What to do |",
  "|---|---|",
  "| OpenAI | set `OPENAI_API_KEY` and restart Parley |",
  "| Ollama, vLLM, LM Studio, llama.cpp | set `OPENAI_BASE_URL` (and `OPENAI_MODELS`) and restart |",
  "| Any of them, without a restart | an admin adds a provider in **Admin console → Providers** |",
  "",
  "```sh",
  "export OPENAI_API_KEY=sk-...",
  "npm run dev",
  "```",
  "",
  "Math works too: $e^{i\\pi} + 1 = 0$, and",
  "",
  "$$",
  "\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}",
  "$$",
].join("\n");

const HELP_WORDS = new Set(["help", "/help", "?", "帮助"]);

/**
 * A deterministic reply that shows the streaming path and the rendering working: the welcome on the first reply
 * of a conversation and on "help", otherwise the message itself, untouched, so that its Markdown is rendered.
 */
export function composeDemoReply(lastUserMessage: string, isFirstReply = false): string {
  const isHelp = HELP_WORDS.has(lastUserMessage.trim().toLowerCase());
  if (isHelp) return DEMO_WELCOME;
  const echo = `You wrote:\n\n${lastUserMessage}`;
  return isFirstReply ? `${DEMO_WELCOME}\n\n---\n\n${echo}` : echo;
}

// Enough deltas to watch the reply stream in, few enough that a long message does not take minutes.
const MAX_DELTAS = 200;

/** Splits a reply into word-sized deltas (several words each in a long reply); joined, they restore the text. */
export function splitIntoDeltas(text: string): string[] {
  const leading = text.match(/^\s*/)?.[0] ?? "";
  const words: string[] = text.slice(leading.length).match(/\S+\s*/g) ?? [];
  if (leading) words.unshift(leading);
  const wordsPerDelta = Math.ceil(words.length / MAX_DELTAS);
  if (wordsPerDelta <= 1) return words;
  const deltas: string[] = [];
  for (let index = 0; index < words.length; index += wordsPerDelta) {
    deltas.push(words.slice(index, index + wordsPerDelta).join(""));
  }
  return deltas;
}

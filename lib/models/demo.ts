// The offline demo model: answers without any network so that a fresh install works at once. It is served by
// this app over the OpenAI wire protocol (app/api/demo/v1), so it takes the same path as every real model.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env, requireEnv } from "../env";

export const DEMO_MODEL_NAME = "parley-demo";

export function getDemoBaseUrl(): string {
  return `http://127.0.0.1:${env().PORT}/api/demo/v1`;
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

/** A deterministic, friendly reply that shows the streaming path working. */
export function composeDemoReply(lastUserMessage: string): string {
  const quoted = lastUserMessage.trim().replace(/\s+/g, " ").slice(0, 200);
  return [
    "Hello! I am Parley's built-in demo model. I run offline, so I can't really think,",
    `but I received your message: "${quoted}".`,
    "To chat with a real model, set OPENAI_API_KEY (and OPENAI_BASE_URL for Ollama, vLLM or any",
    "OpenAI-compatible server) and restart Parley, or ask an admin to add a provider.",
  ].join(" ");
}

/** Splits a reply into word-sized deltas, keeping the spaces so that joining them restores the text. */
export function splitIntoDeltas(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

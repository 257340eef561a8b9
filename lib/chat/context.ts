// The messages sent to the model for a turn: the system prompt, then the thread up to the new user message.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { MessageView } from "../db/messages";

const upstreamRole = { SYSTEM: "system", USER: "user", ASSISTANT: "assistant" } as const;

export function buildContextMessages(systemPrompt: string | null, thread: MessageView[]): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = systemPrompt ? [{ role: "system", content: systemPrompt }] : [];
  for (const message of thread) {
    // A reply that failed before its first token has nothing to tell the model.
    if (message.role === "ASSISTANT" && message.content === "") continue;
    messages.push({ role: upstreamRole[message.role], content: message.content });
  }
  return messages;
}

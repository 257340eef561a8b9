// The files of the messages a context window sends, put into those messages (turn-content.ts). Read once per
// reply, for the sent messages only.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { getAttachmentsForMessages } from "../db/attachments";
import { buildTurnContent, type TurnFile } from "./turn-content";

export async function addFilesToMessages(
  messages: ChatCompletionMessageParam[],
  sentMessageIds: string[],
  readsImages: boolean,
): Promise<ChatCompletionMessageParam[]> {
  const files = await getAttachmentsForMessages(sentMessageIds, readsImages);
  if (files.length === 0) return messages;
  const byMessage = new Map<string, TurnFile[]>();
  for (const file of files) {
    if (file.messageId) byMessage.set(file.messageId, [...(byMessage.get(file.messageId) ?? []), file]);
  }
  // The sent messages are the last ones, in order, after the system prompt (if any).
  const offset = messages.length - sentMessageIds.length;
  return messages.map((message, index) => {
    const own = index >= offset ? byMessage.get(sentMessageIds[index - offset] ?? "") : undefined;
    if (!own || message.role !== "user" || typeof message.content !== "string") return message;
    return { role: "user", content: buildTurnContent(message.content, own, readsImages) };
  });
}

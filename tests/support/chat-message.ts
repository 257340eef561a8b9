import type { ChatMessage } from "@/app/_components/api/types";

/** A message as the browser holds it, complete and plain unless `fields` say otherwise: for unit tests of the thread. */
export function chatMessage(fields: Pick<ChatMessage, "id" | "parentId"> & Partial<ChatMessage>): ChatMessage {
  return {
    role: "USER",
    content: fields.id,
    status: "COMPLETE",
    createdAt: "2026-12-04T00:00:00.000Z",
    siblingIds: [],
    errorCode: null,
    finishReason: null,
    context: null,
    author: null,
    imported: false,
    reasoning: null,
    reasoningMs: null,
    usage: null,
    attachments: [],
    ...fields,
  };
}

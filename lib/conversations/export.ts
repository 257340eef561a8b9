// Exports: one conversation as Markdown (the thread on screen) or as JSON (the whole tree, every version), and all
// of an account's data as JSON. The JSON formats are what import.ts reads back.
import { ownConversationsWhere, readableConversationsWhere } from "../access/conversations";
import type { SessionUser } from "../auth/session";
import {
  type ConversationTree,
  type ConversationTreeWithFiles,
  getAccountOrThrow,
  getConversationTreeOrThrow,
  listConversationTrees,
  readAttachmentBytes,
} from "../db/conversation-export";
import { toExportFileName } from "./export-file-name";
import { ACCOUNT_EXPORT_FORMAT, CONVERSATION_EXPORT_FORMAT, EXPORT_VERSION } from "./export-format";
import { streamJsonWithFiles } from "./json-with-files";

export { ACCOUNT_EXPORT_FORMAT, CONVERSATION_EXPORT_FORMAT, EXPORT_VERSION };

type ExportFile = { fileName: string; contentType: string; body: string | ReadableStream<Uint8Array> };

type TreeMessage = Omit<ConversationTree["messages"][number], "attachments"> & {
  attachments: { name: string; contentType: string; size: number; sha256?: string }[];
};
type FileOf = (file: { sha256: string }) => string;

/**
 * A message as the file has it. Its files: with their bytes (base64, placed by `dataOf` and read as the download
 * reaches them) in one conversation's export, which import restores; by name in the account's export, which would
 * otherwise hold all of a user's storage.
 */
function toExportedMessage({ attachments, ...message }: TreeMessage, dataOf: FileOf | null) {
  if (attachments.length === 0) return message;
  const files = attachments.map(({ name, contentType, size, sha256 }) =>
    dataOf && sha256 ? { name, contentType, size, data: dataOf({ sha256 }) } : { name, contentType, size },
  );
  return { ...message, attachments: files };
}

function toExportedConversation(conversation: ConversationTree | ConversationTreeWithFiles, dataOf: FileOf | null) {
  const { id, title, systemPrompt, createdAt, updatedAt, currentLeafId, model } = conversation;
  const messages = conversation.messages.map((message: TreeMessage) => toExportedMessage(message, dataOf));
  const currentMessageId = currentLeafId;
  return { id, title, systemPrompt, createdAt, updatedAt, model: model?.label ?? null, currentMessageId, messages };
}

/** The path from the current leaf to the root, oldest first: what the conversation shows. */
function selectCurrentThread(conversation: ConversationTree) {
  const byId = new Map(conversation.messages.map((message) => [message.id, message]));
  const thread = [];
  for (let message = byId.get(conversation.currentLeafId ?? ""); message; message = byId.get(message.parentId ?? "")) {
    thread.push(message);
  }
  return thread.reverse();
}

const ROLE_HEADINGS = { SYSTEM: "System", USER: "User", ASSISTANT: "Assistant" } as const;

/** A message's files as the thread shows them (chips under it): their names, in a line after its text. */
function attachedLine(message: TreeMessage): string {
  if (message.attachments.length === 0) return "";
  return `\n\nAttached: ${message.attachments.map((file) => file.name).join(", ")}`;
}

function toMarkdown(conversation: ConversationTree): string {
  const blocks = selectCurrentThread(conversation).map(
    (message) => `## ${ROLE_HEADINGS[message.role]}\n\n${message.content.trim()}${attachedLine(message)}`,
  );
  const header = `# ${conversation.title}\n\n_Exported from Parley on ${new Date().toISOString()}._`;
  // The conversation's own prompt, as its page shows it above the thread.
  const prompt = conversation.systemPrompt ? [`## System prompt\n\n${conversation.systemPrompt}`] : [];
  return `${[header, ...prompt, ...blocks].join("\n\n")}\n`;
}

export async function exportMyConversation(
  user: SessionUser,
  id: string,
  format: "markdown" | "json",
): Promise<ExportFile> {
  const conversation = await getConversationTreeOrThrow(readableConversationsWhere(user.id), id);
  if (format === "markdown") {
    return {
      fileName: toExportFileName(conversation.title, "md"),
      contentType: "text/markdown; charset=utf-8",
      body: toMarkdown(conversation),
    };
  }
  const body = streamJsonWithFiles(
    (dataOf: FileOf) => ({
      format: CONVERSATION_EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date(),
      conversation: toExportedConversation(conversation, dataOf),
    }),
    (file) => readAttachmentBytes(file.sha256),
  );
  return {
    fileName: toExportFileName(conversation.title, "json"),
    contentType: "application/json; charset=utf-8",
    body,
  };
}

export async function exportMyData(user: SessionUser): Promise<ExportFile> {
  const [account, conversations] = await Promise.all([
    getAccountOrThrow(user.id),
    listConversationTrees(ownConversationsWhere(user.id)),
  ]);
  const document = {
    format: ACCOUNT_EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(),
    account,
    // A conversation that never got a message (a new chat whose first message was refused) is nothing of the user's.
    conversations: conversations
      .filter((conversation) => conversation.messages.length > 0)
      .map((conversation) => toExportedConversation(conversation, null)),
  };
  return {
    fileName: `parley-export-${new Date().toISOString().slice(0, 10)}.json`,
    contentType: "application/json; charset=utf-8",
    body: JSON.stringify(document, null, 2),
  };
}

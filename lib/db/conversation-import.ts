// Writing imported conversations: all of a file's conversations and messages in one transaction, or nothing.
import { db, type MessageRole } from "./client";
import { createId } from "./ids";

export type ImportedRow = {
  id: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  createdAt: Date;
  tokenCount: number;
  tokenEncoding: string | null;
  depth: number;
  threadTokens: number;
  /** Provenance (Message.imported): a file's messages are imported; a copy keeps its source's mark. Default true. */
  imported?: boolean;
};

export type ConversationToImport = {
  title: string;
  createdAt: Date;
  updatedAt: Date;
  currentLeafId: string | null;
  messages: ImportedRow[];
};

// A large export holds thousands of conversations; the default 5 s would end the transaction half way.
const IMPORT_TIMEOUT_MS = 120_000;

export async function insertImportedConversations(
  owner: { ownerId: string; modelId: string },
  conversations: ConversationToImport[],
): Promise<{ id: string; title: string }[]> {
  return db().$transaction(
    async (tx) => {
      const created: { id: string; title: string }[] = [];
      for (const { messages, ...conversation } of conversations) {
        const id = createId();
        await tx.conversation.create({ data: { id, ...owner, ...conversation }, select: { id: true } });
        await tx.message.createMany({
          data: messages.map(({ imported = true, ...message }) => ({
            ...message,
            imported,
            conversationId: id,
            authorId: message.role === "USER" ? owner.ownerId : null,
            updatedAt: message.createdAt,
          })),
        });
        created.push({ id, title: conversation.title });
      }
      return created;
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_TIMEOUT_MS },
  );
}

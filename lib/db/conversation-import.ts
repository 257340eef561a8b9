// Writing imported conversations: all of a file's conversations and messages in one transaction, or nothing.
import { checkQuotaAfterWrite, copyAttachmentsToMessages, storageBytesOf, storeContents } from "./attachments";
import { type AttachmentKind, db, type MessageRole, Prisma } from "./client";
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
  /** A reply's thinking, kept apart from its content (never sent back as context). */
  reasoning?: string | null;
  reasoningMs?: number | null;
  /** Files as the import file has them (base64), from the worker; turned into `files` before writing. */
  encodedFiles?: { name: string; data?: string }[];
  /** Files of the message, checked like uploads (lib/attachments/import-files.ts) before they are written. */
  files?: ImportedFile[];
};

export type ImportedFile = {
  name: string;
  kind: "IMAGE" | "DOCUMENT";
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  text: string | null;
  tokenCount: number;
};

export type ConversationToImport = {
  title: string;
  systemPrompt?: string | null;
  createdAt: Date;
  updatedAt: Date;
  currentLeafId: string | null;
  messages: ImportedRow[];
};

// Prisma's createMany builds its statement synchronously, in time that grows fast with its data: for a conversation
// of thousands of long messages it held the event loop for seconds (issue 12). Messages go in as arrays of
// parameters instead, a few hundred a statement, so that the loop turns between statements.
const MESSAGES_PER_STATEMENT = 250;

function insertMessagesSql(conversationId: string, ownerId: string, messages: ImportedRow[]) {
  const column = <K extends keyof ImportedRow>(key: K) => messages.map((message) => message[key]);
  const imported = messages.map((message) => message.imported ?? true);
  const reasoning = messages.map((message) => message.reasoning ?? null);
  const reasoningMs = messages.map((message) => message.reasoningMs ?? null);
  return Prisma.sql`
    INSERT INTO "Message" (id, "conversationId", "parentId", role, content, "authorId", "createdAt", "updatedAt",
                           "tokenCount", "tokenEncoding", depth, "threadTokens", imported, reasoning, "reasoningMs")
    SELECT m.id, ${conversationId}, m.parent_id, m.role::"MessageRole", m.content,
           CASE WHEN m.role = 'USER' THEN ${ownerId} END, m.created_at, m.created_at,
           m.token_count, m.token_encoding, m.depth, m.thread_tokens, m.imported, m.reasoning, m.reasoning_ms
      FROM unnest(${column("id")}::text[], ${column("parentId")}::text[], ${column("role")}::text[],
                  ${column("content")}::text[], ${column("createdAt")}::timestamp(3)[], ${column("tokenCount")}::int[],
                  ${column("tokenEncoding")}::text[], ${column("depth")}::int[], ${column("threadTokens")}::int[],
                  ${imported}::boolean[], ${reasoning}::text[], ${reasoningMs}::int[])
           AS m(id, parent_id, role, content, created_at, token_count, token_encoding, depth, thread_tokens, imported,
                reasoning, reasoning_ms)`;
}
// A large export holds thousands of conversations; the default 5 s would end the transaction half way.
const IMPORT_TIMEOUT_MS = 120_000;

export type ImportOptions = {
  /** The owner's storage quota: the files written (imported or copied) must fit in it, or nothing is written. */
  quotaBytes: number;
  /**
   * Files of other messages to copy to the new ones ([source message id, new message id]), of the kinds given:
   * "Copy to my chats" takes all, a share link's copy those its link includes.
   */
  copyFilesOf?: { pairs: [string, string][]; kinds: readonly AttachmentKind[] };
};

export async function insertImportedConversations(
  owner: { ownerId: string; modelId: string },
  conversations: ConversationToImport[],
  options: ImportOptions,
): Promise<{ id: string; title: string }[]> {
  return db().$transaction(
    async (tx) => {
      // The quota is checked under the owner's lock, after the writes (checkQuotaAfterWrite).
      let addedBytes = 0;
      const created: { id: string; title: string }[] = [];
      for (const { messages, ...conversation } of conversations) {
        const id = createId();
        await tx.conversation.create({ data: { id, ...owner, ...conversation }, select: { id: true } });
        for (let start = 0; start < messages.length; start += MESSAGES_PER_STATEMENT) {
          await tx.$executeRaw(
            insertMessagesSql(id, owner.ownerId, messages.slice(start, start + MESSAGES_PER_STATEMENT)),
          );
        }
        const files = messages.flatMap(({ encodedFiles: _encoded, ...message }) =>
          (message.files ?? []).map(({ bytes, ...file }) => ({
            ...file,
            id: createId(),
            ownerId: owner.ownerId,
            messageId: message.id,
            size: bytes.byteLength,
          })),
        );
        await storeContents(
          tx,
          messages.flatMap((message) => message.files ?? []),
        );
        addedBytes += messages.reduce(
          (sum, message) => sum + (message.files ?? []).reduce((total, file) => total + storageBytesOf(file), 0),
          0,
        );
        // A millisecond apart, in the file's order: a message's files are listed by creation.
        const start = Date.now();
        const ordered = files.map((file, index) => ({ ...file, createdAt: new Date(start + index) }));
        if (ordered.length > 0) await tx.attachment.createMany({ data: ordered });
        created.push({ id, title: conversation.title });
      }
      if (options.copyFilesOf) {
        const { pairs, kinds } = options.copyFilesOf;
        addedBytes += await copyAttachmentsToMessages(tx, owner.ownerId, pairs, kinds);
      }
      await checkQuotaAfterWrite(tx, { ownerId: owner.ownerId, quotaBytes: options.quotaBytes, addedBytes });
      return created;
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: IMPORT_TIMEOUT_MS },
  );
}

// Reading whole conversations, every branch included, for exports.
import { AppError } from "../errors";
import { db, type Prisma } from "./client";
import { replyUsageFields } from "./reply-usage";

const treeFields = {
  id: true,
  title: true,
  systemPrompt: true,
  createdAt: true,
  updatedAt: true,
  currentLeafId: true,
  model: { select: { label: true } },
  messages: {
    select: {
      id: true,
      parentId: true,
      role: true,
      content: true,
      reasoning: true,
      reasoningMs: true,
      status: true,
      createdAt: true,
      // A reply's usage (replyUsageFields); null for other messages. Import leaves it out.
      usage: { select: replyUsageFields },
      // Attachments (issue 15) by name; one conversation's export also reads their bytes (treeWithFileFields).
      attachments: {
        select: { name: true, contentType: true, size: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
    // By depth first: in the file every message comes after its parent.
    orderBy: [{ depth: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.ConversationSelect;

const treeWithFileFields = {
  ...treeFields,
  messages: {
    ...treeFields.messages,
    select: {
      ...treeFields.messages.select,
      attachments: {
        ...treeFields.messages.select.attachments,
        select: { name: true, contentType: true, size: true, sha256: true },
      },
    },
  },
} as const satisfies Prisma.ConversationSelect;

export type ConversationTree = Prisma.ConversationGetPayload<{ select: typeof treeFields }>;
/** A conversation with its files' content keys: an export reads their bytes one at a time (readAttachmentBytes). */
export type ConversationTreeWithFiles = Prisma.ConversationGetPayload<{ select: typeof treeWithFileFields }>;

export async function getConversationTreeOrThrow(
  scope: Prisma.ConversationWhereInput,
  id: string,
): Promise<ConversationTreeWithFiles> {
  const conversation = await db().conversation.findFirst({
    where: { AND: [scope, { id }] },
    select: treeWithFileFields,
  });
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}

/** A file's bytes by their SHA-256 (shared between identical files); null once no file has them. */
export async function readAttachmentBytes(sha256: string): Promise<Uint8Array | null> {
  const content = await db().attachmentContent.findUnique({ where: { sha256 }, select: { bytes: true } });
  return content?.bytes ?? null;
}

export function listConversationTrees(scope: Prisma.ConversationWhereInput): Promise<ConversationTree[]> {
  return db().conversation.findMany({
    where: scope,
    select: treeFields,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The account as its owner may see it: never the password hash or session state. */
export async function getAccountOrThrow(userId: string) {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
  if (!user) throw new AppError("not_found", "Account not found.");
  return user;
}

// The files an import accepts: a ChatGPT export (conversations.json) and Parley's own JSON exports. Objects are not
// strict here, unlike request bodies: these are other programs' file formats, which carry many fields we ignore.
import { z } from "zod";
import { systemPromptSchema } from "../chat/system-prompt";
import type { MessageRole } from "../db/client";
import { ATTACHMENT_LIMIT_CEILINGS } from "../limits";
import { ACCOUNT_EXPORT_FORMAT, CONVERSATION_EXPORT_FORMAT, EXPORT_VERSION } from "./export-format";

/** One conversation as every format converts to it: messages ordered parents first. */
export type ImportedMessage = {
  key: string;
  parentKey: string | null;
  role: MessageRole;
  content: string;
  createdAt: Date;
  reasoning?: string | null;
  reasoningMs?: number | null;
  /** Files of a Parley export (base64), checked again on import like an upload. */
  attachments?: { name: string; data?: string }[];
};
export type ImportedConversation = {
  title: string;
  /** The conversation's own system prompt (Parley exports since it can be set); other formats have none. */
  systemPrompt?: string | null;
  createdAt: Date;
  messages: ImportedMessage[];
  currentKey: string | null;
};

const chatGptNodeSchema = z.object({
  id: z.string(),
  parent: z.string().nullish(),
  children: z.array(z.string()).default([]),
  message: z
    .object({
      author: z.object({ role: z.string() }),
      content: z.object({ content_type: z.string(), parts: z.array(z.unknown()).nullish() }),
      create_time: z.number().nullish(),
      metadata: z.object({ is_visually_hidden_from_conversation: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
});
export type ChatGptNode = z.infer<typeof chatGptNodeSchema>;

const chatGptConversationSchema = z.object({
  title: z.string().nullish(),
  create_time: z.number().nullish(),
  mapping: z.record(z.string(), chatGptNodeSchema),
  current_node: z.string().nullish(),
});
export type ChatGptConversation = z.infer<typeof chatGptConversationSchema>;

const exportedConversationSchema = z.object({
  title: z.string(),
  systemPrompt: systemPromptSchema.optional(),
  createdAt: z.coerce.date(),
  currentMessageId: z.string().nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      // Not SYSTEM: a system instruction comes only from the admin's model and the conversation's settings.
      role: z.enum(["USER", "ASSISTANT"]),
      content: z.string(),
      // A reasoning model's thinking (exports since issue 14); older files have none.
      reasoning: z.string().nullish(),
      reasoningMs: z.number().int().nonnegative().max(2_147_483_647).nullish(),
      createdAt: z.coerce.date(),
      // Attachments (issue 15): base64 in one conversation's export; by name only in an account export. As many as
      // any admin may allow a message; those past this server's own limit are left out (import-files.ts).
      attachments: z
        .array(z.object({ name: z.string().min(1).max(255), data: z.string().optional() }))
        .max(ATTACHMENT_LIMIT_CEILINGS.filesPerMessage)
        .optional(),
    }),
  ),
});
export type ExportedConversation = z.infer<typeof exportedConversationSchema>;

export const chatGptExportSchema = z.array(chatGptConversationSchema).min(1, "The file has no conversations.");

export const conversationExportSchema = z.object({
  format: z.literal(CONVERSATION_EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  conversation: exportedConversationSchema,
});

export const accountExportSchema = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  conversations: z.array(exportedConversationSchema),
});

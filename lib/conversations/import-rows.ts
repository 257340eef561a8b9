// Reading an import file into the rows to insert: parse, validate, convert each format to one shape, and give
// each message the token count, depth and running thread total that a turn would give it, so that context windows
// work on an imported conversation exactly as on one written here. Pure CPU work with no database: it runs in the
// import worker (import-worker.ts), off the event loop.
import type { z } from "zod";
import { countTokens, type TokenEncoding } from "../chat/tokens";
import type { ConversationToImport, ImportedRow } from "../db/conversation-import";
import { createId } from "../db/ids";
import { AppError } from "../errors";
import { parseFields } from "../http/field-issues";
import { MAX_TITLE_LENGTH } from "../limits";
import { ACCOUNT_EXPORT_FORMAT, CONVERSATION_EXPORT_FORMAT } from "./export-format";
import { convertChatGptConversation } from "./import-chatgpt";
import {
  accountExportSchema,
  chatGptExportSchema,
  conversationExportSchema,
  type ExportedConversation,
  type ImportedConversation,
} from "./import-formats";

const MAX_REPORTED_ISSUES = 5;

/**
 * Each message's distance from its root, walking up through the parents; a parent that is missing (or a loop, in
 * an edited file) ends the walk, and the message there becomes a root.
 */
function measureDepths(parentOf: Map<string, string | null>): Map<string, number> {
  const depths = new Map<string, number>();
  for (const id of parentOf.keys()) {
    const path = new Set<string>();
    let current: string | null | undefined = id;
    while (current && parentOf.has(current) && !depths.has(current) && !path.has(current)) {
      path.add(current);
      current = parentOf.get(current);
    }
    let depth = current && depths.has(current) ? (depths.get(current) ?? 0) + 1 : 0;
    for (const each of [...path].reverse()) depths.set(each, depth++);
  }
  return depths;
}

function convertExportedConversation(conversation: ExportedConversation): ImportedConversation {
  const depths = measureDepths(new Map(conversation.messages.map((message) => [message.id, message.parentId])));
  const depthOf = (id: string) => depths.get(id) ?? 0;
  const messages = conversation.messages
    .map(({ id, parentId, ...message }) => ({
      ...message,
      key: id,
      parentKey: parentId && depths.has(parentId) && depthOf(parentId) < depthOf(id) ? parentId : null,
    }))
    .sort((a, b) => depthOf(a.key) - depthOf(b.key));
  return {
    title: conversation.title,
    systemPrompt: conversation.systemPrompt,
    createdAt: conversation.createdAt,
    currentKey: conversation.currentMessageId,
    messages,
  };
}

const NOT_AN_EXPORT = "This file is not a ChatGPT export (conversations.json) or a Parley JSON export.";
// A file that names Parley's format is one of its exports, whatever else is wrong with it (a prompt edited past the
// limit, a file from a newer Parley): told apart from a file that is no export at all.
const INVALID_EXPORT = "This Parley export holds values Parley cannot take (was it edited?).";

function parseFile<T>(schema: z.ZodType<T>, body: unknown, isParleyExport = false): T {
  const parsed = parseFields(schema, body);
  if (parsed.success) return parsed.data;
  const issues = parsed.issues.slice(0, MAX_REPORTED_ISSUES);
  const [code, headline] = isParleyExport
    ? (["invalid_export", INVALID_EXPORT] as const)
    : (["not_an_export", NOT_AN_EXPORT] as const);
  throw new AppError(code, `${headline} The first problems are listed.`, { issues });
}

/** The format is told by the shape: ChatGPT's file is an array, Parley's exports name their format. */
function readImportFile(body: unknown): ImportedConversation[] {
  if (Array.isArray(body)) return parseFile(chatGptExportSchema, body).map(convertChatGptConversation);
  const format = typeof body === "object" && body !== null && "format" in body ? body.format : undefined;
  if (format === CONVERSATION_EXPORT_FORMAT) {
    return [convertExportedConversation(parseFile(conversationExportSchema, body, true).conversation)];
  }
  if (format === ACCOUNT_EXPORT_FORMAT) {
    return parseFile(accountExportSchema, body, true).conversations.map(convertExportedConversation);
  }
  throw new AppError("not_an_export", NOT_AN_EXPORT);
}

/** New ids, the tree's depths and running token totals; messages whose parent is missing become roots. */
function toRows(conversation: ImportedConversation, encoding: TokenEncoding): ConversationToImport {
  const rowsByKey = new Map<string, ImportedRow>();
  for (const message of conversation.messages) {
    const parent = message.parentKey ? rowsByKey.get(message.parentKey) : undefined;
    const tokenCount = countTokens(message.content, encoding);
    rowsByKey.set(message.key, {
      id: createId(),
      parentId: parent?.id ?? null,
      role: message.role,
      content: message.content,
      reasoning: message.reasoning ?? null,
      reasoningMs: message.reasoningMs ?? null,
      encodedFiles: message.attachments,
      createdAt: message.createdAt,
      tokenCount,
      tokenEncoding: encoding,
      depth: parent ? parent.depth + 1 : 0,
      threadTokens: (parent?.threadTokens ?? 0) + tokenCount,
    });
  }
  const messages = [...rowsByKey.values()];
  const lastActivity = Math.max(conversation.createdAt.getTime(), ...messages.map((row) => row.createdAt.getTime()));
  return {
    title: conversation.title.trim().slice(0, MAX_TITLE_LENGTH) || "Imported chat",
    systemPrompt: conversation.systemPrompt ?? null,
    createdAt: conversation.createdAt,
    updatedAt: new Date(lastActivity),
    currentLeafId: rowsByKey.get(conversation.currentKey ?? "")?.id ?? messages.at(-1)?.id ?? null,
    messages,
  };
}

/** The JSON text of an import file as rows to insert; AppError (not_an_export) for a file that is not one. */
export function readImportRows(text: string, encoding: TokenEncoding): ConversationToImport[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new AppError(
      "not_an_export",
      "This file is not JSON, so not a ChatGPT export (conversations.json) or a Parley JSON export.",
      { cause },
    );
  }
  const conversations = readImportFile(body).filter((conversation) => conversation.messages.length > 0);
  if (conversations.length === 0) throw new AppError("nothing_to_import", "The file has no messages to import.");
  return conversations.map((conversation) => toRows(conversation, encoding));
}

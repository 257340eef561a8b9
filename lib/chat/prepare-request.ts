// Turns a started reply into the upstream request: the context window for its thread, and the manifest that
// records what was sent.
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { addFilesToMessages } from "../attachments/request-files";
import { getWindowCandidates, limitWindowCandidates, type WindowCandidate } from "../db/messages";
import type { CompletionModel } from "../db/models";
import { assembleContextWindow, type ContextManifest, getWindowBudget, MESSAGE_FRAMING_TOKENS } from "./context-window";
import type { Parameters } from "./parameters";
import { getSystemPrompt } from "./system-prompt";
import { countTokens, encodingForModel, isTokenEncoding, type TokenEncoding } from "./tokens";

export type ReplyManifest = ContextManifest & {
  model: { id: string; upstreamName: string; version: number };
  parameters: Parameters;
};

export type PreparedRequest = { messages: ChatCompletionMessageParam[]; manifest: ReplyManifest };

type PrepareInput = {
  model: CompletionModel;
  parameters: Parameters;
  conversationSystemPrompt: string | null;
  userMessageId: string;
  /** The custom instructions of who sent the turn (or regenerated it), read with the turn's context. */
  customInstructions: string | null;
  /** The thread ending at the user message when it was read already (lib/db/turn-context.ts); else it is read here. */
  thread?: WindowCandidate[];
};

/**
 * A message's tokens in `encoding`: its stored count when it was counted so, else its text counted again. The part
 * of the stored count that its files make (documents' text, images' estimates) is kept as it was counted: an
 * estimate across model families, as olderUnread is, where counting the text alone would leave the files out.
 */
function tokensOf(row: WindowCandidate, encoding: TokenEncoding): number {
  if (row.tokenEncoding === encoding) return row.tokenCount;
  const text = countTokens(row.content, encoding);
  if (!row.hasFiles || !isTokenEncoding(row.tokenEncoding)) return text;
  return text + Math.max(0, row.tokenCount - countTokens(row.content, row.tokenEncoding));
}

function assembleRequest(input: PrepareInput, rows: WindowCandidate[]) {
  const { model, parameters } = input;
  const encoding = encodingForModel(model.upstreamName);
  const oldest = rows[0];
  const { messages, manifest } = assembleContextWindow({
    systemPrompt: getSystemPrompt(input.conversationSystemPrompt, model, encoding, input.customInstructions),
    thread: rows.map((row) => ({
      id: row.id,
      role: row.role,
      content: row.content,
      tokens: tokensOf(row, encoding),
    })),
    // Counted in the encoding they were cached in: exact for one model, an estimate across model families.
    olderUnread: oldest
      ? { count: oldest.depth, tokens: oldest.threadTokens - oldest.tokenCount }
      : { count: 0, tokens: 0 },
    contextWindow: model.contextWindow,
    maxOutputTokens: parameters.maxTokens,
    encoding,
  });
  const modelSnapshot = { id: model.id, upstreamName: model.upstreamName, version: model.version };
  const sent = new Set(manifest.sentMessageIds);
  const sendsFiles = rows.some((row) => row.hasFiles && sent.has(row.id));
  return { messages, manifest: { ...manifest, model: modelSnapshot, parameters }, sendsFiles };
}

function windowBudget({ model, parameters }: PrepareInput): number {
  return getWindowBudget(model.contextWindow, parameters.maxTokens);
}

export async function prepareRequest(input: PrepareInput): Promise<PreparedRequest> {
  const rows = input.thread
    ? limitWindowCandidates(input.thread, windowBudget(input), MESSAGE_FRAMING_TOKENS)
    : await getWindowCandidates(input.userMessageId, windowBudget(input), MESSAGE_FRAMING_TOKENS);
  const { messages, manifest, sendsFiles } = assembleRequest(input, rows);
  const withFiles = sendsFiles
    ? await addFilesToMessages(messages, manifest.sentMessageIds, input.model.readsImages)
    : messages;
  return { messages: withFiles, manifest };
}

/**
 * The same request from a thread read ahead, without reading the database: null when it would send files (they are
 * read from the database, and a new message's files are claimed only by the turn's write).
 */
export function prepareRequestFromThread(input: PrepareInput & { thread: WindowCandidate[] }): PreparedRequest | null {
  const rows = limitWindowCandidates(input.thread, windowBudget(input), MESSAGE_FRAMING_TOKENS);
  const { messages, manifest, sendsFiles } = assembleRequest(input, rows);
  return sendsFiles ? null : { messages, manifest };
}

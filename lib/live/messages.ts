// A message as the API and the live events show it: the thread (GET), and a reply stream's `start`. Zod only, for
// the server and the browser alike (lib/live/reply-events.ts).
import { z } from "zod";

export const messageRoleSchema = z.enum(["SYSTEM", "USER", "ASSISTANT"]);
export const messageStatusSchema = z.enum(["STREAMING", "COMPLETE", "INTERRUPTED", "ERROR"]);
/**
 * The finish reason of an INTERRUPTED reply: a reader's Stop, or the server stopping before the reply finished (a
 * shutdown whose drain ran out, or a process that died, whose reply another one recovered).
 */
export const READER_STOPPED_FINISH = "interrupted";
export const SERVER_STOPPED_FINISH = "server_stopped";

// What the server reports about the context window a reply was generated with.
export const contextManifestSchema = z.object({
  sentMessages: z.number(),
  droppedMessages: z.number(),
  droppedTokens: z.number(),
  sentTokens: z.number(),
  budget: z.number(),
  reservedForReply: z.number(),
  contextWindow: z.number(),
  encoding: z.string(),
});

// Why a model call failed (category and HTTP status): only admins are sent it, live and stored.
export const replyErrorCauseSchema = z.object({ category: z.string(), status: z.number().nullable() });

// What a finished reply cost and how fast it came (the usage ledger): shown in the reply's "i" popover.
export const replyUsageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  reasoningTokens: z.number().nullable(),
  cachedTokens: z.number().nullable(),
  isEstimated: z.boolean(),
  timeToFirstTokenMs: z.number().nullable(),
  timeToAnswerMs: z.number().nullable(),
  durationMs: z.number(),
  tokensPerSecond: z.number().nullable(),
});

export const attachmentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["IMAGE", "DOCUMENT"]),
  contentType: z.string(),
  size: z.number(),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

// The tree fields default, so the messages in stream events (which may leave them out) share one shape with the
// thread; the thread that GET returns carries them all.
export const chatMessageSchema = z.object({
  id: z.string(),
  role: messageRoleSchema,
  content: z.string(),
  status: messageStatusSchema,
  parentId: z.string().nullable(),
  createdAt: z.string(),
  siblingIds: z.array(z.string()).default([]),
  errorCode: z.string().nullable().default(null),
  // For an INTERRUPTED reply, who stopped it: READER_STOPPED_FINISH or SERVER_STOPPED_FINISH.
  finishReason: z.string().nullable().default(null),
  errorCause: replyErrorCauseSchema.nullish().catch(undefined),
  // Only feeds a notice: a manifest of another shape (an older reply) hides the notice instead of failing the page.
  context: contextManifestSchema.nullable().default(null).catch(null),
  // Who wrote a user turn (a name, never an email); team conversations show it.
  author: z.object({ id: z.string(), name: z.string() }).nullable().default(null),
  // From an imported file: a reply that Parley did not see a model write, and says so.
  imported: z.boolean().default(false),
  // A reasoning model's thinking, shown apart from the answer, and how long it took (null: unknown or none).
  reasoning: z.string().nullable().default(null),
  reasoningMs: z.number().nullable().default(null),
  // A reply's usage once it has ended; null while it streams, for user turns and for replies from before the ledger.
  usage: replyUsageSchema.nullable().default(null).catch(null),
  // A user turn's files (issue 15), opened through GET /api/attachments/{id}.
  attachments: z.array(attachmentViewSchema).default([]).catch([]),
});

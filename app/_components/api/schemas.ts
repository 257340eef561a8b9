import { z } from "zod";

// The browser checks what the API sends back too: a shape drift shows up as a clear failure, not as `undefined`.

export const messageRoleSchema = z.enum(["SYSTEM", "USER", "ASSISTANT"]);
export const messageStatusSchema = z.enum(["STREAMING", "COMPLETE", "INTERRUPTED", "ERROR"]);

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

// The tree fields default, so the messages in stream events (which may leave them out) share one shape with the
// thread; the thread that GET returns carries them all.
// Why a model call failed (category and HTTP status): only admins are sent it, live and stored.
export const replyErrorCauseSchema = z.object({ category: z.string(), status: z.number().nullable() });

export const chatMessageSchema = z.object({
  id: z.string(),
  role: messageRoleSchema,
  content: z.string(),
  status: messageStatusSchema,
  parentId: z.string().nullable(),
  createdAt: z.string(),
  siblingIds: z.array(z.string()).default([]),
  errorCode: z.string().nullable().default(null),
  errorCause: replyErrorCauseSchema.nullish().catch(undefined),
  // Only feeds a notice: a manifest of another shape (an older reply) hides the notice instead of failing the page.
  context: contextManifestSchema.nullable().catch(null),
  // Who wrote a user turn (a name, never an email); team conversations show it.
  author: z.object({ id: z.string(), name: z.string() }).nullable().default(null),
  // From an imported file: a reply that Parley did not see a model write, and says so.
  imported: z.boolean().default(false),
});

export const teamRefSchema = z.object({ id: z.string(), name: z.string() });

// null means "the model's default".
export const conversationParametersSchema = z.object({
  temperature: z.number().nullable().default(null),
  topP: z.number().nullable().default(null),
  maxTokens: z.number().nullable().default(null),
});

export const conversationDetailsSchema = z.object({
  id: z.string(),
  title: z.string(),
  modelId: z.string().nullable(),
  updatedAt: z.string(),
  ...conversationParametersSchema.shape,
});

// What the caller may do with the conversation and where it is shared, as the server decides it from its access
// rules: the page shows only the controls that work.
export const conversationSharingSchema = z.object({
  access: z.enum(["own", "write", "read"]),
  team: teamRefSchema.nullable(),
  ownerName: z.string().nullable(),
  canShare: z.boolean(),
  canStopSharing: z.boolean(),
});

// The newest page of the current thread; older pages are read above its first message (thread-page.ts).
export const conversationSchema = conversationDetailsSchema
  .extend({ messages: z.array(chatMessageSchema) })
  .extend(conversationSharingSchema.shape);

export const teamChoicesSchema = z.object({ team: teamRefSchema.nullable(), teams: z.array(teamRefSchema) });
export const teamSharingSchema = z.object({ team: teamRefSchema.nullable(), canStopSharing: z.boolean() });
export const copiedConversationSchema = z.object({ id: z.string(), title: z.string() });
export const replyStartedEventSchema = z.object({ assistantMessageId: z.string() });

export const threadPageSchema = z.object({ messages: z.array(chatMessageSchema), olderCursor: z.string().nullable() });

export const modelSchema = z.object({
  id: z.string(),
  label: z.string(),
  isDefault: z.boolean(),
  parameters: z.object({
    canChange: z.boolean(),
    temperature: z.object({ default: z.number(), min: z.number(), max: z.number() }),
    topP: z.number(),
    maxOutputTokens: z.number(),
  }),
});

export const modelListSchema = z.object({ items: z.array(modelSchema) });

export const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.string(),
  pinnedAt: z.string().nullable().default(null),
});

// `pinned` comes with the first page only.
export const conversationPageSchema = z.object({
  pinned: z.array(conversationSummarySchema).optional(),
  items: z.array(conversationSummarySchema),
  nextCursor: z.string().nullable(),
});

// `sharedBy` names who shared a result that is not the caller's own, and with which team.
const sharedBySchema = z.object({ ownerName: z.string().nullable(), teamName: z.string().nullable() });
export const searchResultsSchema = z.object({
  items: z.array(
    conversationSummarySchema.extend({
      snippet: z.string().nullable(),
      sharedBy: sharedBySchema.nullable().default(null),
    }),
  ),
});

export const sharedConversationsSchema = z.object({
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      hasMore: z.boolean(),
      conversations: z.array(
        z.object({ id: z.string(), title: z.string(), updatedAt: z.string(), ownerName: z.string().nullable() }),
      ),
    }),
  ),
});

export const startEventSchema = z.object({
  conversationId: z.string(),
  userMessage: chatMessageSchema,
  assistantMessage: chatMessageSchema,
});

export const deltaEventSchema = z.object({ text: z.string() });

export const doneEventSchema = z.object({
  // Providers add their own reasons (content_filter, tool_calls); only the status matters here.
  finishReason: z.string(),
  status: z.enum(["COMPLETE", "INTERRUPTED"]),
});

export const errorEventSchema = z.object({
  code: z.string(),
  message: z.string(),
  cause: replyErrorCauseSchema.optional(),
});

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
});

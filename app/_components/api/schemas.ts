import { z } from "zod";
import { chatMessageSchema } from "@/lib/live/messages";
import { reasoningEfforts } from "@/lib/models/compatibility";

// The browser checks what the API sends back too: a shape drift shows up as a clear failure, not as `undefined`.

// A message's shape is shared with the live events' contract, which the server uses too.
export {
  chatMessageSchema,
  contextManifestSchema,
  messageRoleSchema,
  messageStatusSchema,
  replyErrorCauseSchema,
  replyUsageSchema,
} from "@/lib/live/messages";

export const teamRefSchema = z.object({ id: z.string(), name: z.string() });

// null means "the model's default".
export const conversationParametersSchema = z.object({
  temperature: z.number().nullable().default(null),
  topP: z.number().nullable().default(null),
  maxTokens: z.number().nullable().default(null),
  reasoningEffort: z.enum(reasoningEfforts).nullable().default(null),
});

export const conversationDetailsSchema = z.object({
  id: z.string(),
  title: z.string(),
  modelId: z.string().nullable(),
  updatedAt: z.string(),
  // Its own system prompt, shown to all who read it (never in a share link's snapshot).
  systemPrompt: z.string().nullable(),
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

// The message asked for with `?message=` (null without one, or for an id the conversation does not hold), and
// whether the thread through it is the conversation's current one.
const threadFocusSchema = z.object({ messageId: z.string(), isCurrentThread: z.boolean() });

// The newest page of the thread shown (the current one, or the one through `focus`); older pages are read above its
// first message (lib/db/messages.ts).
export const conversationSchema = conversationDetailsSchema
  .extend({ messages: z.array(chatMessageSchema), focus: threadFocusSchema.nullable().default(null) })
  .extend(conversationSharingSchema.shape);

export const teamChoicesSchema = z.object({ team: teamRefSchema.nullable(), teams: z.array(teamRefSchema) });
export const teamSharingSchema = z.object({ team: teamRefSchema.nullable(), canStopSharing: z.boolean() });
export const copiedConversationSchema = z.object({ id: z.string(), title: z.string() });

// A reader's own verdict on a reply (lib/conversations/reply-feedback.ts).
export const replyFeedbackSchema = z.object({
  messageId: z.string(),
  rating: z.enum(["good", "bad"]),
  comment: z.string().nullable(),
});
export const replyFeedbackListSchema = z.object({ feedback: z.array(replyFeedbackSchema) });

export const threadPageSchema = z.object({ messages: z.array(chatMessageSchema), olderCursor: z.string().nullable() });

export const modelSchema = z.object({
  id: z.string(),
  label: z.string(),
  isDefault: z.boolean(),
  readsImages: z.boolean(),
  parameters: z.object({
    canChange: z.boolean(),
    temperature: z.object({ default: z.number(), min: z.number(), max: z.number() }),
    topP: z.number(),
    maxOutputTokens: z.number(),
    takesTemperature: z.boolean(),
    reasoningEffort: z.object({
      default: z.enum(reasoningEfforts).nullable(),
      choices: z.array(z.enum(reasoningEfforts)),
    }),
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

// `sharedBy` names who shared a result that is not the caller's own, and with which team; `messageId` is the message
// the snippet comes from (null for a title match), where the result opens the conversation.
const sharedBySchema = z.object({ ownerName: z.string().nullable(), teamName: z.string().nullable() });
export const searchResultsSchema = z.object({
  items: z.array(
    conversationSummarySchema.extend({
      snippet: z.string().nullable(),
      messageId: z.string().nullable(),
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

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
          rule: z.string().optional(),
          values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional(),
    details: z.record(z.string(), z.number()).optional(),
  }),
});

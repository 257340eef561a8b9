import type { z } from "zod";
import type { ReplyEventData } from "@/lib/live/reply-events";
import type {
  apiErrorSchema,
  chatMessageSchema,
  contextManifestSchema,
  conversationDetailsSchema,
  conversationSchema,
  conversationSharingSchema,
  conversationSummarySchema,
  modelSchema,
  replyErrorCauseSchema,
  replyUsageSchema,
  searchResultsSchema,
  teamRefSchema,
  teamSharingSchema,
} from "./schemas";

export type ChatMessage = z.infer<typeof chatMessageSchema> & {
  // Only set in the browser, from an `error` event; stored messages just carry the ERROR status.
  errorMessage?: string;
};
export type ReplyErrorCause = z.infer<typeof replyErrorCauseSchema>;
export type ReplyUsage = z.infer<typeof replyUsageSchema>;
export type MessageStatus = ChatMessage["status"];
export type ContextManifest = z.infer<typeof contextManifestSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type ConversationDetails = z.infer<typeof conversationDetailsSchema>;
export type ConversationSharing = z.infer<typeof conversationSharingSchema>;
export type TeamRef = z.infer<typeof teamRefSchema>;
export type TeamSharing = z.infer<typeof teamSharingSchema>;
export type ChatModel = z.infer<typeof modelSchema>;
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;
export type SearchResult = z.infer<typeof searchResultsSchema>["items"][number];
// The live events' data, as the contract declares it (lib/live/reply-events.ts).
export type StartEvent = ReplyEventData<"start">;
export type DoneEvent = ReplyEventData<"done">;
export type ApiError = z.infer<typeof apiErrorSchema>["error"];

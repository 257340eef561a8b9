import { z } from "zod";

// The browser checks what the API sends back too: a shape drift shows up as a clear failure, not as `undefined`.

export const messageRoleSchema = z.enum(["SYSTEM", "USER", "ASSISTANT"]);
export const messageStatusSchema = z.enum(["STREAMING", "COMPLETE", "INTERRUPTED", "ERROR"]);

export const chatMessageSchema = z.object({
  id: z.string(),
  role: messageRoleSchema,
  content: z.string(),
  status: messageStatusSchema,
  parentId: z.string().nullable(),
  createdAt: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  modelId: z.string().nullable(),
  messages: z.array(chatMessageSchema),
});

export const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.string(),
});

export const conversationPageSchema = z.object({
  items: z.array(conversationSummarySchema),
  nextCursor: z.string().nullable(),
});

export const startEventSchema = z.object({
  conversationId: z.string(),
  userMessage: chatMessageSchema,
  assistantMessage: chatMessageSchema,
});

export const deltaEventSchema = z.object({ text: z.string() });

export const doneEventSchema = z.object({
  finishReason: z.enum(["stop", "length", "interrupted"]),
  status: z.enum(["COMPLETE", "INTERRUPTED"]),
});

export const errorEventSchema = z.object({ code: z.string(), message: z.string() });

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
});

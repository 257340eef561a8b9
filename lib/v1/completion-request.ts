// The body of POST /v1/chat/completions as the official SDKs send it: the subset Parley serves, each field checked
// (unknown fields are refused with 400 naming them, as OpenAI does), and its messages in the SDK's types.

import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { z } from "zod";
import { estimateImageTokens } from "../attachments/image-tokens";
import { MAX_API_REQUEST_BYTES } from "../limits";
import { reasoningEfforts } from "../models/compatibility";

const MAX_MESSAGES = 2_000;
const MAX_TEXT = 1_000_000;

const textPart = z.strictObject({ type: z.literal("text"), text: z.string().max(MAX_TEXT) });
const imagePart = z.strictObject({
  type: z.literal("image_url"),
  image_url: z.strictObject({
    // A data URL carries the whole image: bounded by the request body itself.
    url: z.string().min(1).max(MAX_API_REQUEST_BYTES),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});
const textContent = z.union([z.string().max(MAX_TEXT), z.array(textPart).min(1).max(100)]);
const userContent = z.union([
  z.string().max(MAX_TEXT),
  z
    .array(z.union([textPart, imagePart]))
    .min(1)
    .max(100),
]);
const name = z.string().max(64).optional();

const messageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("system"), content: textContent, name }),
  z.strictObject({ role: z.literal("developer"), content: textContent, name }),
  z.strictObject({ role: z.literal("user"), content: userContent, name }),
  z.strictObject({
    role: z.literal("assistant"),
    content: textContent.nullable(),
    name,
    refusal: z.string().nullable().optional(),
  }),
]);

// OpenAI's parameters that Parley's answer could not honour, each refused with why (any other unknown field is
// refused as unknown). Their neutral values, which some clients send on every call, are taken.
const notServed = (reason: string, ...neutral: unknown[]) =>
  z
    .unknown()
    .refine((value) => value === null || neutral.includes(value), reason)
    .optional();
const NO_TOOLS = "Parley's API does not relay tool calls: send the request without tools.";

// The caller's own parameters, passed to the model as they are (lib/chat/upstream.ts: a server that refuses one is
// answered 400 naming it). The penalties and the token bias are sampling parameters: sent as temperature is, only
// to a model that takes sampling parameters and only where the admin lets users set them (api-completion.ts).
const callerParametersSchema = {
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  logit_bias: z
    .record(z.string().regex(/^\d{1,10}$/, "Use token ids as keys."), z.number().min(-100).max(100))
    .refine((bias) => Object.keys(bias).length <= 300, "Use at most 300 tokens.")
    .nullable()
    .optional(),
  seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  response_format: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("text") }),
      z.strictObject({ type: z.literal("json_object") }),
      z.strictObject({
        type: z.literal("json_schema"),
        json_schema: z.strictObject({
          name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use up to 64 letters, digits, _ and -."),
          description: z.string().max(10_000).optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        }),
      }),
    ])
    .nullable()
    .optional(),
  verbosity: z.enum(["low", "medium", "high"]).nullable().optional(),
};

export const chatCompletionSchema = z
  .strictObject({
    model: z.string().min(1).max(200),
    messages: z.array(messageSchema).min(1, "Send at least one message.").max(MAX_MESSAGES),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().gt(0).max(1).nullable().optional(),
    max_tokens: z.number().int().min(1).nullable().optional(),
    max_completion_tokens: z.number().int().min(1).nullable().optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: z.strictObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    stop: z
      .union([z.string().min(1), z.array(z.string().min(1)).max(4)])
      .nullable()
      .optional(),
    reasoning_effort: z.enum(reasoningEfforts).nullable().optional(),
    // Hints to OpenAI about the caller's end users and caching: accepted, not forwarded.
    user: z.string().max(256).nullable().optional(),
    safety_identifier: z.string().max(256).nullable().optional(),
    prompt_cache_key: z.string().max(256).nullable().optional(),
    n: z.literal(1).nullable().optional(),
    ...callerParametersSchema,
    tools: notServed(NO_TOOLS),
    tool_choice: notServed(NO_TOOLS, "none"),
    parallel_tool_calls: notServed(NO_TOOLS),
    functions: notServed(NO_TOOLS),
    function_call: notServed(NO_TOOLS, "none"),
    logprobs: notServed("Parley's API does not answer log probabilities.", false),
    top_logprobs: notServed("Parley's API does not answer log probabilities."),
    store: notServed("Parley does not ask the model's provider to store API calls.", false),
    metadata: notServed("Parley does not ask the model's provider to store API calls, which metadata is for."),
  })
  .refine((body) => body.stream === true || body.stream_options == null, {
    message: "Only allowed when stream is true.",
    path: ["stream_options"],
  });

export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;
type ApiMessage = ChatCompletionBody["messages"][number];

/** The text of a message, for counting its tokens; images are counted apart. */
export function textOf(message: ApiMessage): string {
  const { content } = message;
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
}

export function countImages(messages: ApiMessage[]): number {
  return messages.reduce(
    (sum, message) =>
      sum + (Array.isArray(message.content) ? message.content.filter((part) => part.type === "image_url").length : 0),
    0,
  );
}

/** The images' cost by the chat's estimate (lib/attachments/image-tokens.ts); their size is unknown here. */
export function imageTokens(messages: ApiMessage[]): number {
  return countImages(messages) * estimateImageTokens(null);
}

/**
 * The caller's messages as the upstream takes them. `developer` is sent as `system`: Parley treats both as
 * instructions and the model's request shape (request-shape.ts) decides which role its server wants.
 */
export function toUpstreamMessages(messages: ApiMessage[]): ChatCompletionMessageParam[] {
  return messages.map((message): ChatCompletionMessageParam => {
    const named = message.name ? { name: message.name } : {};
    if (message.role === "user") {
      return { role: "user", content: message.content as string | ChatCompletionContentPart[], ...named };
    }
    if (message.role === "assistant") return { role: "assistant", content: message.content, ...named };
    return { role: "system", content: message.content, ...named };
  });
}

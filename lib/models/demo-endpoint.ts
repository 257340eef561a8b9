// The demo model's HTTP endpoint: chat.completion.chunk Server-Sent Events, a usage chunk, then [DONE].
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { composeDemoReply, DEMO_MODEL_NAME, isDemoApiKey, splitIntoDeltas } from "./demo";

const DELTA_PACE_MS = 25;

const requestSchema = z.object({
  messages: z.array(z.object({ role: z.string(), content: z.unknown() })).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
});

function openAiError(status: number, message: string): Response {
  return Response.json({ error: { message, type: "invalid_request_error", param: null, code: null } }, { status });
}

// What a provider charges for a picture of about 1024 pixels a side; an image's bytes are no text.
const IMAGE_PROMPT_TOKENS = 765;

/** About a token per four characters of text, and a fixed count per image. */
function countPromptTokens(messages: z.infer<typeof requestSchema>["messages"]): number {
  let characters = 0;
  let images = 0;
  for (const { content } of messages) {
    if (typeof content === "string") characters += content.length;
    else if (Array.isArray(content)) {
      for (const part of content as { type?: string; text?: unknown }[]) {
        if (part.type === "image_url") images++;
        else if (typeof part.text === "string") characters += part.text.length;
      }
    }
  }
  return Math.ceil(characters / 4) + images * IMAGE_PROMPT_TOKENS;
}

/**
 * What the user's last message says: its text, or the text of its parts when it carries images (which the demo
 * cannot look at, and names by their count, so that the echo does not read as if the text had been lost).
 */
function lastUserText(messages: z.infer<typeof requestSchema>["messages"]): string {
  const content = messages.findLast((message) => message.role === "user")?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const parts = content as { type?: string; text?: unknown }[];
  const text = parts.flatMap((part) => (typeof part.text === "string" ? [part.text] : [])).join("\n\n");
  const images = parts.filter((part) => part.type === "image_url").length;
  if (images === 0) return text;
  return `${text}\n\n(${images === 1 ? "1 image" : `${images} images`}, which the demo model cannot look at.)`;
}

export async function streamDemoCompletion(request: Request): Promise<Response> {
  if (!isDemoApiKey(request.headers.get("authorization"))) return openAiError(401, "Invalid API key.");
  const parsed = requestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return openAiError(400, "Invalid request body.");

  const { messages } = parsed.data;
  const reply = composeDemoReply(lastUserText(messages), !messages.some((message) => message.role === "assistant"));
  const deltas = splitIntoDeltas(reply);
  const usage = { prompt_tokens: countPromptTokens(messages), completion_tokens: deltas.length };
  const base = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: DEMO_MODEL_NAME };
  if (!parsed.data.stream) {
    const message = { role: "assistant", content: reply, refusal: null };
    const choices = [{ index: 0, message, logprobs: null, finish_reason: "stop" }];
    return Response.json({
      ...base,
      object: "chat.completion",
      choices,
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }

  const encoder = new TextEncoder();
  const chunk = (delta: object, finishReason: string | null) =>
    `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`;
  const includeUsage = parsed.data.stream_options?.include_usage === true;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(chunk({ role: "assistant", content: "" }, null)));
      for (const text of deltas) {
        await new Promise((resolve) => setTimeout(resolve, DELTA_PACE_MS));
        if (request.signal.aborted) return controller.close();
        controller.enqueue(encoder.encode(chunk({ content: text }, null)));
      }
      controller.enqueue(encoder.encode(chunk({}, "stop")));
      if (includeUsage) {
        const totals = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
        controller.enqueue(
          encoder.encode(
            `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage: totals })}\n\n`,
          ),
        );
      }
      controller.enqueue(encoder.encode("data: [DONE]\n\n"));
      controller.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" } });
}

// The provider's stream as the server reads it: through the SDK's request and our own reading of the body, over a
// real HTTP connection to a throwaway server that writes exactly the bytes each case needs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { streamChatCompletion } from "@/lib/chat/upstream";
import { AppError } from "@/lib/errors";
import { defaultRequestShape } from "@/lib/models/compatibility";
import { fetchWithoutRedirects } from "@/lib/models/provider-fetch";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves each write as its own network chunk, so that events and characters are split where the test says. */
async function serveChunks(writes: (string | Buffer)[]): Promise<string> {
  const listening = createServer(async (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const write of writes) {
      response.write(write);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    response.end();
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/v1`;
}

function chunk(content: string, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] })}\n\n`;
}

async function collect(baseURL: string) {
  const client = new OpenAI({ baseURL, apiKey: "sk-test", maxRetries: 0, fetch: fetchWithoutRedirects });
  const received = { text: "", reasoning: "", finishReason: "", usage: null as unknown };
  const outcome = await streamChatCompletion(
    {
      client,
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      temperature: 1,
      topP: 1,
      maxTokens: 100,
      reasoningEffort: null,
      shape: defaultRequestShape({ baseUrl: baseURL }, "m"),
      signal: new AbortController().signal,
      firstByteTimeoutMs: 5000,
      idleTimeoutMs: 5000,
    },
    {
      onDelta: (text) => {
        received.text += text;
      },
      onReasoning: (text) => {
        received.reasoning += text;
      },
      onFinish: (reason) => {
        received.finishReason = reason;
      },
      onUsage: (usage) => {
        received.usage = usage;
      },
    },
  ).then(
    () => null,
    (error: unknown) => error,
  );
  return { ...received, error: outcome };
}

describe("reading a provider's stream", () => {
  it("reads the thinking from reasoning_content, reasoning and a leading <think> tag, apart from the answer", async () => {
    const withDelta = (delta: object, finishReason: string | null = null) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    const deepSeek = await collect(
      await serveChunks([
        withDelta({ role: "assistant", content: null, reasoning_content: "Think " }),
        withDelta({ content: null, reasoning_content: "hard." }),
        withDelta({ content: "Answer", reasoning_content: null }, "stop"),
        "data: [DONE]\n\n",
      ]),
    );
    expect(deepSeek).toMatchObject({ reasoning: "Think hard.", text: "Answer", finishReason: "stop", error: null });
    const ollama = await collect(
      await serveChunks([withDelta({ content: "", reasoning: "Hmm." }), withDelta({ content: "Yes." }, "stop")]),
    );
    expect(ollama).toMatchObject({ reasoning: "Hmm.", text: "Yes.", error: null });
    const tagged = await collect(
      await serveChunks([chunk("<th"), chunk("ink>Why?</thi"), chunk("nk>\n\nBecause.", "stop")]),
    );
    expect(tagged).toMatchObject({ reasoning: "Why?", text: "Because.", error: null });
  });

  it("reads the reasoning and cached tokens of OpenAI's usage details", async () => {
    const usage = {
      prompt_tokens: 30,
      completion_tokens: 20,
      prompt_tokens_details: { cached_tokens: 16 },
      completion_tokens_details: { reasoning_tokens: 12 },
    };
    const body = `${chunk("Hi", "stop")}data: ${JSON.stringify({ choices: [], usage })}\n\ndata: [DONE]\n\n`;
    const baseURL = await serveChunks([Buffer.from(body)]);
    expect((await collect(baseURL)).usage).toEqual({
      promptTokens: 30,
      completionTokens: 20,
      reasoningTokens: 12,
      cachedTokens: 16,
    });
  });

  it("joins events and characters split across network chunks, with CRLF line endings, up to [DONE]", async () => {
    const first = chunk("Grüße, ");
    const second = chunk("世界", "stop").replaceAll("\n", "\r\n");
    const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } })}\n\n`;
    const bytes = Buffer.from(`${first}${second}${usage}data: [DONE]\n\n`);
    // Cut inside "ü" and inside "世" (multi-byte in UTF-8), and between the CR and LF that end an event.
    const cuts = [
      Buffer.byteLength(first.slice(0, first.indexOf("ü"))) + 1,
      Buffer.byteLength(first + second.slice(0, second.indexOf("世"))) + 1,
      Buffer.byteLength(first + second) - 1,
    ];
    const pieces = [0, ...cuts].map((start, index) => bytes.subarray(start, cuts[index] ?? bytes.length));
    const baseURL = await serveChunks(pieces);
    expect(await collect(baseURL)).toEqual({
      text: "Grüße, 世界",
      reasoning: "",
      finishReason: "stop",
      usage: { promptTokens: 3, completionTokens: 4, reasoningTokens: null, cachedTokens: null },
      error: null,
    });
  });

  it("ends with an upstream error, keeping the text so far, when the provider reports an error inside the stream", async () => {
    const secret = "sk-live-secret-echoed-by-provider";
    const baseURL = await serveChunks([chunk("Hello"), `data: ${JSON.stringify({ error: { message: secret } })}\n\n`]);
    const { text, error } = await collect(baseURL);
    expect(text).toBe("Hello");
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("upstream_error");
    expect(JSON.stringify(error) + String((error as AppError).message)).not.toContain(secret);
  });
});

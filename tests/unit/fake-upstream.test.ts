// Proves the fake upstream speaks OpenAI's wire protocol by driving it through the real `openai` SDK.
import OpenAI, { APIError } from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeScenario, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { refuseUnsupported } from "../support/fake-upstream-chunks";

const MESSAGES = [{ role: "user" as const, content: "Tell me about otters" }];

let fake: FakeUpstream | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function startWith(scenario: FakeScenario): Promise<{ upstream: FakeUpstream; client: OpenAI }> {
  const upstream = await startFakeUpstream({ scenario });
  fake = upstream;
  return { upstream, client: new OpenAI({ apiKey: "test", baseURL: upstream.url, maxRetries: 0 }) };
}

async function collectChunks(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function captureApiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof APIError) return error;
  throw new Error(`Expected an OpenAI.APIError, got ${String(error)}`);
}

function joinContent(chunks: ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
}

describe("fake upstream", () => {
  it("streams deltas that join to the reply, then a finish chunk and a usage chunk", async () => {
    const { upstream, client } = await startWith({ reply: "Otters hold hands while sleeping." });

    const stream = await client.chat.completions.create({
      model: "fake-model",
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collectChunks(stream);

    expect(joinContent(chunks)).toBe("Otters hold hands while sleeping.");
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(["stop"]);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
    expect(new Set(chunks.map((chunk) => chunk.model))).toEqual(new Set(["fake-model"]));
    expect(upstream.requests[0]?.completedAt).toBeDefined();
  });

  it("splits the reply into the requested number of deltas and honours explicit chunks", async () => {
    const { upstream, client } = await startWith({ reply: "abcdefghij", chunkCount: 3 });
    upstream.scenarioForModel("explicit", { chunks: ["Hel", "lo"] });

    const split = await collectChunks(
      await client.chat.completions.create({ model: "fake-model", messages: MESSAGES, stream: true }),
    );
    const explicit = await collectChunks(
      await client.chat.completions.create({ model: "explicit", messages: MESSAGES, stream: true }),
    );

    const contents = (chunks: ChatCompletionChunk[]) =>
      chunks.slice(1, -1).map((chunk) => chunk.choices[0]?.delta.content);
    expect(contents(split)).toEqual(["abc", "def", "ghij"]);
    expect(contents(explicit)).toEqual(["Hel", "lo"]);
  });

  it("echoes the rest of a user message that starts with the echo prefix, and replies as scripted otherwise", async () => {
    const { client } = await startWith({ reply: "Scripted.", echoPrefix: "echo:" });
    const ask = async (content: string) =>
      joinContent(
        await collectChunks(
          await client.chat.completions.create({
            model: "fake-model",
            messages: [{ role: "user", content }],
            stream: true,
          }),
        ),
      );

    expect(await ask("echo:# Title\n\n- a *list*  <b>x</b>")).toBe("# Title\n\n- a *list*  <b>x</b>");
    expect(await ask("Tell me about otters")).toBe("Scripted.");
  });

  it("spreads deltas over time when paced", async () => {
    const paceMs = 40;
    const { client } = await startWith({ chunks: ["a", "b", "c", "d"], paceMs });

    const startedAt = performance.now();
    const stream = await client.chat.completions.create({ model: "fake-model", messages: MESSAGES, stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) arrivals.push(performance.now());
    }

    expect(arrivals).toHaveLength(4);
    // A lower bound only: the last delta cannot come before three paces have passed, however busy the machine is
    // (a busy client may read the first deltas late and bunched, so the gaps between arrivals prove nothing).
    // (less a millisecond a pace: timers round to the millisecond).
    expect((arrivals.at(-1) ?? 0) - startedAt).toBeGreaterThanOrEqual(3 * (paceMs - 1));
  });

  it("fails before streaming with an OpenAI error body and retry-after", async () => {
    const failBeforeStream = { status: 429, retryAfterSeconds: 7, message: "internal quota detail", times: 1 };
    const { upstream, client } = await startWith({ reply: "Recovered.", failBeforeStream });
    const request = { model: "fake-model", messages: MESSAGES, stream: true } as const;

    const error = await captureApiError(client.chat.completions.create(request));

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.status).toBe(429);
    expect(error.headers?.get("retry-after")).toBe("7");
    expect(error.error).toEqual({
      message: "internal quota detail",
      type: "requests",
      param: null,
      code: "rate_limit_exceeded",
    });
    expect(joinContent(await collectChunks(await client.chat.completions.create(request)))).toBe("Recovered.");
    expect(upstream.requests).toHaveLength(2);
  });

  it("cuts the connection after N deltas, which makes the SDK iteration throw", async () => {
    const { upstream, client } = await startWith({ chunks: ["one", " two", " three"], cutAfterChunks: 2 });

    const stream = await client.chat.completions.create({ model: "fake-model", messages: MESSAGES, stream: true });
    const received: ChatCompletionChunk[] = [];
    // The SDK surfaces undici's raw `TypeError: terminated`, not an OpenAI.APIError.
    const iterate = async () => {
      for await (const chunk of stream) received.push(chunk);
    };

    await expect(iterate()).rejects.toThrow(TypeError);
    expect(joinContent(received)).toBe("one two");
    expect(received.every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    expect(upstream.requests[0]?.closedByClientAt).toBeUndefined();
    expect(upstream.requests[0]?.completedAt).toBeUndefined();
  });

  it("records that the client closed a stalled stream after an abort", async () => {
    const { upstream, client } = await startWith({ chunks: ["one", " two", " three"], stallAfterChunks: 1 });
    const controller = new AbortController();

    const stream = await client.chat.completions.create(
      { model: "fake-model", messages: MESSAGES, stream: true },
      { signal: controller.signal },
    );
    const received: string[] = [];
    for await (const chunk of stream) {
      received.push(chunk.choices[0]?.delta.content ?? "");
      if (received.join("") === "one") controller.abort();
    }
    const [request] = await upstream.waitForRequests(1);
    if (!request) throw new Error("expected a recorded request");
    await upstream.waitForClientClose(request);

    expect(received.join("")).toBe("one");
    expect(request.closedByClientAt).toBeGreaterThanOrEqual(request.receivedAt);
    expect(request.completedAt).toBeUndefined();
  });

  it("lists models", async () => {
    const { upstream, client } = await startWith({});
    upstream.scenarioForModel("slow-model", { paceMs: 100 });

    const page = await client.models.list();

    expect(page.data.map((model) => model.id)).toEqual(["fake-model", "slow-model"]);
    expect(page.data[0]).toMatchObject({ object: "model", owned_by: "fake" });
  });

  it("answers non-streaming requests with a chat.completion and stops at max_tokens", async () => {
    const { upstream, client } = await startWith({});

    const completion = await client.chat.completions.create({ model: "fake-model", messages: MESSAGES });
    const truncated = await client.chat.completions.create({ model: "fake-model", messages: MESSAGES, max_tokens: 2 });

    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message).toMatchObject({
      role: "assistant",
      content: expect.stringContaining("otters"),
    });
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    expect(truncated.choices[0]).toMatchObject({ message: { content: "This is" }, finish_reason: "length" });
    expect(upstream.requests.map((request) => request.body)).toMatchObject([
      { model: "fake-model" },
      { max_tokens: 2 },
    ]);
  });

  it("rejects a malformed request with a 400 error body", async () => {
    const { client } = await startWith({});

    const error = await captureApiError(client.chat.completions.create({ model: "fake-model", messages: [] }));

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ type: "invalid_request_error", param: null });
  });
});

describe("dialects", () => {
  const request = { model: "gpt-5-mini", messages: [{ role: "user", content: "Hi" }] };

  it("refuses max_tokens and a temperature other than 1 exactly as OpenAI's reasoning models do", () => {
    const dialect = { isOpenAiReasoningModel: true };
    expect(refuseUnsupported(dialect, { ...request, max_tokens: 10 })).toEqual({
      error: {
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: "invalid_request_error",
        param: "max_tokens",
        code: "unsupported_parameter",
      },
    });
    expect(refuseUnsupported(dialect, { ...request, temperature: 0.7 })).toEqual({
      error: {
        message:
          "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is supported.",
        type: "invalid_request_error",
        param: "temperature",
        code: "unsupported_value",
      },
    });
    expect(refuseUnsupported(dialect, { ...request, temperature: 1, max_completion_tokens: 10 })).toBeNull();
  });

  it("refuses stream_options on a server that does not know it", () => {
    const body = refuseUnsupported({ rejectsStreamOptions: true }, { ...request, stream_options: {} });
    expect(body).toMatchObject({ error: { message: "Unrecognized request argument supplied: stream_options" } });
    expect(refuseUnsupported({ rejectsStreamOptions: true }, request)).toBeNull();
  });

  it("refuses the listed parameters in OpenAI's words, the first one the request carries", () => {
    const dialect = { refusedParameters: ["temperature", "max_tokens"] };
    expect(refuseUnsupported(dialect, { ...request, max_tokens: 10, temperature: 0.7 })).toEqual({
      error: {
        message: "Unsupported parameter: 'temperature' is not supported with this model.",
        type: "invalid_request_error",
        param: "temperature",
        code: "unsupported_parameter",
      },
    });
    expect(refuseUnsupported(dialect, { ...request, max_tokens: 10 })).toMatchObject({
      error: { param: "max_tokens" },
    });
    expect(refuseUnsupported(dialect, { ...request, max_completion_tokens: 10 })).toBeNull();
  });
});

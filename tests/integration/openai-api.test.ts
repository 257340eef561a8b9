// Parley's /v1 API with the official `openai` SDK as the client: models, completions streamed and not, the admin's
// prompt and the model's rules on the chat's path, an error of each status the SDK maps, and a client that leaves.
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeApiUser, parleyClient } from "../support/api-keys";
import { makeModel } from "../support/factories";
import { type FakeScenario, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function modelWith(scenario: FakeScenario, fields: Parameters<typeof makeModel>[1] = {}) {
  const upstreamName = `api-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { ...fields, upstreamName });
  return {
    ...model,
    calls: () => upstream.requests.filter((r) => (r.body as { model?: string }).model === upstreamName),
  };
}

describe("the /v1 API through the openai SDK", () => {
  it("lists the models the key's owner may use, by their upstream name", async () => {
    const model = await modelWith({});
    const hidden = await modelWith({}, { visibleToEveryone: false });
    const { client } = await makeApiUser();
    const ids = [];
    for await (const listed of client.models.list()) ids.push(listed.id);
    expect(ids).toContain(model.upstreamName);
    expect(ids).not.toContain(hidden.upstreamName);
  });

  it("retrieves one of those models by its id, a name with a slash included, and any other is 404", async () => {
    const model = await modelWith({});
    const slashed = await makeModel(upstream.url, { upstreamName: `org/${randomUUID().slice(0, 8)}` });
    const hidden = await modelWith({}, { visibleToEveryone: false });
    const { client } = await makeApiUser();
    const listed = [];
    for await (const entry of client.models.list()) listed.push(entry);
    for (const id of [model.upstreamName, slashed.upstreamName]) {
      expect(await client.models.retrieve(id)).toEqual(listed.find((entry) => entry.id === id));
    }
    for (const id of [hidden.upstreamName, "no-such-model"]) {
      const missing = await client.models.retrieve(id).catch((error) => error);
      expect(missing, id).toBeInstanceOf(OpenAI.NotFoundError);
      expect(missing.error, id).toEqual({
        type: "invalid_request_error",
        param: null,
        code: "model_not_found",
        message: `The model '${id}' does not exist or you do not have access to it.`,
      });
    }
  });

  it("answers a completion without streaming, the admin's system prompt sent first, the usage in the ledger", async () => {
    const model = await modelWith(
      { chunks: ["Hello ", "from ", "Parley."], usage: { promptTokens: 30, completionTokens: 3 } },
      { systemPrompt: "Be brief.", allowUserParameters: true, maxOutputTokens: 2048 },
    );
    const { client, key, user } = await makeApiUser();
    const completion = await client.chat.completions.create({
      model: model.upstreamName,
      messages: [{ role: "user", content: "Say hello" }],
      temperature: 0.7,
      max_tokens: 1024,
      stop: ["\n\n"],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toBe("Hello from Parley.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ prompt_tokens: 30, completion_tokens: 3, total_tokens: 33 });

    const sent = model.calls().at(-1)?.body as Record<string, unknown>;
    expect(sent.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Say hello" },
    ]);
    expect(sent).toMatchObject({ temperature: 0.7, max_tokens: 1024, stop: ["\n\n"] });
    const rows = await db().replyUsage.findMany({ where: { apiKeyId: key.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: user.id, messageId: null, promptTokens: 30, completionTokens: 3 });
    expect(await db().conversation.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("adapts to each parameter the model's server refuses, as the chat does, and the call succeeds", async () => {
    const model = await modelWith({ chunks: ["Adapted."], dialect: { isOpenAiReasoningModel: true } });
    const { client } = await makeApiUser();
    const completion = await client.chat.completions.create({
      model: model.upstreamName,
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(completion.choices[0]?.message.content).toBe("Adapted.");
    const sent = model.calls().map((call) => call.body as Record<string, unknown>);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toMatchObject({ max_completion_tokens: 1024 });
    expect(sent[2]).not.toHaveProperty("temperature");
    expect(await db().model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: false,
      version: 3,
    });
  });

  it("streams deltas and, when asked, a last chunk with the usage", async () => {
    const model = await modelWith({
      chunks: ["One ", "two ", "three."],
      usage: { promptTokens: 12, completionTokens: 3 },
    });
    const { client } = await makeApiUser();
    const stream = await client.chat.completions.create({
      model: model.upstreamName,
      messages: [
        { role: "developer", content: "Count." },
        { role: "user", content: [{ type: "text", text: "Go" }] },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toBe("One two three.");
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === "stop")).toBe(true);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
    const sent = model.calls().at(-1)?.body as { messages: unknown[] };
    expect(sent.messages).toEqual([
      { role: "system", content: "Count." },
      { role: "user", content: [{ type: "text", text: "Go" }] },
    ]);
  });

  it("passes image content parts to a model that reads images, and refuses them for one that does not", async () => {
    const vision = await modelWith({ chunks: ["A cat."] }, { readsImages: true });
    const textOnly = await modelWith({ chunks: ["never sent"] }, { readsImages: false });
    const { client } = await makeApiUser();
    const image = { type: "image_url" as const, image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } };
    const ask = (model: string) =>
      client.chat.completions.create({
        model,
        messages: [{ role: "user", content: [{ type: "text", text: "What is it?" }, image] }],
      });
    await ask(vision.upstreamName);
    const sent = vision.calls().at(-1)?.body as { messages: { content: unknown }[] };
    expect(sent.messages.at(-1)?.content).toEqual([{ type: "text", text: "What is it?" }, image]);

    const refused = await ask(textOnly.upstreamName).catch((error) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.message).toContain("cannot read images");
    expect(textOnly.calls()).toHaveLength(0);
  });

  it("takes a photo-sized inline image (a few MB of base64), as OpenAI does", async () => {
    const vision = await modelWith({ chunks: ["A photo."] }, { readsImages: true });
    const { client } = await makeApiUser();
    const url = `data:image/jpeg;base64,${Buffer.alloc(3 * 1024 * 1024, 7).toString("base64")}`;
    const completion = await client.chat.completions.create({
      model: vision.upstreamName,
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }],
    });
    expect(completion.choices[0]?.message.content).toBe("A photo.");
  });

  it("refuses a body over 20 MB in OpenAI's shape, as a 400 the SDK raises, without calling the model", async () => {
    const vision = await modelWith({ chunks: ["A photo."] }, { readsImages: true });
    const { client } = await makeApiUser();
    const url = `data:image/jpeg;base64,${Buffer.alloc(16 * 1024 * 1024, 7).toString("base64")}`;
    const tooLarge = await client.chat.completions
      .create({
        model: vision.upstreamName,
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url } }] }],
      })
      .catch((error) => error);
    expect(tooLarge).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooLarge.error).toEqual({
      type: "invalid_request_error",
      param: null,
      code: "request_too_large",
      message: "The request body is too large (at most 20 MB here).",
    });
    expect(vision.calls()).toHaveLength(0);
  });

  it("answers each failure in OpenAI's shape with the status the SDK maps", async () => {
    const model = await modelWith({ chunks: ["ok"] }, { maxOutputTokens: 100 });
    const { client, user } = await makeApiUser();
    const ask = (c: OpenAI, fields: Record<string, unknown> = {}) =>
      c.chat.completions.create({ model: model.upstreamName, messages: [{ role: "user", content: "Hi" }], ...fields });

    const tooMany = await ask(client, { max_tokens: 5000 }).catch((error) => error);
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooMany.error).toMatchObject({
      type: "invalid_request_error",
      param: "max_tokens",
      message: "max_tokens: Use from 1 to 100 tokens.",
    });
    await expect(ask(client, { web_search_options: {} })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(ask(parleyClient("sk-parley-wrong"))).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(ask(client, { model: "no-such-model" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);

    // 403 (API access off for the caller) is in api-keys.test.ts, beside the switch it depends on.

    await db().usageLimit.create({ data: { subject: `user:${user.id}`, userId: user.id, tokensPerDay: 10 } });
    const limited = await ask(client).catch((error) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.error).toMatchObject({ code: "usage_limit_reached", type: "insufficient_quota" });
    // The call could need more than the whole limit (its prompt and 100 tokens of reply): no reset helps.
    expect(limited.error.message).toContain("more than your whole limit of 10 tokens for today. Lower max_tokens");
    expect(limited.headers.get("retry-after")).toBeNull();
  });

  it("takes null for each optional field, as the Python SDK sends a parameter given as None", async () => {
    const model = await modelWith({ chunks: ["ok"] });
    const { key } = await makeApiUser();
    const optional = ["temperature", "top_p", "max_tokens", "max_completion_tokens", "stream", "stream_options"];
    const nulls = Object.fromEntries(
      [
        ...optional,
        ...["stop", "reasoning_effort", "user", "safety_identifier", "prompt_cache_key", "n"],
        ...["seed", "response_format", "verbosity", "presence_penalty", "frequency_penalty", "logit_bias"],
        ...["tools", "tool_choice", "logprobs", "store", "metadata"],
      ].map((field) => [field, null]),
    );
    const answer = await fetch(`${inject("baseUrl")}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: model.upstreamName, messages: [{ role: "user", content: "Hi" }], ...nulls }),
    });
    expect(await answer.json()).toMatchObject({ choices: [{ message: { content: "ok" } }] });
    expect(answer.status).toBe(200);
  });

  it("names a refused reasoning_effort by the API's name for it, as the caller sent it", async () => {
    const model = await modelWith({ chunks: ["ok"] });
    const { client } = await makeApiUser();
    const refused = await client.chat.completions
      .create({ model: model.upstreamName, messages: [{ role: "user", content: "Hi" }], reasoning_effort: "high" })
      .catch((error) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.error).toMatchObject({
      param: "reasoning_effort",
      message: "reasoning_effort: This model's reasoning effort is set by an admin.",
    });
    expect(model.calls()).toHaveLength(0);
  });

  it("tells the SDK not to retry a usage-limit refusal: its default retries send the call once, not three times", async () => {
    const model = await modelWith(
      { chunks: ["ok"], usage: { promptTokens: 150, completionTokens: 50 } },
      {
        maxOutputTokens: 100,
      },
    );
    const { key, user } = await makeApiUser();
    let sent = 0;
    const countingFetch: typeof fetch = (input, init) => {
      sent += 1;
      return fetch(input, init);
    };
    // The SDK as shipped: two retries of a 429, unless the answer says not to.
    const client = new OpenAI({ baseURL: `${inject("baseUrl")}/v1`, apiKey: key.secret, fetch: countingFetch });
    const ask = () =>
      client.chat.completions.create({ model: model.upstreamName, messages: [{ role: "user", content: "Hi" }] });
    await db().usageLimit.create({ data: { subject: `user:${user.id}`, userId: user.id, tokensPerDay: 250 } });
    await ask();
    sent = 0;

    // 200 of 250 tokens used: the call fits again after the day's reset, hours away.
    const limited = await ask().catch((error) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.error).toMatchObject({ code: "usage_limit_reached" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("x-should-retry")).toBe("false");
    expect(sent).toBe(1);
    expect(model.calls()).toHaveLength(1);
  });

  it("answers an address it does not have, and a method an address does not take, in OpenAI's shape", async () => {
    const { client } = await makeApiUser();
    const embeddings = await client.embeddings
      .create({ model: "text-embedding-3-small", input: "Hi" })
      .catch((error) => error);
    expect(embeddings).toBeInstanceOf(OpenAI.NotFoundError);
    expect(embeddings.error).toMatchObject({
      type: "invalid_request_error",
      code: "unknown_url",
      message: "Invalid URL (POST /v1/embeddings)",
    });
    for (const [method, path, allowed] of [
      ["GET", "/v1/chat/completions", "POST"],
      ["POST", "/v1/models", "GET"],
    ] as const) {
      const answer = await fetch(`${inject("baseUrl")}${path}`, { method });
      expect(answer.status, path).toBe(405);
      expect(answer.headers.get("allow"), path).toBe(allowed);
      expect(await answer.json(), path).toMatchObject({ error: { code: "method_not_allowed" } });
    }
    // Next's own answers on its routes stay: HEAD as GET (here without a key, 401).
    expect((await fetch(`${inject("baseUrl")}/v1/models`, { method: "HEAD" })).status).toBe(401);
  });

  it("answers an upstream failure with 500, and an overloaded upstream with 503", async () => {
    const broken = await modelWith({ failBeforeStream: { status: 401 } });
    const busy = await modelWith({ failBeforeStream: { status: 429, retryAfterSeconds: 60 } });
    const { client, user } = await makeApiUser();
    await db().usageLimit.create({ data: { subject: `user:${user.id}`, userId: user.id, tokensPerDay: 100_000 } });
    const ask = (name: string) =>
      client.chat.completions.create({ model: name, messages: [{ role: "user", content: "Hi" }] });
    const failed = await ask(broken.upstreamName).catch((error) => error);
    expect(failed).toBeInstanceOf(OpenAI.InternalServerError);
    expect(failed.status).toBe(500);
    const overloaded = await ask(busy.upstreamName).catch((error) => error);
    expect(overloaded.status).toBe(503);
    expect(JSON.stringify(overloaded.error)).not.toContain("sk-");
    // Both reservations released: a call the model refused before any token costs nothing.
    const counters = await db().usageCounter.findMany({ where: { key: { startsWith: `user:${user.id}:` } } });
    expect(counters.map((counter) => Number(counter.amount))).toEqual([0]);
    expect(await db().replyUsage.count({ where: { userId: user.id } })).toBe(0);
  });

  it("tells a caller whose answer the provider cut short (no finish reason), streamed or not, and charges it", async () => {
    const model = await modelWith({ chunks: ["Half ", "an "], omitsFinish: true, usage: "none" });
    const { client, key } = await makeApiUser();
    const messages = [{ role: "user" as const, content: "Tell me all" }];
    const whole = await client.chat.completions.create({ model: model.upstreamName, messages }).catch((e) => e);
    expect(whole).toBeInstanceOf(OpenAI.InternalServerError);
    expect(whole.error).toMatchObject({ message: "The reply was cut off.", code: "upstream_error" });

    const stream = await client.chat.completions.create({ model: model.upstreamName, messages, stream: true });
    let text = "";
    const ended = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })().catch((error) => error);
    expect(text).toBe("Half an ");
    expect(ended).toBeInstanceOf(OpenAI.APIError);
    expect(ended.message).toContain("The reply was cut off.");
    // What came was used: both calls are in the ledger.
    await expect.poll(() => db().replyUsage.count({ where: { apiKeyId: key.id } })).toBe(2);
  });

  it("aborts the upstream call when the client leaves mid-stream, and records what was used", async () => {
    const model = await modelWith({
      chunks: Array.from({ length: 200 }, (_, i) => `w${i} `),
      paceMs: 30,
      usage: "none",
    });
    const { client, key, user } = await makeApiUser();
    await db().usageLimit.create({ data: { subject: `user:${user.id}`, userId: user.id, tokensPerDay: 100_000 } });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: model.upstreamName, messages: [{ role: "user", content: "Go on" }], stream: true },
      { signal: controller.signal },
    );
    let deltas = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) deltas += 1;
      if (deltas === 3) controller.abort();
    }
    const call = model.calls().at(-1);
    if (!call) throw new Error("The upstream was not called");
    await upstream.waitForClientClose(call);
    expect(call.completedAt).toBeUndefined();
    await expect.poll(() => db().replyUsage.count({ where: { apiKeyId: key.id } })).toBe(1);
    const row = await db().replyUsage.findFirstOrThrow({ where: { apiKeyId: key.id } });
    expect(row.isEstimated).toBe(true);
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeLessThan(200);
    // Settled: the day's counter holds what was used, not the reservation's worst case. The settle and the ledger
    // row are written side by side, so the counter is awaited, not read once the row is there.
    const dayCounters = () => db().usageCounter.findMany({ where: { key: { startsWith: `user:${user.id}:day:` } } });
    await expect
      .poll(async () => (await dayCounters()).map((counter) => Number(counter.amount)))
      .toEqual([row.promptTokens + row.completionTokens]);
  });
});

// The /v1 API's parameters beyond the chat's own, through the `openai` SDK: those passed to the model as the caller
// chose them (seed, response_format, verbosity, stop, the penalties and the token bias), a server's refusal of one
// told to the caller by name, and those Parley cannot honour (tools, log probabilities, storing) refused with why.
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeApiUser } from "../support/api-keys";
import { makeModel } from "../support/factories";
import { type FakeScenario, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function modelWith(scenario: FakeScenario, fields: Parameters<typeof makeModel>[1] = {}) {
  const upstreamName = `params-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { ...fields, upstreamName });
  return {
    ...model,
    sent: () =>
      upstream.requests
        .filter((r) => (r.body as { model?: string }).model === upstreamName)
        .map((r) => r.body as Record<string, unknown>),
  };
}

const jsonSchema = {
  type: "json_schema" as const,
  json_schema: {
    name: "answer",
    strict: true,
    schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
const hi = [{ role: "user" as const, content: "Hi" }];

describe("the caller's own parameters on /v1", () => {
  it("are passed to the model as the caller chose them, a neutral penalty left out", async () => {
    const model = await modelWith({ chunks: ['{"city":"Paris"}'] }, { allowUserParameters: true });
    const { client } = await makeApiUser();
    const completion = await client.chat.completions.create({
      model: model.upstreamName,
      messages: hi,
      seed: 42,
      response_format: jsonSchema,
      verbosity: "low",
      stop: "END",
      presence_penalty: 0.5,
      frequency_penalty: 0,
      logit_bias: { "50256": -100 },
    });
    expect(completion.choices[0]?.message.content).toBe('{"city":"Paris"}');
    const [sent] = model.sent();
    expect(sent).toMatchObject({
      seed: 42,
      response_format: jsonSchema,
      verbosity: "low",
      stop: "END",
      presence_penalty: 0.5,
      logit_bias: { "50256": -100 },
    });
    expect(sent).not.toHaveProperty("frequency_penalty");

    await client.chat.completions.create({ model: model.upstreamName, messages: hi, stop: [] });
    expect(model.sent()[1]).not.toHaveProperty("stop");
  });

  it("leave the sampling ones out, as temperature is, where the admin fixed the parameters or the model takes none", async () => {
    const fixed = await modelWith({ chunks: ["ok"] }, { allowUserParameters: false });
    const reasoning = await modelWith(
      { chunks: ["ok"] },
      { allowUserParameters: true, sendsSamplingParameters: false },
    );
    const { client } = await makeApiUser();
    for (const model of [fixed, reasoning]) {
      await client.chat.completions.create({
        model: model.upstreamName,
        messages: hi,
        seed: 1,
        presence_penalty: 1,
        logit_bias: { "1": 5 },
      });
      const [sent] = model.sent();
      expect(sent).toMatchObject({ seed: 1 });
      expect(sent).not.toHaveProperty("presence_penalty");
      expect(sent).not.toHaveProperty("logit_bias");
    }
  });

  it("refused by the model's server are told by name, streamed or not; the model's shape stays and nothing is charged", async () => {
    const model = await modelWith({ chunks: ["never"], dialect: { refusedParameters: ["seed"] } });
    const { client, key } = await makeApiUser();
    const refused = await client.chat.completions
      .create({ model: model.upstreamName, messages: hi, seed: 3 })
      .catch((error) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.error).toEqual({
      type: "invalid_request_error",
      param: "seed",
      code: "unsupported_parameter",
      message: "seed: The model does not take it. Send the request without it.",
    });

    const stream = await client.chat.completions.create({
      model: model.upstreamName,
      messages: hi,
      seed: 3,
      stream: true,
    });
    const streamed = await (async () => {
      for await (const _chunk of stream);
    })().catch((error) => error);
    expect(streamed).toBeInstanceOf(OpenAI.APIError);
    expect(streamed.error).toMatchObject({ param: "seed", code: "unsupported_parameter" });

    // One call each: no retry without the parameter, and no change of the model's shape.
    expect(model.sent()).toHaveLength(2);
    expect(await db().model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({ version: 1 });
    expect(await db().replyUsage.count({ where: { apiKeyId: key.id } })).toBe(0);

    const answered = await client.chat.completions.create({ model: model.upstreamName, messages: hi });
    expect(answered.choices[0]?.message.content).toBe("never");
  });
});

describe("what /v1 cannot honour", () => {
  it("is refused with why, before the model is called, while its neutral values are taken", async () => {
    const model = await modelWith({ chunks: ["ok"] });
    const { client } = await makeApiUser();
    const ask = (fields: Record<string, unknown>) =>
      client.chat.completions.create({ model: model.upstreamName, messages: hi, ...fields }).catch((error) => error);
    const weather = { type: "function", function: { name: "weather", parameters: { type: "object" } } };
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ tools: [weather] }, "tools", "does not relay tool calls"],
      [{ logprobs: true }, "logprobs", "log probabilities"],
      [{ store: true }, "store", "store API calls"],
      [{ stream_options: { include_usage: true } }, "stream_options", "Only allowed when stream is true."],
      [{ modalities: ["audio"] }, "", "modalities"],
    ];
    for (const [fields, param, words] of refusals) {
      const refused = await ask(fields);
      expect(refused, param).toBeInstanceOf(OpenAI.BadRequestError);
      expect(refused.error.message, param).toContain(words);
      if (param) expect(refused.error.param, param).toBe(param);
    }
    expect(model.sent()).toHaveLength(0);

    const neutral = await ask({ tool_choice: "none", logprobs: false, store: false, parallel_tool_calls: null });
    expect(neutral.choices[0]?.message.content).toBe("ok");
    expect(model.sent()[0]).not.toHaveProperty("store");
  });
});

import { describe, expect, it } from "vitest";
import {
  adjustShape,
  findRefusedCallerParameter,
  findRefusedParameter,
  shapeCallerParameters,
  shapeMessages,
  shapeParameters,
} from "@/lib/chat/request-shape";
import { buildStreamParams } from "@/lib/chat/upstream";
import { defaultRequestShape } from "@/lib/models/compatibility";

const values = { temperature: 0.7, topP: 0.9, maxTokens: 500, reasoningEffort: null };

describe("defaultRequestShape", () => {
  it("gives OpenAI's reasoning models the reasoning shape, on OpenAI and behind any other address", () => {
    for (const name of ["gpt-5-mini", "gpt-5", "o1", "o3-mini", "o4-mini", "openai/gpt-5-nano"]) {
      for (const baseUrl of ["https://api.openai.com/v1", "http://127.0.0.1:9000/v1"]) {
        expect(defaultRequestShape({ baseUrl }, name)).toEqual({
          outputLimitParameter: "max_completion_tokens",
          sendsSamplingParameters: false,
          reasoningEffort: null,
          allowedReasoningEfforts: [],
          sendsUsageRequest: true,
          systemPromptRole: "developer",
        });
      }
    }
  });

  it("sends max_completion_tokens to OpenAI's other models and max_tokens to other servers", () => {
    const openAi = defaultRequestShape({ baseUrl: "https://api.openai.com/v1" }, "gpt-4o-mini");
    expect(openAi).toMatchObject({ outputLimitParameter: "max_completion_tokens", sendsSamplingParameters: true });
    expect(openAi.systemPromptRole).toBe("system");
    for (const name of ["llama3.2", "deepseek-r1", "gpt-oss-20b", "qwen3:8b", "gpt-4o", "o1x"]) {
      expect(defaultRequestShape({ baseUrl: "http://localhost:11434/v1" }, name)).toMatchObject({
        outputLimitParameter: "max_tokens",
        sendsSamplingParameters: true,
        systemPromptRole: "system",
      });
    }
  });

  it("sends max_completion_tokens to every Azure OpenAI deployment, whatever the admin named it", () => {
    const azure = { baseUrl: "https://contoso.openai.azure.com", kind: "AZURE_OPENAI" };
    expect(defaultRequestShape(azure, "chat-prod")).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: true,
      systemPromptRole: "system",
    });
    expect(defaultRequestShape(azure, "gpt-5-mini")).toMatchObject({ sendsSamplingParameters: false });
  });
});

describe("the request shape", () => {
  it("sends exactly the parameters of the model's shape", () => {
    const reasoning = defaultRequestShape({ baseUrl: "https://api.openai.com/v1" }, "gpt-5-mini");
    const request = {
      model: "gpt-5-mini",
      messages: [
        { role: "system" as const, content: "Be brief." },
        { role: "user" as const, content: "Hi" },
      ],
      ...values,
      reasoningEffort: "low" as const,
    };
    const params = buildStreamParams(request as never, reasoning, request);
    expect(params).toEqual({
      model: "gpt-5-mini",
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      max_completion_tokens: 500,
      reasoning_effort: "low",
      stream: true,
      stream_options: { include_usage: true },
    });
    const classic = defaultRequestShape({ baseUrl: "http://localhost:8000/v1" }, "llama3.2");
    expect(buildStreamParams(request as never, { ...classic, sendsUsageRequest: false }, values)).toEqual({
      model: "gpt-5-mini",
      messages: request.messages,
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 500,
      stream: true,
    });
  });

  it("can send no output limit at all", () => {
    const shape = { ...defaultRequestShape({ baseUrl: "http://x/v1" }, "m"), outputLimitParameter: "none" as const };
    expect(shapeParameters(shape, values)).toEqual({ temperature: 0.7, top_p: 0.9 });
    expect(shapeMessages(shape, [{ role: "system", content: "a" }])).toEqual([{ role: "system", content: "a" }]);
  });
});

describe("a refused parameter", () => {
  it("reads OpenAI's error codes and other servers' messages", () => {
    expect(
      findRefusedParameter({
        code: "unsupported_parameter",
        param: "max_tokens",
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      }),
    ).toBe("max_tokens");
    expect(findRefusedParameter({ code: "unsupported_value", param: "temperature", message: "" })).toBe("temperature");
    expect(
      findRefusedParameter({
        code: null,
        param: null,
        message: "Unrecognized request argument supplied: stream_options",
      }),
    ).toBe("stream_options");
    expect(
      findRefusedParameter({
        code: null,
        param: null,
        message: "max_tokens is not supported; use max_completion_tokens",
      }),
    ).toBe("max_tokens");
    expect(findRefusedParameter({ code: "invalid_api_key", param: null, message: "Incorrect API key" })).toBeNull();
    expect(findRefusedParameter({ code: null, param: null, message: "temperature must be at most 2" })).toBeNull();
  });

  it("tells which of an API caller's parameters sent is refused, and whether the parameter or its value", () => {
    const sent = ["seed", "stop", "verbosity", "response_format"];
    const vllm = { code: null, param: null, message: "Extra inputs are not permitted: seed" };
    expect(findRefusedParameter(vllm)).toBeNull();
    expect(findRefusedCallerParameter(vllm, sent)).toEqual({ name: "seed", refuses: "either" });
    expect(findRefusedCallerParameter(vllm, ["stop"])).toBeNull();
    const openAi = { code: "unsupported_parameter", param: "stop", message: "Unsupported parameter: 'stop'." };
    expect(findRefusedCallerParameter(openAi, sent)).toEqual({ name: "stop", refuses: "parameter" });
    const value = { code: "unsupported_value", param: "verbosity", message: "Unsupported value: 'verbosity'." };
    expect(findRefusedCallerParameter(value, sent)).toEqual({ name: "verbosity", refuses: "value" });
    const schema = {
      code: "invalid_json_schema",
      param: "response_format",
      message: "Invalid schema: 'x' is not supported",
    };
    expect(findRefusedCallerParameter(schema, sent)).toEqual({ name: "response_format", refuses: "either" });
    // A message that names a parameter Parley drops on its own is Parley's to mend, whatever else it names.
    const both = { code: null, param: null, message: "Unsupported: temperature, with stop sequences" };
    expect(findRefusedParameter(both)).toBe("temperature");
    expect(findRefusedCallerParameter(both, sent)).toBeNull();
  });

  it("passes an API caller's sampling parameters only to a model that takes sampling parameters", () => {
    const caller = { seed: 7, stop: null, presence_penalty: 0.5, logit_bias: { "42": -100 } };
    const sampling = defaultRequestShape({ baseUrl: "http://x/v1" }, "gpt-4o");
    expect(shapeCallerParameters(sampling, caller)).toEqual({
      seed: 7,
      presence_penalty: 0.5,
      logit_bias: { "42": -100 },
    });
    expect(shapeCallerParameters({ ...sampling, sendsSamplingParameters: false }, caller)).toEqual({ seed: 7 });
    expect(shapeCallerParameters(sampling)).toEqual({});
  });

  it("drops or swaps only a parameter that was sent", () => {
    const classic = defaultRequestShape({ baseUrl: "http://x/v1" }, "m");
    expect(adjustShape(classic, values, "max_tokens")?.shape.outputLimitParameter).toBe("max_completion_tokens");
    expect(adjustShape(classic, values, "temperature")?.shape.sendsSamplingParameters).toBe(false);
    expect(adjustShape(classic, values, "stream_options.include_usage")?.shape.sendsUsageRequest).toBe(false);
    expect(adjustShape(classic, values, "reasoning_effort")).toBeNull();
    const effort = adjustShape(classic, { ...values, reasoningEffort: "high" }, "reasoning_effort");
    expect(effort?.values.reasoningEffort).toBeNull();
    const reasoning = defaultRequestShape({ baseUrl: "http://x/v1" }, "o3");
    expect(adjustShape(reasoning, values, "temperature")).toBeNull();
    expect(adjustShape(reasoning, values, "max_tokens")).toBeNull();
  });

  it("names the kind of each change and only the fields it changed, so that changes add up", () => {
    const classic = defaultRequestShape({ baseUrl: "http://x/v1" }, "m");
    const limit = adjustShape(classic, values, "max_tokens");
    expect(limit).toMatchObject({ kind: "output_limit", changes: { outputLimitParameter: "max_completion_tokens" } });
    const sampling = limit ? adjustShape(limit.shape, limit.values, "top_p") : null;
    expect(sampling).toMatchObject({
      kind: "sampling",
      changes: { sendsSamplingParameters: false },
      shape: { outputLimitParameter: "max_completion_tokens", sendsSamplingParameters: false },
      description: "stopped sending temperature and top_p (refused: top_p)",
    });
    expect(Object.keys(sampling?.changes ?? {})).toEqual(["sendsSamplingParameters"]);
    expect(limit ? adjustShape(limit.shape, limit.values, "max_completion_tokens")?.kind : null).toBe("output_limit");
  });

  it("sends no output limit to a server that refused both, rather than switching back", () => {
    const classic = defaultRequestShape({ baseUrl: "http://x/v1" }, "m");
    const switched = adjustShape(classic, values, "max_tokens");
    const dropped = switched
      ? adjustShape(switched.shape, switched.values, "max_completion_tokens", new Set([switched.kind]))
      : null;
    expect(dropped).toMatchObject({ kind: "output_limit_dropped", changes: { outputLimitParameter: "none" } });
    expect(dropped ? shapeParameters(dropped.shape, dropped.values) : null).not.toHaveProperty("max_tokens");
    expect(dropped ? shapeParameters(dropped.shape, dropped.values) : null).not.toHaveProperty("max_completion_tokens");
  });
});

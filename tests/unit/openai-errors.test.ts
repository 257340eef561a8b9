// The /v1 API's errors in OpenAI's shape, with the statuses the SDKs map and never a provider's words.
import { describe, expect, it } from "vitest";
import { UpstreamFailure } from "@/lib/chat/upstream-failure";
import { AppError } from "@/lib/errors";
import { toOpenAiError } from "@/lib/v1/openai-errors";

describe("OpenAI-shaped errors", () => {
  it("map each code to the status and type the SDKs expect, naming the refused parameter", () => {
    const invalid = new AppError("invalid_input", "Some fields are invalid.", {
      issues: [{ path: ["max_tokens"], message: "Use from 1 to 100 tokens." }],
    });
    expect(toOpenAiError(invalid)).toMatchObject({
      status: 400,
      body: { error: { type: "invalid_request_error", param: "max_tokens", code: "invalid_request" } },
    });
    expect(toOpenAiError(invalid).body).toMatchObject({
      error: { message: "Some fields are invalid. max_tokens: Use from 1 to 100 tokens." },
    });
    const unknownKey = new AppError("invalid_input", "Some fields are invalid.", {
      issues: [{ path: [], message: 'Unrecognized key: "foo"' }],
    });
    expect(toOpenAiError(unknownKey).body).toMatchObject({
      error: { message: 'Some fields are invalid. Unrecognized key: "foo"', param: null },
    });
    expect(toOpenAiError(new AppError("unauthorized", "No key.")).status).toBe(401);
    expect(toOpenAiError(new AppError("forbidden", "Off.")).status).toBe(403);
    expect(toOpenAiError(new AppError("not_found", "No model.")).body).toMatchObject({
      error: { code: "model_not_found" },
    });
    const limited = new AppError("usage_limit_reached", "Used up.", { details: { retryAfterSeconds: 42 } });
    expect(toOpenAiError(limited)).toMatchObject({ status: 429, retryAfter: 42 });
  });

  it("answers a busy or unreachable provider with 503 and any other failure of the model with 500", () => {
    const busy = new UpstreamFailure("The model is busy.", { category: "rate_limited", status: 429 }, "x");
    const refused = new UpstreamFailure("The model failed.", { category: "key_rejected", status: 401 }, "x");
    expect(toOpenAiError(busy).status).toBe(503);
    expect(toOpenAiError(busy).retryAfter).toBeGreaterThan(0);
    expect(toOpenAiError(refused)).toMatchObject({ status: 500, body: { error: { message: "The model failed." } } });
  });

  it("tells the SDKs not to retry only what no quick retry can change (x-should-retry: false)", () => {
    const retryable = (error: unknown) => toOpenAiError(error).isRetryable;
    expect(retryable(new AppError("usage_limit_reached", "Used up.", { details: { retryAfterSeconds: 9000 } }))).toBe(
      false,
    );
    expect(retryable(new AppError("model_unavailable", "An admin must enter the key again."))).toBe(false);
    expect(retryable(new AppError("rate_limited", "Too many.", { details: { retryAfterSeconds: 30 } }))).toBe(true);
    expect(retryable(new UpstreamFailure("Busy.", { category: "rate_limited", status: 429 }, "x"))).toBe(true);
    expect(retryable(new AppError("database_unavailable", "Try again shortly."))).toBe(true);
  });
});

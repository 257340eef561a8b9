// A new model's context window and output limit as Parley guesses them from its name (lib/models/model-limits.ts).
import { describe, expect, it } from "vitest";
import { defaultModelLimits, GENERIC_MODEL_LIMITS, REASONING_OUTPUT_TOKENS } from "@/lib/models/model-limits";

describe("a new model's limits from its name", () => {
  it("gives OpenAI's chat models their published window and output limit", () => {
    for (const name of ["gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "chatgpt-4o-latest"]) {
      expect(defaultModelLimits(name), name).toEqual({ contextWindow: 128_000, maxOutputTokens: 16_384 });
    }
    expect(defaultModelLimits("gpt-4o-2024-05-13")).toEqual({ contextWindow: 128_000, maxOutputTokens: 4_096 });
    for (const name of ["gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano-2025-04-14"]) {
      expect(defaultModelLimits(name), name).toEqual({ contextWindow: 1_047_576, maxOutputTokens: 32_768 });
    }
    expect(defaultModelLimits("gpt-5-chat-latest")).toEqual({ contextWindow: 128_000, maxOutputTokens: 16_384 });
  });

  it("gives reasoning models their published window and an output limit that leaves room for thinking", () => {
    expect(REASONING_OUTPUT_TOKENS).toBe(25_000);
    for (const name of ["gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.1", "gpt-5-codex"]) {
      expect(defaultModelLimits(name), name).toEqual({ contextWindow: 400_000, maxOutputTokens: 25_000 });
    }
    for (const name of ["o1", "o1-2024-12-17", "o3", "o3-mini", "o3-pro", "o4-mini", "o4-mini-2025-04-16"]) {
      expect(defaultModelLimits(name), name).toEqual({ contextWindow: 200_000, maxOutputTokens: 25_000 });
    }
    expect(defaultModelLimits("o1-mini")).toEqual({ contextWindow: 128_000, maxOutputTokens: 25_000 });
    expect(defaultModelLimits("o1-preview")).toEqual({ contextWindow: 128_000, maxOutputTokens: 25_000 });
  });

  it("reads the name whatever its case, behind a router's or vendor's prefix, and as a fine-tune", () => {
    const gpt4o = { contextWindow: 128_000, maxOutputTokens: 16_384 };
    for (const name of [
      "GPT-4o",
      " gpt-4o-mini ",
      "openai/gpt-4o",
      "azure/gpt-4o",
      "ft:gpt-4o-mini-2024-07-18:acme::x1",
    ]) {
      expect(defaultModelLimits(name), name).toEqual(gpt4o);
    }
    expect(defaultModelLimits("openai/gpt-5-mini")).toEqual({ contextWindow: 400_000, maxOutputTokens: 25_000 });
  });

  it("gives Llama 3.1 to 3.3 their 128K window, however a server spells the name", () => {
    for (const name of [
      "llama3.1",
      "llama3.2:3b",
      "llama3.3:70b",
      "llama-3.1-8b-instant",
      "meta-llama/Llama-3.1-8B-Instruct",
      "meta-llama-3.1-8b-instruct",
    ]) {
      expect(defaultModelLimits(name), name).toEqual({ contextWindow: 131_072, maxOutputTokens: 1024 });
    }
  });

  it("keeps the generic limits for a name it does not know, or only resembles a known one", () => {
    for (const name of [
      "pirate-7b",
      "llama3",
      "llama2",
      "qwen3:8b",
      "gpt-50",
      "gpt-4",
      "o1x",
      "o5",
      "my-deployment",
      "",
    ]) {
      expect(defaultModelLimits(name), name).toEqual(GENERIC_MODEL_LIMITS);
    }
    expect(GENERIC_MODEL_LIMITS).toEqual({ contextWindow: 8192, maxOutputTokens: 1024 });
  });
});

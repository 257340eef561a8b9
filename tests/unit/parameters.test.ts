import { describe, expect, it } from "vitest";
import { assertWithinBounds, type ModelBounds, resolveParameters } from "@/lib/chat/parameters";

const adjustable: ModelBounds = {
  temperature: 0.7,
  topP: 1,
  maxOutputTokens: 1_000,
  allowUserParameters: true,
  minTemperature: 0,
  maxTemperature: 1.5,
  reasoningEffort: null,
  allowedReasoningEfforts: [],
};
const fixed: ModelBounds = { ...adjustable, allowUserParameters: false };

describe("assertWithinBounds", () => {
  it("accepts values inside the bounds, inclusive, and nulls that reset to the default", () => {
    expect(() => assertWithinBounds(adjustable, { temperature: 1.5, topP: 1, maxTokens: 1_000 })).not.toThrow();
    expect(() => assertWithinBounds(fixed, { temperature: null })).not.toThrow();
  });

  it("names every parameter outside the bounds", () => {
    expect(() => assertWithinBounds(adjustable, { temperature: 1.6, topP: 0, maxTokens: 1_001 })).toThrowError(
      expect.objectContaining({
        code: "invalid_input",
        issues: [
          { path: ["temperature"], message: "Use a temperature from 0 to 1.5." },
          { path: ["topP"], message: "Use a top_p above 0 and at most 1." },
          { path: ["maxTokens"], message: "Use from 1 to 1000 tokens." },
        ],
      }),
    );
  });

  it("refuses any change when an admin fixed the model's parameters", () => {
    expect(() => assertWithinBounds(fixed, { temperature: 0.7 })).toThrow(/set by an admin/);
  });
});

describe("resolveParameters", () => {
  it("layers the model defaults, the conversation and the turn", () => {
    expect(resolveParameters(adjustable, { temperature: 0.2, maxTokens: 300 }, { temperature: 1.1 })).toEqual({
      temperature: 1.1,
      topP: 1,
      maxTokens: 300,
      reasoningEffort: null,
    });
  });

  it("takes a conversation's reasoning effort only among the values the admin allows", () => {
    const reasoning: ModelBounds = { ...fixed, reasoningEffort: "medium", allowedReasoningEfforts: ["low", "high"] };
    expect(resolveParameters(reasoning, { reasoningEffort: "high" }).reasoningEffort).toBe("high");
    expect(resolveParameters(reasoning, { reasoningEffort: "minimal" }).reasoningEffort).toBe("medium");
    expect(() => assertWithinBounds(reasoning, { reasoningEffort: "minimal" })).toThrow(/set by an admin/);
    expect(() => assertWithinBounds(reasoning, { reasoningEffort: "low" })).not.toThrow();
  });

  it("ignores stored values the model no longer allows", () => {
    expect(resolveParameters(fixed, { temperature: 0.2 })).toEqual({
      temperature: 0.7,
      topP: 1,
      maxTokens: 1_000,
      reasoningEffort: null,
    });
    expect(resolveParameters(adjustable, { temperature: 1.9 }).temperature).toBe(0.7);
  });
});

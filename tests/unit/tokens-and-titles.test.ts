import { describe, expect, it } from "vitest";
import { cleanTitle } from "@/lib/chat/titles";
import { countTokens, encodingForModel } from "@/lib/chat/tokens";

describe("tokens", () => {
  it("picks the encoding from the model name, o200k_base unless it is an older OpenAI model", () => {
    expect(encodingForModel("gpt-4o-mini")).toBe("o200k_base");
    expect(encodingForModel("gpt-4.1")).toBe("o200k_base");
    expect(encodingForModel("gpt-4-turbo")).toBe("cl100k_base");
    expect(encodingForModel("gpt-3.5-turbo")).toBe("cl100k_base");
    expect(encodingForModel("llama3.2")).toBe("o200k_base");
  });

  it("counts real tokens and treats special-token look-alikes as plain text", () => {
    expect(countTokens("", "o200k_base")).toBe(0);
    expect(countTokens("Hello world, this is a test.", "o200k_base")).toBe(8);
    expect(countTokens("<|endoftext|> hi", "cl100k_base")).toBeGreaterThan(2);
  });
});

describe("cleanTitle", () => {
  it("keeps the first line without quotes, markup or a trailing full stop", () => {
    expect(cleanTitle('"Planning a Trip to Lisbon."\nExtra')).toBe("Planning a Trip to Lisbon");
    expect(cleanTitle("Title: **Rust lifetimes**")).toBe("Rust lifetimes");
    expect(cleanTitle("   ")).toBeNull();
    expect(cleanTitle("x".repeat(200))?.length).toBe(80);
  });
});

// What the console accepts: provider URLs, key hints, model settings and audit filters.
import { describe, expect, it } from "vitest";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { newModelSchema } from "@/lib/models/model-settings";
import { baseUrlSchema } from "@/lib/models/providers";
import { keyHint } from "@/lib/models/secret-box";

describe("provider base URLs", () => {
  it("accepts http and https, without a trailing slash", () => {
    expect(baseUrlSchema.parse(" https://api.openai.com/v1/ ")).toBe("https://api.openai.com/v1");
    expect(baseUrlSchema.parse("http://localhost:11434/v1")).toBe("http://localhost:11434/v1");
  });

  it("refuses other schemes, credentials, queries and fragments", () => {
    for (const url of [
      "ftp://example.test/v1",
      "file:///etc/passwd",
      "https://user:pass@example.test/v1",
      "https://token@example.test/v1",
      "https://example.test/v1?api_key=1",
      "https://example.test/v1#x",
      "not a url",
    ]) {
      expect(baseUrlSchema.safeParse(url).success, url).toBe(false);
    }
  });
});

it("hints at a key by its last 4 characters, and at a short key not at all", () => {
  expect(keyHint("sk-proj-abcdefgh1234")).toBe("1234");
  expect(keyHint("short-key")).toBeNull();
});

it("fills a new model's settings with the documented defaults and trims an empty system prompt away", () => {
  const parsed = newModelSchema.parse({
    providerId: "cmx0qgfl50002s97deypbd26b",
    upstreamName: " llama3.2 ",
    systemPrompt: "   ",
  });
  expect(parsed).toEqual({
    providerId: "cmx0qgfl50002s97deypbd26b",
    upstreamName: "llama3.2",
    temperature: 0.7,
    topP: 1,
    systemPrompt: null,
    allowUserParameters: false,
    minTemperature: 0,
    maxTemperature: 2,
    enabled: true,
    isDefault: false,
    visibleToEveryone: true,
    teamIds: [],
  });
  expect(
    newModelSchema.safeParse({ providerId: "cmx0qgfl50002s97deypbd26b", upstreamName: "x", topP: 0 }).success,
  ).toBe(false);
});

it("reads empty audit filters as no filter and refuses dates that are not dates", () => {
  expect(auditQuerySchema.parse({ actor: "", action: "", from: "2026-11-01", to: "" })).toEqual({ from: "2026-11-01" });
  expect(auditQuerySchema.safeParse({ from: "2026-13-45" }).success).toBe(false);
  expect(auditQuerySchema.safeParse({ action: "model.explode" }).success).toBe(false);
});

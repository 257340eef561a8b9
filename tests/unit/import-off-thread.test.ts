// Imports are parsed, validated and tokenized on a worker thread: the process's event loop keeps turning (serving
// replies and pages) while a large file is read, and the rows come back as the inline code would make them.
import { setImmediate } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { readImportRowsOffThread } from "@/lib/conversations/run-import";
import { makeLargeChatGptExport } from "../support/large-import";

describe("reading an import off the event loop", () => {
  it("keeps the event loop turning while a 20 MB conversation is parsed and tokenized", async () => {
    const file = makeLargeChatGptExport();
    expect(file.length).toBeGreaterThan(20_000_000);
    let isDone = false;
    const reading = readImportRowsOffThread(Buffer.from(file), "o200k_base").finally(() => {
      isDone = true;
    });
    // Inline, the whole read is one task: not a single turn of the loop could happen before it ends.
    let turns = 0;
    while (!isDone) {
      await setImmediate();
      turns++;
    }
    const [conversation] = await reading;
    expect(turns).toBeGreaterThan(100);
    expect(conversation?.messages).toHaveLength(5000);
    expect(conversation?.messages[1]).toMatchObject({ role: "ASSISTANT", depth: 1, tokenEncoding: "o200k_base" });
    expect(conversation?.messages[1]?.tokenCount).toBeGreaterThan(100);
    expect(conversation?.currentLeafId).toBe(conversation?.messages[4999]?.id);
  }, 60_000);

  it("answers a file that is not an export with the same field issues as before", async () => {
    const bytes = (text: string) => Buffer.from(text);
    await expect(readImportRowsOffThread(bytes('[{"title":"\\u0000"}]'), "o200k_base")).rejects.toMatchObject({
      code: "invalid_input",
      message: "Text cannot contain NUL characters.",
    });
    await expect(readImportRowsOffThread(bytes("{not json"), "o200k_base")).rejects.toMatchObject({
      code: "not_an_export",
      message: "This file is not JSON, so not a ChatGPT export (conversations.json) or a Parley JSON export.",
    });
    await expect(
      readImportRowsOffThread(bytes(JSON.stringify([{ mapping: "nope" }])), "o200k_base"),
    ).rejects.toMatchObject({
      code: "not_an_export",
      issues: [expect.objectContaining({ path: [0, "mapping"] })],
    });
    await expect(
      readImportRowsOffThread(bytes(JSON.stringify({ hello: "world" })), "o200k_base"),
    ).rejects.toMatchObject({
      code: "not_an_export",
    });
  }, 60_000);
});

// The built-in demo model's endpoint: OpenAI's protocol, for this app alone.
import OpenAI from "openai";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeLargePng } from "../support/attachment-files";
import { makeSignedInUser } from "../support/factories";
import { collectEvents } from "../support/read-events";

it("refuses callers without the key derived from AUTH_SECRET, in OpenAI's error shape", async () => {
  const client = new OpenAI({ apiKey: "guess", baseURL: `${inject("baseUrl")}/api/demo/v1`, maxRetries: 0 });
  const failure = await client.chat.completions
    .create({ model: "parley-demo", messages: [{ role: "user", content: "hi" }] })
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
});

describe("in a conversation", () => {
  async function startDemoConversation(readsImages = false) {
    // Other files may disable the demo model to test a disabled one; this file needs it answering.
    const { id: demoId } = await db().model.findFirstOrThrow({ where: { provider: { kind: "DEMO" } } });
    const demo = await db().model.update({ where: { id: demoId }, data: { enabled: true, readsImages } });
    const client = await makeSignedInUser();
    const created = await client.json("/api/conversations", { modelId: demo.id });
    const { id } = (await created.json()) as { id: string };
    const send = async (content: string, attachmentIds?: string[]) => {
      await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content, attachmentIds }));
      const reply = await db().message.findFirstOrThrow({
        where: { conversationId: id, role: "ASSISTANT" },
        orderBy: { createdAt: "desc" },
      });
      return reply;
    };
    return { client, send };
  }

  it("reads images when an admin marks it so, photos of a few megabytes included, counted as images, not text", async () => {
    const { client, send } = await startDemoConversation(true);
    try {
      const photo = makeLargePng(2 * 1024 * 1024);
      const uploaded = await client.fetch("/api/attachments?name=photo.png", {
        method: "POST",
        body: new Uint8Array(photo),
      });
      expect(uploaded.status).toBe(201);
      const reply = await send("What is in it?", [((await uploaded.json()) as { id: string }).id]);
      expect(reply.status).toBe("COMPLETE");
      // The text beside the image comes back, as it does without one.
      expect(reply.content).toMatch(
        /You wrote:\n\nWhat is in it\?\n\n\(1 image, which the demo model cannot look at\.\)$/,
      );
      // A 2 MB picture as text would be some 700,000 tokens; as an image it is what a provider charges for one.
      expect(reply.promptTokens).toBeLessThan(2_000);
    } finally {
      await db().model.updateMany({ where: { provider: { kind: "DEMO" } }, data: { readsImages: false } });
    }
  });

  it("answers a turn whose photos pass 20 MB once written inline (three photos of 8 MB, 32 MB as base64)", async () => {
    const { client, send } = await startDemoConversation(true);
    try {
      const ids: string[] = [];
      for (const name of ["one.png", "two.png", "three.png"]) {
        const uploaded = await client.fetch(`/api/attachments?name=${name}`, {
          method: "POST",
          body: new Uint8Array(makeLargePng(8 * 1024 * 1024)),
        });
        expect(uploaded.status).toBe(201);
        ids.push(((await uploaded.json()) as { id: string }).id);
      }
      const reply = await send("Which is the sharpest?", ids);
      expect(reply.status).toBe("COMPLETE");
      expect(reply.promptTokens).toBeGreaterThanOrEqual(3 * 765);
    } finally {
      await db().model.updateMany({ where: { provider: { kind: "DEMO" } }, data: { readsImages: false } });
    }
  });

  it("welcomes with a Markdown sample first, then sends a long Markdown message back intact", async () => {
    const { send } = await startDemoConversation();
    const first = await send("hello");
    expect(first.status).toBe("COMPLETE");
    expect(first.content).toContain("| OpenAI | set `OPENAI_API_KEY`");
    expect(first.content).toContain("```sh\n");
    expect(first.content).toContain("$$");

    const markdown = `# Markdown test\n\n\`\`\`js\nconst answer = ${"42 + ".repeat(60)}0;\n\`\`\`\n\n| a | b |\n|---|---|\n| 1 | 2 |`;
    const echo = await send(markdown);
    expect(echo.status).toBe("COMPLETE");
    expect(echo.content).toBe(`You wrote:\n\n${markdown}`);
    expect((await send(" help ")).content).toBe(first.content.split("\n\n---\n\n")[0]);
  });
});

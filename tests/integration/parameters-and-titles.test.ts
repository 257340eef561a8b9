// Sampling parameters within the model's bounds, and titles written by the model after the first exchange.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

const adjustable = { allowUserParameters: true, minTemperature: 0.2, maxTemperature: 1.2, maxOutputTokens: 500 };

describe("parameters", () => {
  it("applies the conversation's values within the bounds and refuses others without changing anything", async () => {
    const chat = await startChatSession(upstream, { reply: "ok" }, adjustable);
    const path = `/api/conversations/${chat.conversationId}`;
    const outside = await chat.client.json(path, { temperature: 1.5, maxTokens: 501 }, "PATCH");
    expect(outside.status).toBe(400);
    const body = (await outside.json()) as { error: { issues: { path: string[] }[] } };
    expect(body.error.issues.map((issue) => issue.path[0])).toEqual(["temperature", "maxTokens"]);

    const updated = await chat.client.json(path, { temperature: 0.9, topP: 0.5, maxTokens: 300 }, "PATCH");
    expect(await updated.json()).toMatchObject({ temperature: 0.9, topP: 0.5, maxTokens: 300 });
    await collectEvents(await chat.send("Hi"));
    expect(chat.upstreamCalls().at(-1)?.body).toMatchObject({ temperature: 0.9, top_p: 0.5, max_tokens: 300 });

    await collectEvents(await chat.send("Warmer", { temperature: 1.2 }));
    expect(chat.upstreamCalls().at(-1)?.body).toMatchObject({ temperature: 1.2 });
    expect((await chat.send("Too warm", { temperature: 1.3 })).status).toBe(400);

    await chat.client.json(path, { temperature: null }, "PATCH");
    await collectEvents(await chat.send("Default again"));
    expect(chat.upstreamCalls().at(-1)?.body).toMatchObject({ temperature: 0.7 });
  });

  it("refuses any change when the admin fixed the model's parameters", async () => {
    const chat = await startChatSession(upstream, { reply: "ok" });
    const response = await chat.client.json(`/api/conversations/${chat.conversationId}`, { temperature: 0.5 }, "PATCH");
    expect(response.status).toBe(400);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).temperature).toBeNull();
  });

  it("lists each model's bounds for the settings UI, never its provider", async () => {
    const chat = await startChatSession(upstream, { reply: "ok" }, adjustable);
    const { items } = (await (await chat.client.fetch("/api/models")).json()) as { items: Record<string, unknown>[] };
    const model = items.find((item) => item.id === chat.modelId);
    expect(model).toEqual({
      id: chat.modelId,
      label: "Fake model",
      isDefault: false,
      readsImages: false,
      parameters: {
        canChange: true,
        temperature: { default: 0.7, min: 0.2, max: 1.2 },
        topP: 1,
        maxOutputTokens: 500,
        takesTemperature: true,
        reasoningEffort: { default: null, choices: [] },
      },
    });
    expect(JSON.stringify(items)).not.toContain(upstream.url);
  });
});

describe("titles", () => {
  it("asks the model for a title after the first reply is done, and keeps the first words until then", async () => {
    const chat = await startChatSession(upstream, { reply: '"Weekend in Lisbon."' });
    const events = await collectEvents(await chat.send("Plan a weekend in Lisbon for me please, with food"));
    const doneAt = events.find((event) => event.event === "done")?.receivedAt ?? 0;
    const conversation = () => db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    await vi.waitFor(async () => expect((await conversation()).title).toBe("Weekend in Lisbon"), { timeout: 5_000 });
    const [reply, title] = chat.upstreamCalls("all");
    expect(reply?.body.stream).toBe(true);
    expect(title?.body.stream).toBeFalsy();
    expect(title?.receivedAt).toBeGreaterThanOrEqual(doneAt - 50);
    await collectEvents(await chat.send("And on Sunday?"));
    expect(chat.upstreamCalls("all")).toHaveLength(3);
  });

  it("sends the title on the reply's stream once it is saved, after done, and then ends the stream", async () => {
    const chat = await startChatSession(upstream, { reply: "Title: **Trains across Europe**" });
    const events = await collectEvents(await chat.send("Which trains go from Paris to Vienna overnight?"));
    expect(events.map((event) => event.event).slice(-2)).toEqual(["done", "title"]);
    expect(events.at(-1)?.data).toEqual({ conversationId: chat.conversationId, title: "Trains across Europe" });
    // Saved before it was announced: a page that loads the conversation now shows the same title.
    const conversation = await chat.client.fetch(`/api/conversations/${chat.conversationId}`);
    expect(((await conversation.json()) as { title: string }).title).toBe("Trains across Europe");
    // Not on later replies, and not to a page that re-attaches once the reply has ended.
    const next = await collectEvents(await chat.send("And back?"));
    expect(next.at(-1)?.event).toBe("done");
    expect((await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`)).status).toBe(204);
  });

  it("ends the stream after done, without a title event, when the model writes no usable title", async () => {
    // The title's answer is the same text: nothing is left of it once quotes and the full stop are taken off.
    const chat = await startChatSession(upstream, { reply: '"."' });
    const events = await collectEvents(await chat.send("Hello"));
    expect(events.at(-1)?.event).toBe("done");
    expect(chat.upstreamCalls("all")[1]?.completedAt).toBeDefined();
  });

  it("keeps a title the user chose", async () => {
    const chat = await startChatSession(upstream, { reply: "Generated title", firstByteDelayMs: 300 });
    const stream = collectEvents(await chat.send("Hello there"));
    await chat.client.json(`/api/conversations/${chat.conversationId}`, { title: "Mine" }, "PATCH");
    await stream;
    await vi.waitFor(() => expect(chat.upstreamCalls("all")[1]?.completedAt).toBeDefined(), { timeout: 5_000 });
    // The title's answer has arrived; give the server a moment to (not) apply it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).title).toBe("Mine");
  });
});

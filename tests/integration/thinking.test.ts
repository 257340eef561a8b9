// A reasoning model's thinking, in each dialect servers stream it: read apart from the answer, streamed as its own
// event, stored beside the reply, never sent back to the model, kept on re-attach, on stop and through export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { makeUser } from "../support/factories";
import { type FakeScenario, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, type ReceivedEvent, readEvents } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

const textOf = (events: ReceivedEvent[], name: "delta" | "reasoning") =>
  events
    .filter((event) => event.event === name)
    .map((event) => (event.data as { text: string }).text)
    .join("");

type ThreadView = {
  messages: { role: string; content: string; reasoning: string | null; reasoningMs: number | null }[];
};

async function openThread(chat: Pick<ChatSession, "client">, conversationId: string): Promise<ThreadView> {
  return (await chat.client.fetch(`/api/conversations/${conversationId}`)).json();
}

const DIALECTS: { name: string; scenario: FakeScenario }[] = [
  {
    name: "DeepSeek-style reasoning_content",
    scenario: {
      reasoning: { field: "reasoning_content", chunks: ["Let me ", "think **hard**."] },
      reply: "Forty-two.",
    },
  },
  {
    name: "Ollama/OpenRouter-style reasoning",
    scenario: { reasoning: { field: "reasoning", chunks: ["Let me ", "think **hard**."] }, reply: "Forty-two." },
  },
  {
    name: "<think> tags split across chunks",
    scenario: { chunks: ["<thi", "nk>Let me ", "think **hard**.</th", "ink>\n\nForty", "-two."] },
  },
];

describe("a reasoning model's thinking", () => {
  for (const { name, scenario } of DIALECTS) {
    it(`${name}: streamed and stored apart from the answer, never sent back, not in the title`, async () => {
      const chat = await startChatSession(upstream, scenario);
      const events = await collectEvents(await chat.send("What is the answer?"));
      expect(textOf(events, "reasoning")).toBe("Let me think **hard**.");
      expect(textOf(events, "delta")).toBe("Forty-two.");
      const names = events.map((event) => event.event);
      expect(names.lastIndexOf("reasoning")).toBeLessThan(names.indexOf("delta"));

      const [, reply] = await chat.storedMessages();
      expect(reply).toMatchObject({ content: "Forty-two.", reasoning: "Let me think **hard**.", status: "COMPLETE" });
      expect(reply?.reasoningMs).toEqual(expect.any(Number));
      const thread = await openThread(chat, chat.conversationId);
      expect(thread.messages.at(-1)).toMatchObject({ content: "Forty-two.", reasoning: "Let me think **hard**." });

      await collectEvents(await chat.send("And why?"));
      const calls = chat.upstreamCalls("all");
      expect(calls.length).toBeGreaterThanOrEqual(3); // two replies and the title
      for (const call of calls) expect(JSON.stringify(call.body)).not.toContain("think **hard**");
      const secondTurn = calls.at(-1)?.body.messages as { role: string; content: string }[];
      expect(secondTurn.map((message) => message.content)).toContain("Forty-two.");
    });
  }

  it("is replayed on re-attach after Last-Event-ID with no gap or repeat", async () => {
    const thoughts = Array.from({ length: 12 }, (_, index) => `t${index} `);
    const chat = await startChatSession(upstream, {
      reasoning: { field: "reasoning_content", chunks: thoughts },
      chunks: ["Done", "."],
      paceMs: 25,
    });
    const first: ReceivedEvent[] = [];
    for await (const event of readEvents(await chat.send("Think aloud"))) {
      first.push(event);
      if (first.filter((each) => each.event === "reasoning").length === 4) break;
    }
    const lastId = first.at(-1)?.id ?? "";
    const resumed = await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`, {
      headers: { "last-event-id": lastId },
    });
    const rest = await collectEvents(resumed);
    expect(Number(rest[0]?.id)).toBe(Number(lastId) + 1);
    expect(textOf(first, "reasoning") + textOf(rest, "reasoning")).toBe(thoughts.join(""));
    expect(textOf(rest, "delta")).toBe("Done.");
  });

  it("keeps what was thought when the reply is stopped during thinking", async () => {
    const chat = await startChatSession(upstream, {
      reasoning: { field: "reasoning_content", chunks: ["First thought. ", "Second thought."] },
      stallAfterChunks: 2,
    });
    let reasoning = "";
    let stopStatus = 0;
    for await (const event of readEvents(await chat.send("Ponder"))) {
      if (event.event === "reasoning") reasoning += (event.data as { text: string }).text;
      if (reasoning === "First thought. Second thought." && stopStatus === 0) {
        stopStatus = (await chat.client.fetch(`/api/conversations/${chat.conversationId}/stop`, { method: "POST" }))
          .status;
      }
    }
    expect(stopStatus).toBe(202);
    const [, reply] = await chat.storedMessages();
    expect(reply).toMatchObject({ status: "INTERRUPTED", content: "", reasoning: "First thought. Second thought." });
  });

  it("goes into the JSON export and comes back with an import", async () => {
    const chat = await startChatSession(upstream, DIALECTS[0]?.scenario ?? {});
    await collectEvents(await chat.send("What is the answer?"));
    const exported = (await (
      await chat.client.fetch(`/api/conversations/${chat.conversationId}/export?format=json`)
    ).json()) as { conversation: { messages: { reasoning: string | null }[] } };
    expect(exported.conversation.messages.map((message) => message.reasoning)).toContain("Let me think **hard**.");

    const user = await makeUser();
    const other = await signedInClient(user.email, user.password);
    const imported = await other.json("/api/account/import", exported);
    expect(imported.status).toBe(201);
    const { conversations } = (await imported.json()) as { conversations: { id: string }[] };
    const thread = await openThread({ client: other }, conversations[0]?.id ?? "");
    expect(thread.messages.at(-1)).toMatchObject({ content: "Forty-two.", reasoning: "Let me think **hard**." });
  });

  it("shows on a share page only collapsed, and goes with a copy", async () => {
    const chat = await startChatSession(upstream, DIALECTS[0]?.scenario ?? {});
    await collectEvents(await chat.send("What is the answer?"));
    const created = await chat.client.json(`/api/conversations/${chat.conversationId}/share-links`, {});
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };
    const page = await (await anonymousClient().fetch(new URL(url).pathname)).text();
    const block = page.match(/<details[^>]*>.*?<\/details>/s)?.[0] ?? "";
    expect(block).toContain("<span>Thoughts</span></summary>");
    // The block holds the thinking as rendered Markdown, or as its source while the renderer streams in later in
    // the page (a Suspense boundary, until this server process has loaded the renderer once): the text either way.
    expect(block.replace(/<[^>]+>/g, "").replaceAll("**", "")).toContain("Let me think hard.");
    expect(block).not.toMatch(/<details[^>]*\sopen/);

    const [, reply] = await chat.storedMessages();
    const copied = await chat.client.json(`/api/conversations/${chat.conversationId}/copy`, { messageId: reply?.id });
    expect(copied.status).toBe(201);
    const { id: copyId } = (await copied.json()) as { id: string };
    const copy = await openThread(chat, copyId);
    expect(copy.messages.at(-1)).toMatchObject({ content: "Forty-two.", reasoning: "Let me think **hard**." });
  });
});

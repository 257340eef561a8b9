// The server and the browser agree on the live events: every event the real server sends on a reply's stream
// (sent, re-attached, regenerated, failed) and on a conversation watch parses with the browser's parser of the
// contract (lib/live/reply-events.ts), none unknown, none invalid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type ParsedEvent, parseReplyEvent, parseWatchEvent } from "@/lib/live/reply-events";
import { startChatSession } from "../support/chat-session";
import { makeAdmin } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, type ReceivedEvent, readEvents, startedIds } from "../support/read-events";
import { signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

const words = Array.from({ length: 12 }, (_, index) => `w${index} `);

/** The name of each event, after checking that the browser's parser takes every one of them as valid. */
function namesIfAllValid(events: ReceivedEvent[], parse: (event: ReceivedEvent) => ParsedEvent<unknown>): string[] {
  const rejected = events.flatMap((event) => {
    const parsed = parse(event);
    return parsed.status === "valid" ? [] : [`${event.event} (${parsed.status}): ${JSON.stringify(event.data)}`];
  });
  expect(rejected).toEqual([]);
  return events.map((event) => event.event);
}

describe("the live-event contract, between the real server and the browser's parser", () => {
  it("holds for a first exchange sent, watched and re-attached, and for a regenerated reply", async () => {
    // Paced so that the reply is still running when the second reader re-attaches, however busy the machine.
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 100 });
    const url = `/api/conversations/${chat.conversationId}`;
    const watch = readEvents(await chat.client.fetch(`${url}/events`));
    const watched = [(await watch.next()).value as ReceivedEvent];

    const sending = collectEvents(await chat.send("Count with me"));
    watched.push((await watch.next()).value as ReceivedEvent);
    const reattached = collectEvents(await chat.client.fetch(`${url}/stream`));
    const [sent, followed] = await Promise.all([sending, reattached]);
    await watch.return(undefined);

    expect(namesIfAllValid(watched, parseWatchEvent)).toEqual(["ready", "reply"]);
    const sentNames = namesIfAllValid(sent, parseReplyEvent);
    expect(sentNames).toEqual(["start", ...words.map(() => "delta"), "done", "title"]);
    expect(namesIfAllValid(followed, parseReplyEvent)).toEqual(sentNames);

    const { assistantMessageId: replyId } = startedIds(sent);
    const regenerated = await collectEvents(await chat.client.json(`${url}/messages/${replyId}/regenerate`, {}));
    expect(namesIfAllValid(regenerated, parseReplyEvent)).toEqual(["start", ...words.map(() => "delta"), "done"]);
  });

  it("holds for a reasoning model's reply: its thinking as `reasoning` events, sent and re-attached", async () => {
    const thoughts = ["Let ", "me ", "see."];
    const chat = await startChatSession(upstream, {
      reasoning: { field: "reasoning_content", chunks: thoughts },
      chunks: words,
      paceMs: 100,
    });
    const sending = collectEvents(await chat.send("Think first"));
    const reattached = collectEvents(await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`));
    const [sent, followed] = await Promise.all([sending, reattached]);
    const sentNames = namesIfAllValid(sent, parseReplyEvent);
    expect(sentNames).toEqual([
      "start",
      ...thoughts.map(() => "reasoning"),
      ...words.map(() => "delta"),
      "done",
      "title",
    ]);
    expect(namesIfAllValid(followed, parseReplyEvent)).toEqual(sentNames);
  });

  it("holds for a reply that fails, as a user and as an admin (who also gets the cause) re-attaching", async () => {
    const chat = await startChatSession(upstream, { failBeforeStream: { status: 401 }, firstByteDelayMs: 1_000 });
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const sending = collectEvents(await chat.send("Hello"));
    // The conversation passes to the admin while its reply is still waiting for the provider.
    await db().conversation.update({ where: { id: chat.conversationId }, data: { ownerId: admin.id } });
    const followed = await collectEvents(await adminClient.fetch(`/api/conversations/${chat.conversationId}/stream`));
    expect(namesIfAllValid(await sending, parseReplyEvent)).toEqual(["start", "error"]);
    expect(namesIfAllValid(followed, parseReplyEvent)).toEqual(["start", "error"]);
    expect(followed.at(-1)?.data).toMatchObject({ cause: { status: 401 } });
  });

  it("holds for a stopped reply", async () => {
    // The upstream stalls after a few chunks: only the Stop can end this reply.
    const chat = await startChatSession(upstream, { chunks: words, stallAfterChunks: 4 });
    const events: ReceivedEvent[] = [];
    for await (const event of readEvents(await chat.send("Go on"))) {
      events.push(event);
      if (events.length === 3)
        await chat.client.fetch(`/api/conversations/${chat.conversationId}/stop`, { method: "POST" });
    }
    expect(namesIfAllValid(events, parseReplyEvent).at(-1)).toBe("done");
    expect(events.at(-1)?.data).toMatchObject({ status: "INTERRUPTED" });
  });
});

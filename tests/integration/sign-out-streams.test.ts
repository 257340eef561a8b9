// Signing out ends the streams the user has open, as disabling the account does: the session that opened them is
// over, and with it every copy of it (lib/auth/options.ts).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, type ReceivedEvent, readEvents } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

it("ends the signed-out user's live view of a reply at once; the reply itself goes on and is saved", async () => {
  const words = Array.from({ length: 40 }, (_, index) => `word${index} `);
  const chat = await startChatSession(upstream, { chunks: words, paceMs: 100 });
  const replying = collectEvents(await chat.send("Tell me a long story"));
  const watching = await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`);
  expect(watching.status).toBe(200);
  const events = readEvents(watching);
  await events.next();

  const { csrfToken } = (await (await chat.client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await chat.client.fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  expect(signOut.status).toBe(200);
  const afterSignOut: ReceivedEvent[] = [];
  for await (const event of events) afterSignOut.push(event);
  // The reply needs about 4 s more: a stream that closes without its "done" closed before the reply ended.
  expect(afterSignOut.map((event) => event.event)).not.toContain("done");
  // Its last event tells the page why, so that it does not try to resume a stream it may no longer read.
  expect(afterSignOut.at(-1)).toMatchObject({ event: "error", data: { code: "unauthorized" } });
  expect((await replying).map((event) => event.event)).not.toContain("done");
  await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status, { timeout: 10_000 }).toBe("COMPLETE");
});

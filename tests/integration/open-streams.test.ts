// A stream route whose access check raced with an access change re-checks the streams it opened, and only those,
// in this process: the re-check is not a change itself, so requests in flight here and on other processes do not
// re-check everything in turn (lib/chat/open-streams.ts, lib/server/event-stream-routes.ts).
import { expect, it } from "vitest";
import {
  accessChangeCount,
  endOpenedStreamsWithoutAccess,
  streamsOpenedBy,
  trackOpenStream,
} from "@/lib/chat/open-streams";
import { db } from "@/lib/db/client";
import { makeUser } from "../support/factories";

it("re-checks only the streams a request opened, without counting an access change", async () => {
  const reader = await makeUser();
  const owner = await makeUser();
  const own = await db().conversation.create({ data: { ownerId: reader.id, title: "Mine" } });
  const others = await db().conversation.create({ data: { ownerId: owner.id, title: "Not mine" } });
  const ended: string[] = [];
  const streamOf = (name: string, conversationId: string) => ({
    userId: reader.id,
    conversationId,
    end: () => ended.push(name),
  });
  // Opened before, by another request: not this request's to check.
  const forgetEarlier = trackOpenStream(streamOf("earlier", others.id));
  const opened = streamsOpenedBy(() => {
    trackOpenStream(streamOf("readable", own.id));
    trackOpenStream(streamOf("unreadable", others.id));
  });
  expect(opened.map((stream) => stream.conversationId)).toEqual([own.id, others.id]);
  const countBefore = accessChangeCount();

  expect(await endOpenedStreamsWithoutAccess(opened)).toBe(1);
  expect(ended).toEqual(["unreadable"]);
  expect(accessChangeCount()).toBe(countBefore);
  forgetEarlier();
});

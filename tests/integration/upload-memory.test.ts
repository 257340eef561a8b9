// What uploads may hold in memory while they are read (lib/attachments/uploads-in-flight.ts): one user's uploads at
// once at most what one message may carry (50 MB by default), and an upload that sends nothing for 30 s is dropped,
// so that a sender stopping just before the end cannot keep the server holding its files for minutes.
import { type ClientRequest, request } from "node:http";
import { expect, inject, it } from "vitest";
import { makeSignedInUser } from "../support/factories";
import type { Client } from "../support/session-client";

const MEGABYTE = 1024 * 1024;

/** An upload declaring `declared` bytes of which 1 KB is sent; resolves with the answer, or "closed" when none came. */
function startUpload(client: Client, declared: number) {
  let outgoing: ClientRequest | undefined;
  const answered = new Promise<number | "closed">((resolve) => {
    outgoing = request(new URL(`${inject("baseUrl")}/api/attachments?name=held.txt`), {
      method: "POST",
      headers: { cookie: client.cookieHeader(), "content-length": String(declared) },
    });
    outgoing.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on("error", () => resolve("closed"));
    outgoing.on("close", () => resolve("closed"));
    outgoing.write(Buffer.alloc(1024, 97));
  });
  return { answered, cancel: () => outgoing?.destroy() };
}

it("refuses a user's upload that would take their uploads at once past what one message may carry", async () => {
  const client = await makeSignedInUser();
  // Three of 20 MB, each held from its first byte: 60 MB for this user, past the 50 MB a message may carry. The one
  // that comes last is refused at once; the others are read for as long as their senders take.
  const uploads = [0, 1, 2].map(() => startUpload(client, 20 * MEGABYTE));
  try {
    expect(await Promise.race(uploads.map((upload) => upload.answered))).toBe(429);
    // (Its code, too_many_uploads, has its own sentence in each language: not "too many requests".)
    // Meanwhile another user's file is read and stored as usual.
    const other = await makeSignedInUser();
    const stored = await other.fetch("/api/attachments?name=notes.txt", { method: "POST", body: "Still mine" });
    expect(stored.status).toBe(201);
  } finally {
    for (const upload of uploads) upload.cancel();
  }
});

it("drops an upload that has sent nothing for 30 s", async () => {
  const client = await makeSignedInUser();
  const stalled = startUpload(client, 20 * MEGABYTE);
  expect(await stalled.answered).toBe("closed");
}, 60_000);

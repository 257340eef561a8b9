// What reading documents may cost (lib/attachments/extract-off-thread.ts): one user's documents are read one at a
// time, so that a few hostile PDFs cannot keep everyone else's uploads waiting; as many at once as a message may
// carry (429 past it); each within a deadline by its size and a cap on its text; an import within a budget.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeDocx, makePdf, makeXObjectBombPdf } from "../support/attachment-files";
import { makeModel, makeSignedInUser, makeUser } from "../support/factories";
import { type Client, signedInClient } from "../support/session-client";

/** The upload's status and error code, and when it answered among the others (`answers` in order). */
async function upload(client: Client, name: string, body: Uint8Array, answers: string[] = []) {
  const response = await client.fetch(`/api/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    body: new Uint8Array(body),
  });
  answers.push(name);
  const answer = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: answer.error?.code, message: answer.error?.message };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("uploads of documents", () => {
  it("read another user's PDF at once while one user's slow PDFs are read, and refuse those as too large to read", async () => {
    const mallory = await makeSignedInUser();
    const bob = await makeSignedInUser();
    // A letter drawn a million times: PDF.js would read it for a minute. 512 KB of padding gives it 9 s.
    const slow = makeXObjectBombPdf(1_000_000, 1, 512 * 1024);
    const answers: string[] = [];
    // Before, Mallory's two took both readers, and Bob's PDF waited behind them (for 60 s each).
    const mallorys = [1, 2].map((number) => upload(mallory, `slow-${number}.pdf`, slow, answers));
    // Long enough for her uploads (half a MB each, on loopback) to be read and waiting for a reader; far less than
    // the 9 s one of them is read for.
    await pause(1_000);
    const bobs = await upload(bob, "notes.pdf", makePdf("Bob's notes"), answers);
    expect(bobs.status).toBe(201);
    for (const refused of await Promise.all(mallorys)) {
      expect(refused).toEqual({ status: 415, code: "unreadable_file", message: expect.stringMatching(/too large/) });
    }
    // Bob's was read while her first was still being read (a reader each), before either of hers answered.
    expect(answers[0]).toBe("notes.pdf");
  }, 60_000);

  it("refuses at once, with 429, a user's document past as many as a message may carry (10) being read or waiting", async () => {
    const mallory = await makeSignedInUser();
    // One read for 5 s (a small file's deadline); meanwhile ten more come, of which nine may wait.
    const slow = upload(mallory, "slow.pdf", makeXObjectBombPdf(300_000, 1));
    await pause(1_000);
    const more = await Promise.all(
      Array.from({ length: 10 }, (_, index) => upload(mallory, `scan-${index}.pdf`, makePdf(null))),
    );
    const refused = more.filter((answer) => answer.status === 429);
    expect(refused).toEqual([
      { status: 429, code: "too_many_documents", message: expect.stringContaining("one at a time") },
    ]);
    // The others were read in turn (a PDF without text: 415, no_text_found).
    expect(more.filter((answer) => answer.code === "no_text_found")).toHaveLength(9);
    expect((await slow).status).toBe(415);
  }, 60_000);

  it("refuses a document whose text would be far more than its size could hold, with 415", async () => {
    const client = await makeSignedInUser();
    // 1.9 KB of PDF giving 290,000 characters, and 4.7 KB of DOCX giving 750,000: both were stored before.
    const pdf = await upload(client, "letters.pdf", makeXObjectBombPdf(3_800, 1_000));
    expect(pdf).toEqual({ status: 415, code: "unreadable_file", message: "letters.pdf is too large to read." });
    const sentence = "The same sentence, again and again and again, on every line.";
    const docx = await upload(client, "same.docx", makeDocx(Array(12_000).fill(sentence), { deflate: true }));
    expect(docx).toEqual({ status: 415, code: "unreadable_file", message: "same.docx is too large to read." });
    // The same sentence 300 times is a document like any other.
    expect((await upload(client, "notes.docx", makeDocx(Array(300).fill(sentence), { deflate: true }))).status).toBe(
      201,
    );
  });
});

describe("imports of documents", () => {
  beforeAll(async () => {
    // An import needs a model the importer may use (it counts the messages' tokens for it); nothing is sent to it.
    await makeModel("http://127.0.0.1:9", { upstreamName: `import-model-${randomUUID()}` });
  });

  /** One conversation's export whose user messages carry these files (name → bytes), one message per list. */
  function exportWith(messagesFiles: [string, Uint8Array][][]) {
    const createdAt = new Date().toISOString();
    return {
      format: "parley-conversation",
      version: 1,
      conversation: {
        title: `Imported ${randomUUID()}`,
        createdAt,
        currentMessageId: `m${messagesFiles.length - 1}`,
        messages: messagesFiles.map((files, index) => ({
          id: `m${index}`,
          parentId: index === 0 ? null : `m${index - 1}`,
          role: "USER",
          content: `Message ${index}`,
          createdAt,
          attachments: files.map(([name, bytes]) => ({ name, data: Buffer.from(bytes).toString("base64") })),
        })),
      },
    };
  }

  it("counts a message's files that cannot be read toward the 10 it may have", async () => {
    const client = await makeSignedInUser();
    const scans = Array.from({ length: 10 }, (_, index): [string, Uint8Array] => [`scan-${index}.pdf`, makePdf(null)]);
    const imported = await client.json("/api/account/import", exportWith([[...scans, ["notes.pdf", makePdf("Kept")]]]));
    expect(imported.status).toBe(201);
    const id = ((await imported.json()) as { conversations: { id: string }[] }).conversations[0]?.id;
    // Before, the unreadable ten were skipped and an eleventh file read in their place.
    expect(await db().attachment.count({ where: { message: { conversationId: id } } })).toBe(0);
  }, 60_000);

  it("refuses an import with more than 10 documents that cannot be read, and writes nothing of it", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const scans = (count: number) =>
      Array.from({ length: count }, (_, index): [string, Uint8Array] => [`scan-${index}.pdf`, makePdf(null)]);
    const file = exportWith([[["notes.pdf", makePdf("Readable")]], scans(6), scans(5)]);
    const imported = await client.json("/api/account/import", file);
    expect(imported.status).toBe(415);
    expect(await imported.json()).toMatchObject({
      error: {
        code: "unreadable_file",
        message: "More than 10 documents in this file could not be read: nothing was imported.",
      },
    });
    expect(await db().conversation.count({ where: { ownerId: user.id } })).toBe(0);
    expect(await db().attachment.count({ where: { ownerId: user.id } })).toBe(0);
  }, 60_000);
});

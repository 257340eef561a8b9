// Attachments end to end over HTTP: uploads with their limits, what the model receives, who may open a file, and
// that a deleted conversation takes its files with it.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readImageSize } from "@/lib/attachments/image-size";
import { countTurnTokens } from "@/lib/attachments/turn-files";
import { storedEncoding } from "@/lib/chat/tokens";
import { getAttachmentsForMessages, getStorageUsed } from "@/lib/db/attachments";
import { db } from "@/lib/db/client";
import { sweepUnreachable } from "@/lib/server/clean-up-sweep";
import {
  makeDocx,
  makeJpeg,
  makeLargePng,
  makePdf,
  makePng,
  makeXObjectBombPdf,
  PRIVATE_DETAILS,
  withJpegMetadata,
} from "../support/attachment-files";
import { makeAdmin, makeModel, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});

async function startChat(readsImages: boolean, window: { contextWindow?: number; maxOutputTokens?: number } = {}) {
  const upstreamName = `model-${Math.random().toString(36).slice(2)}`;
  upstream.scenarioForModel(upstreamName, { reply: "Seen." });
  const model = await makeModel(upstream.url, { upstreamName, readsImages, ...window });
  const user = await makeUser();
  const client = await signedInClient(user.email, user.password);
  const created = await client.json("/api/conversations", { modelId: model.id });
  const conversation = (await created.json()) as { id: string };
  return { client, conversationId: conversation.id, upstreamName, user };
}

async function upload(client: Client, name: string, body: Uint8Array | string) {
  const bytes = typeof body === "string" ? body : new Uint8Array(body);
  return client.fetch(`/api/attachments?name=${encodeURIComponent(name)}`, { method: "POST", body: bytes });
}

async function uploadId(client: Client, name: string, body: Uint8Array | string): Promise<string> {
  const response = await upload(client, name, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** What the reply's request (the first to the model; a title request follows) carried as the user's turn. */
function lastUserContent(upstreamName: string): unknown {
  const request = upstream.requests.find((recorded) => (recorded.body as { model?: string }).model === upstreamName);
  const body = request?.body as { messages: { role: string; content: unknown }[] } | undefined;
  return body?.messages.findLast((message) => message.role === "user")?.content;
}

describe("uploads", () => {
  it("sniffs the type from the bytes: a PNG named .pdf is an image, HTML named .png is text served as text/plain", async () => {
    const { client } = await startChat(true);
    const png = (await (await upload(client, "report.pdf", makePng())).json()) as { kind: string; contentType: string };
    expect(png).toMatchObject({ kind: "IMAGE", contentType: "image/png" });
    const pageId = await uploadId(client, "cat.png", "<html><script>alert(1)</script></html>");
    const file = await client.fetch(`/api/attachments/${pageId}`);
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="cat.png"/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("refuses an empty file with a code of its own, and takes a name with a backslash, downloaded under a safe name", async () => {
    const { client } = await startChat(true);
    const empty = await upload(client, "empty.txt", "");
    expect(empty.status).toBe(400);
    // A code of its own: the browser words it in the reader's language.
    expect(((await empty.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: "empty_file",
      message: "empty.txt is empty.",
    });
    // A valid name on Linux and macOS: kept as given, and no path in the download's name (the fallback has no
    // backslash to unescape, the UTF-8 one has it percent-encoded, which browsers make a safe character).
    const id = await uploadId(client, "back\\slash.txt", "Kept");
    const file = await client.fetch(`/api/attachments/${id}`);
    expect(file.headers.get("content-disposition")).toBe(
      "attachment; filename=\"back_slash.txt\"; filename*=UTF-8''back%5Cslash.txt",
    );
    // Its size, for the browser's download progress.
    expect(file.headers.get("content-length")).toBe("4");
    expect(await file.text()).toBe("Kept");
  });

  it("stores a photo without its position, camera and comments, upright as taken, and once for the same picture", async () => {
    const { client } = await startChat(true);
    const photo = withJpegMetadata(makeJpeg(), 6);
    const name = `photo ${randomUUID()}`;
    const first = await uploadId(client, `${name}.jpg`, photo);
    const stored = Buffer.from(await (await client.fetch(`/api/attachments/${first}`)).arrayBuffer());
    const storedText = stored.toString("latin1");
    for (const detail of PRIVATE_DETAILS) expect(storedText).not.toContain(detail);
    expect(stored.length).toBe(makeJpeg().length + 36);
    expect(readImageSize(stored, "image/jpeg")).toEqual({ width: 8, height: 6 });
    // Kept under the hash of what is stored: the same photo again, and the stored bytes sent back, share it.
    await uploadId(client, `${name} again.jpg`, photo);
    await uploadId(client, `${name} as stored.jpg`, stored);
    const contents = await db().attachmentContent.findMany({
      where: { attachments: { some: { name: { startsWith: name } } } },
      select: { refs: true, size: true },
    });
    expect(contents).toEqual([{ refs: 3, size: stored.length }]);
  });

  it("cuts a 25 MB upload off at the 20 MB limit with 413 and stores nothing", async () => {
    const { client, user } = await startChat(true);
    const response = await upload(client, "big.txt", new Uint8Array(25 * 1024 * 1024).fill(0x61));
    expect(response.status).toBe(413);
    expect(await db().attachment.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it("keeps a large image and a large text file byte for byte, and the text file's text without its BOM", async () => {
    const { client, user } = await startChat(true);
    const image = makeLargePng(3 * 1024 * 1024);
    const text = `${"Grüße, 世界: ".repeat(150_000)}end`;
    const textFile = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const [name, bytes] of [
      ["photo.png", image],
      ["notes.txt", textFile],
    ] as const) {
      const id = await uploadId(client, name, bytes);
      const served = Buffer.from(await (await client.fetch(`/api/attachments/${id}`)).arrayBuffer());
      expect(served.equals(bytes)).toBe(true);
    }
    const stored = await db().attachment.findFirst({ where: { name: "notes.txt", ownerId: user.id } });
    expect(stored?.text).toBe(text);
  });

  it("takes a file sent in chunks without a declared length, whole", async () => {
    const { client } = await startChat(true);
    const expected = makeLargePng(500_005);
    const parts = [expected.subarray(0, 100), expected.subarray(100, 200_100), expected.subarray(200_100)];
    const response = await client.fetch("/api/attachments?name=chunks.png", {
      method: "POST",
      body: new Blob(parts.map((part) => new Uint8Array(part))).stream(),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const served = Buffer.from(await (await client.fetch(`/api/attachments/${id}`)).arrayBuffer());
    expect(served.equals(expected)).toBe(true);
  });

  it("refuses a PDF without text, and a user over their storage quota, with clear codes", async () => {
    const { client, user } = await startChat(true);
    const scan = await upload(client, "scan.pdf", makePdf(null));
    expect(scan.status).toBe(415);
    expect(((await scan.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "no_text_found",
      message: expect.stringContaining("No text found in scan.pdf"),
    });
    // Fill the quota with one row written directly (a gigabyte of uploads would be slow), then upload a byte more.
    await db().attachment.create({
      data: {
        owner: { connect: { id: user.id } },
        name: "filler.bin",
        kind: "DOCUMENT",
        contentType: "text/plain; charset=utf-8",
        size: 1024 * 1024 * 1024,
        content: { create: { sha256: "0", bytes: new Uint8Array(1), size: 1 } },
      },
    });
    const over = await upload(client, "one-more.txt", "x");
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("storage_quota_exceeded");
  });
});

describe("storage", () => {
  it("counts a document whose text is larger than its file by its text, so a small file cannot store megabytes", async () => {
    const { client, user } = await startChat(false);
    // 20 KB whose page draws 500 letters thousands of times: about 300 KB of text (within the 32 characters a byte
    // that a file may give, past which it is refused).
    const pdf = makeXObjectBombPdf(4000, 500, 20_000);
    const id = await uploadId(client, "many-pages.pdf", pdf);
    const [stored] = await db().$queryRaw<{ textBytes: number }[]>`
      SELECT octet_length(text) AS "textBytes" FROM "Attachment" WHERE id = ${id}`;
    expect(stored?.textBytes).toBeGreaterThan(10 * pdf.byteLength);
    expect(await getStorageUsed(user.id)).toBe(stored?.textBytes);

    // Room for the file, not for its text: refused, and nothing of it kept.
    await fillStorage(user.id, 1024 * 1024 * 1024 - (await getStorageUsed(user.id)) - 10 * pdf.byteLength);
    const over = await upload(client, "many-pages-again.pdf", pdf);
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("storage_quota_exceeded");
    expect(await db().attachment.count({ where: { ownerId: user.id, name: "many-pages-again.pdf" } })).toBe(0);
  });
});

describe("storage after deleting a conversation", () => {
  it("is freed at once (the files wait for the purge, uncounted), and counted again when the conversation comes back", async () => {
    const { client, conversationId, user } = await startChat(false);
    const id = await uploadId(client, "notes.txt", "n".repeat(5000));
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "Read", attachmentIds: [id] }),
    );
    // Full but for 1,000 bytes: a file of 4,000 is refused, as the user is told, until they delete a chat.
    await fillStorage(user.id, 1024 * 1024 * 1024 - 5000 - 1000);
    expect((await upload(client, "more.txt", "m".repeat(4000))).status).toBe(413);

    expect((await client.fetch(`/api/conversations/${conversationId}`, { method: "DELETE" })).status).toBe(204);
    // What Settings shows ("… of 1 GB used") is this figure.
    expect(await getStorageUsed(user.id)).toBe(1024 * 1024 * 1024 - 6000);
    await uploadId(client, "more.txt", "m".repeat(4000));

    // Undo brings the conversation back with its files, which count again even past the quota.
    expect((await client.fetch(`/api/conversations/${conversationId}/restore`, { method: "POST" })).status).toBe(200);
    expect(await getStorageUsed(user.id)).toBe(1024 * 1024 * 1024 + 3000);
    expect((await upload(client, "one-more.txt", "x")).status).toBe(413);
  });
});

describe("concurrent uploads", () => {
  it("of one user all write at once, and only as many as fit in the quota pass", async () => {
    const { client, user } = await startChat(false);
    // Room for exactly two of the four 1,000-byte files.
    await fillStorage(user.id, 1024 * 1024 * 1024 - 2000);
    const responses = await Promise.all(
      [0, 1, 2, 3].map((index) => upload(client, `part-${index}.txt`, `${index}`.repeat(1000))),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 413, 413]);
    expect(await getStorageUsed(user.id)).toBe(1024 * 1024 * 1024);
  });
});

describe("sending files", () => {
  it("sends an image as an image_url part to a model that reads images, and shows it in the thread", async () => {
    const { client, conversationId, upstreamName } = await startChat(true);
    const id = await uploadId(client, "shot.png", makePng(8, 8));
    const events = await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, {
        content: "What is wrong?",
        attachmentIds: [id],
      }),
    );
    expect(events.map((event) => event.event)).toContain("done");
    const content = lastUserContent(upstreamName) as { type: string; image_url?: { url: string } }[];
    expect(content.map((part) => part.type)).toEqual(["text", "image_url"]);
    expect(content[1]?.image_url?.url).toBe(`data:image/png;base64,${makePng(8, 8).toString("base64")}`);
    const thread = (await (await client.fetch(`/api/conversations/${conversationId}`)).json()) as {
      messages: { role: string; attachments: { id: string; name: string }[] }[];
    };
    expect(thread.messages.find((message) => message.role === "USER")?.attachments).toEqual([
      expect.objectContaining({ id, name: "shot.png", kind: "IMAGE" }),
    ]);
  });

  it("refuses an image for a model that cannot read images with 400, before anything is written", async () => {
    const { client, conversationId } = await startChat(false);
    const id = await uploadId(client, "shot.png", makePng());
    const response = await client.json(`/api/conversations/${conversationId}/messages`, {
      content: "What is this?",
      attachmentIds: [id],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("cannot read images");
    expect(await db().message.count({ where: { conversationId } })).toBe(0);
    expect((await db().attachment.findUniqueOrThrow({ where: { id } })).messageId).toBeNull();
  });

  it("sends documents as delimited text under their names (a PDF's extracted text and a CSV saved with a BOM)", async () => {
    const { client, conversationId, upstreamName } = await startChat(false);
    const pdf = await uploadId(client, "report.pdf", makePdf("Revenue grew by 12 percent"));
    const csv = await uploadId(client, "data.csv", "\uFEFFregion,sales\nnorth,10\ncafé 東京,3\n");
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, {
        content: "Summarise",
        attachmentIds: [pdf, csv],
      }),
    );
    const content = lastUserContent(upstreamName) as string;
    expect(content).toMatch(/^Summarise\n\n<<< Attached file: report\.pdf >>>\n\[Page 1\]\nRevenue grew by 12 percent/);
    expect(content).toContain(
      "<<< Attached file: data.csv >>>\nregion,sales\nnorth,10\ncafé 東京,3\n\n<<< End of data.csv >>>",
    );
  });

  it("reads a Word document (DOCX): its text goes to the model, the file is only ever a download", async () => {
    const { client, conversationId, upstreamName } = await startChat(false);
    const response = await upload(client, "minutes.docx", makeDocx(["Decision: ship on Friday"]));
    expect(response.status).toBe(201);
    const { id, kind, contentType } = (await response.json()) as { id: string; kind: string; contentType: string };
    expect([kind, contentType]).toEqual([
      "DOCUMENT",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]);
    const file = await client.fetch(`/api/attachments/${id}`);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(makeDocx(["Decision: ship on Friday"]));
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "When?", attachmentIds: [id] }),
    );
    expect(lastUserContent(upstreamName)).toBe(
      "When?\n\n<<< Attached file: minutes.docx >>>\nDecision: ship on Friday\n<<< End of minutes.docx >>>",
    );
  });

  it("refuses another user's upload, and a document too large for the window with the counts", async () => {
    const { client, conversationId } = await startChat(false);
    const stranger = await startChat(false);
    const theirs = await uploadId(stranger.client, "theirs.txt", "secret");
    const taken = await client.json(`/api/conversations/${conversationId}/messages`, {
      content: "Hi",
      attachmentIds: [theirs],
    });
    expect(taken.status).toBe(400);
    const huge = await uploadId(client, "huge.txt", "word ".repeat(20_000));
    const response = await client.json(`/api/conversations/${conversationId}/messages`, {
      content: "Hi",
      attachmentIds: [huge],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; details: { messageTokens: number } };
    };
    expect(body.error.code).toBe("context_overflow");
    expect(body.error.details.messageTokens).toBeGreaterThan(8192);
    // Counts of thousands read with their separators, as every other count Parley shows.
    expect(body.error.message).toMatch(/: \d{1,3},\d{3} tokens with the system prompt, \d,\d{3} available\.$/);
  });
});

describe("the admin's Reads images switch", () => {
  it("defaults from the model's name, and an admin's change lets images through", async () => {
    const account = await makeAdmin();
    const admin = await signedInClient(account.email, account.password);
    const provider = await admin.json("/api/admin/providers", {
      name: `Vision ${randomUUID()}`,
      baseUrl: upstream.url,
    });
    const providerId = ((await provider.json()) as { id: string }).id;
    const add = async (upstreamName: string) =>
      (await (await admin.json("/api/admin/models", { providerId, upstreamName })).json()) as {
        id: string;
        readsImages: boolean;
      };
    expect((await add("gpt-4o-2024-08-06")).readsImages).toBe(true);
    const textOnly = await add(`llama3-8b-${randomUUID().slice(0, 6)}`);
    expect(textOnly.readsImages).toBe(false);

    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const created = await client.json("/api/conversations", { modelId: textOnly.id });
    const conversationId = ((await created.json()) as { id: string }).id;
    const send = async () => {
      const id = await uploadId(client, "shot.png", makePng());
      return client.json(`/api/conversations/${conversationId}/messages`, { content: "See", attachmentIds: [id] });
    };
    expect((await send()).status).toBe(400);
    const changed = await admin.json(`/api/admin/models/${textOnly.id}`, { readsImages: true }, "PATCH");
    expect(changed.status).toBe(200);
    const accepted = await send();
    expect(accepted.status).toBe(200);
    await collectEvents(accepted);
  });
});

describe("versions", () => {
  it("sends a turn's files again on regenerate, and an edit's new version keeps them", async () => {
    const { client, conversationId, upstreamName } = await startChat(false);
    const id = await uploadId(client, "notes.txt", "The secret is 42");
    const first = await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "Read", attachmentIds: [id] }),
    );
    const { userMessageId, assistantMessageId } = startedIds(first);
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages/${assistantMessageId}/regenerate`, {}),
    );
    const edited = await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, {
        content: "Read again",
        parentId: null,
        attachmentIds: [id],
      }),
    );
    const chatRequests = upstream.requests.filter(
      (recorded) => (recorded.body as { model?: string; max_tokens?: number }).model === upstreamName,
    );
    const userTurns = chatRequests
      .map((recorded) => (recorded.body as { messages: { role: string; content: string }[] }).messages)
      .filter((messages) => messages[0]?.role === "user")
      .map((messages) => messages.at(-1)?.content);
    expect(userTurns).toEqual([
      expect.stringContaining("The secret is 42"),
      expect.stringContaining("The secret is 42"),
      expect.stringMatching(/^Read again\n\n<<< Attached file: notes\.txt >>>\nThe secret is 42/),
    ]);
    // Each version has its own file: the first one keeps the original.
    const newUserMessageId = startedIds(edited).userMessageId;
    const files = await db().attachment.findMany({ where: { messageId: { in: [userMessageId, newUserMessageId] } } });
    expect(files.map((file) => file.messageId).sort()).toEqual([userMessageId, newUserMessageId].sort());
  });
});

describe("an edit's kept files", () => {
  it("keep the order they were sent in, with a new upload after them, for the page and the model", async () => {
    const { client, conversationId, upstreamName } = await startChat(false);
    // Listed in another order than they were uploaded in (a small file picked after a large one finishes first).
    const uploaded = ["c.txt", "a.txt", "d.txt", "b.txt", "e.txt"];
    const byName = new Map<string, string>();
    for (const name of uploaded) byName.set(name, await uploadId(client, name, `Contents of ${name}`));
    const names = ["e.txt", "b.txt", "d.txt", "a.txt", "c.txt"];
    const ids = names.map((name) => byName.get(name) ?? "");
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "Read", attachmentIds: ids }),
    );
    const added = await uploadId(client, "f.txt", "Contents of f.txt");
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, {
        content: "Read again",
        parentId: null,
        attachmentIds: [...ids, added],
      }),
    );
    const thread = (await (await client.fetch(`/api/conversations/${conversationId}`)).json()) as {
      messages: { role: string; content: string; attachments?: { name: string }[] }[];
    };
    const edited = thread.messages.find((message) => message.content === "Read again");
    expect(edited?.attachments?.map((file) => file.name)).toEqual([...names, "f.txt"]);
    const replies = upstream.requests.filter((recorded) => {
      const body = recorded.body as { model?: string; stream?: boolean };
      return body.model === upstreamName && body.stream === true;
    });
    const lastTurn = (replies.at(-1)?.body as { messages: { content: string }[] } | undefined)?.messages.at(-1);
    const sent = String(lastTurn?.content);
    const order = [...sent.matchAll(/<<< Attached file: (\w\.txt) >>>/g)].map((match) => match[1]);
    expect(order).toEqual([...names, "f.txt"]);
    // The order holds by the files' times, not by chance: ids made within one millisecond sort at random.
    const stored = await db().attachment.findMany({
      where: { message: { content: "Read again", conversationId } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { name: true, createdAt: true },
    });
    expect(stored.map((file) => file.name)).toEqual([...names, "f.txt"]);
    expect(new Set(stored.map((file) => file.createdAt.getTime())).size).toBe(stored.length);
  });

  it("count in the sender's storage: an edit that would take them past it is refused with 413, nothing written", async () => {
    const { client, conversationId, user } = await startChat(false);
    const id = await uploadId(client, "notes.txt", "The secret is 42");
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "Read", attachmentIds: [id] }),
    );
    // The copy's 16 bytes would take the sender one past the 1 GB default.
    await fillStorage(user.id, 1024 * 1024 * 1024 - (await getStorageUsed(user.id)) - 15);
    const edit = await client.json(`/api/conversations/${conversationId}/messages`, {
      content: "Read again",
      parentId: null,
      attachmentIds: [id],
    });
    expect(edit.status).toBe(413);
    expect(((await edit.json()) as { error: { code: string } }).error.code).toBe("storage_quota_exceeded");
    expect(await db().message.count({ where: { conversationId } })).toBe(2);
    expect(await db().attachment.count({ where: { name: "notes.txt", ownerId: user.id } })).toBe(1);
  });
});

describe("share links and copies", () => {
  async function sharedChat() {
    const chat = await startChat(true);
    const imageId = await uploadId(chat.client, "chart.png", makePng());
    const documentId = await uploadId(chat.client, "notes.txt", "private notes");
    const events = await collectEvents(
      await chat.client.json(`/api/conversations/${chat.conversationId}/messages`, {
        content: "Look",
        attachmentIds: [imageId, documentId],
      }),
    );
    return { ...chat, imageId, documentId, replyId: startedIds(events).assistantMessageId };
  }

  async function createLink(client: Client, conversationId: string, options: object): Promise<string> {
    const response = await client.json(`/api/conversations/${conversationId}/share-links`, options);
    expect(response.status).toBe(201);
    return new URL(((await response.json()) as { url: string }).url).pathname.split("/").at(-1) ?? "";
  }

  it("shows a link's visitors its images and only the names of its documents, unless the owner includes them", async () => {
    const { client, conversationId, imageId, documentId } = await sharedChat();
    const visitor = anonymousClient();
    const byDefault = await createLink(client, conversationId, {});
    expect((await visitor.fetch(`/api/share/${byDefault}/attachments/${imageId}`)).status).toBe(200);
    expect((await visitor.fetch(`/api/share/${byDefault}/attachments/${documentId}`)).status).toBe(404);
    const page = await (await visitor.fetch(`/s/${byDefault}`)).text();
    expect(page).toContain("Attached, not shared: notes.txt");

    const everything = await createLink(client, conversationId, { includesDocuments: true });
    const document = await visitor.fetch(`/api/share/${everything}/attachments/${documentId}`);
    expect(await document.text()).toBe("private notes");
    expect(document.headers.get("content-security-policy")).toContain("sandbox");
    const textOnly = await createLink(client, conversationId, { includesImages: false });
    expect((await visitor.fetch(`/api/share/${textOnly}/attachments/${imageId}`)).status).toBe(404);
    // A file of another conversation never opens through this link.
    const other = await sharedChat();
    expect((await visitor.fetch(`/api/share/${everything}/attachments/${other.imageId}`)).status).toBe(404);
  });

  it("exports a conversation's files in its JSON (base64) and restores them on import, checked like uploads", async () => {
    const { client, conversationId } = await sharedChat();
    const exported = await client.fetch(`/api/conversations/${conversationId}/export?format=json`);
    const file = (await exported.json()) as {
      conversation: { messages: { attachments?: { name: string; data?: string }[] }[] };
    };
    const exportedFiles = file.conversation.messages.flatMap((message) => message.attachments ?? []);
    expect(exportedFiles.map((attachment) => attachment.name)).toEqual(["chart.png", "notes.txt"]);
    expect(exportedFiles[1]?.data).toBe(Buffer.from("private notes").toString("base64"));
    // The Markdown export names them under their message, as the thread shows them.
    const markdown = await (await client.fetch(`/api/conversations/${conversationId}/export?format=markdown`)).text();
    expect(markdown).toMatch(/## User\n\n[^#]*\n\nAttached: chart\.png, notes\.txt\n\n## Assistant/);
    // An HTML page smuggled into the file as an "image" is sniffed again: it comes back as text, never as an image.
    const firstMessage = file.conversation.messages.find((message) => message.attachments);
    firstMessage?.attachments?.push({ name: "evil.png", data: Buffer.from("<html></html>").toString("base64") });
    // A photo that kept its camera's metadata (written by another tool): imported without it, as an upload is.
    firstMessage?.attachments?.push({ name: "photo.jpg", data: withJpegMetadata(makeJpeg(), 1).toString("base64") });

    const importer = await startChat(false);
    const imported = await importer.client.json("/api/account/import", file);
    expect(imported.status).toBe(201);
    const importedId = ((await imported.json()) as { conversations: { id: string }[] }).conversations[0]?.id;
    const thread = (await (await importer.client.fetch(`/api/conversations/${importedId}`)).json()) as {
      messages: { role: string; attachments: { id: string; name: string; kind: string }[] }[];
    };
    const files = thread.messages.find((message) => message.role === "USER")?.attachments ?? [];
    expect(files.map(({ name, kind }) => [name, kind])).toEqual([
      ["chart.png", "IMAGE"],
      ["notes.txt", "DOCUMENT"],
      ["evil.png", "DOCUMENT"],
      ["photo.jpg", "IMAGE"],
    ]);
    const image = await importer.client.fetch(`/api/attachments/${files[0]?.id}`);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(makePng());
    const photo = await importer.client.fetch(`/api/attachments/${files[3]?.id}`);
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(makeJpeg());
  });

  it("imports a message with at most as many files as a sent message may have (10 by default), the first ones", async () => {
    const { client, conversationId } = await sharedChat();
    const exported = await client.fetch(`/api/conversations/${conversationId}/export?format=json`);
    const file = (await exported.json()) as {
      conversation: { messages: { attachments?: { name: string; data?: string }[] }[] };
    };
    const withFiles = file.conversation.messages.find((message) => message.attachments);
    for (let index = 1; index <= 11; index++) {
      withFiles?.attachments?.push({
        name: `extra-${index}.txt`,
        data: Buffer.from(`extra ${index}`).toString("base64"),
      });
    }
    // And two the import cannot store: one named only (as the account export lists files), one of no known type.
    withFiles?.attachments?.splice(2, 0, { name: "listed.pdf" }, { name: "blob.bin", data: "AAECAw==" });
    const importer = await startChat(false);
    const imported = await importer.client.json("/api/account/import", file);
    expect(imported.status).toBe(201);
    const result = (await imported.json()) as {
      conversations: { id: string }[];
      filesLeftOut: { count: number; files: { name: string; reason: string }[] };
    };
    const thread = (await (
      await importer.client.fetch(`/api/conversations/${result.conversations[0]?.id}`)
    ).json()) as {
      messages: { role: string; attachments: { name: string }[] }[];
    };
    const names = thread.messages.find((message) => message.role === "USER")?.attachments.map((kept) => kept.name);
    expect(names).toEqual([
      "chart.png",
      "notes.txt",
      ...Array.from({ length: 6 }, (_, index) => `extra-${index + 1}.txt`),
    ]);
    // Each file left out is named, with why, so the user knows their messages came without them.
    expect(result.filesLeftOut).toEqual({
      count: 7,
      files: [
        ...[7, 8, 9, 10, 11].map((index) => ({ name: `extra-${index}.txt`, reason: "over_message_limits" })),
        { name: "listed.pdf", reason: "not_in_file" },
        { name: "blob.bin", reason: "unsupported" },
      ],
    });
  });

  it("refuses a copy past the copier's storage with 413, and leaves no copy behind", async () => {
    const { client, conversationId, replyId, user } = await sharedChat();
    // The copy's files (a PNG and 13 bytes of notes) would take the owner one byte past the 1 GB default.
    await fillStorage(user.id, 1024 * 1024 * 1024 - (await getStorageUsed(user.id)) - 1);
    const copied = await client.json(`/api/conversations/${conversationId}/copy`, { messageId: replyId });
    expect(copied.status).toBe(413);
    expect(((await copied.json()) as { error: { code: string } }).error.code).toBe("storage_quota_exceeded");
    expect(await db().conversation.count({ where: { ownerId: user.id } })).toBe(1);
    expect(await db().message.count({ where: { conversation: { ownerId: user.id } } })).toBe(2);
  });

  it("copies a thread's files with it to my chats", async () => {
    const { client, conversationId, replyId } = await sharedChat();
    const copied = await client.json(`/api/conversations/${conversationId}/copy`, { messageId: replyId });
    expect(copied.status).toBe(201);
    const copyId = ((await copied.json()) as { id: string }).id;
    const thread = (await (await client.fetch(`/api/conversations/${copyId}`)).json()) as {
      messages: { role: string; attachments: { id: string; name: string }[] }[];
    };
    const files = thread.messages.find((message) => message.role === "USER")?.attachments ?? [];
    expect(files.map((file) => file.name)).toEqual(["chart.png", "notes.txt"]);
    const document = await client.fetch(`/api/attachments/${files[1]?.id}`);
    expect(await document.text()).toBe("private notes");
  });

  it("gives a link's visitor a copy holding only the files the link lets them open", async () => {
    const { client, conversationId } = await sharedChat();
    const visitor = await makeUser();
    const visitorClient = await signedInClient(visitor.email, visitor.password);
    const copiedFileNames = async (token: string) => {
      const copied = await visitorClient.json(`/api/share/${token}/copy`, {});
      expect(copied.status).toBe(201);
      const copyId = ((await copied.json()) as { id: string }).id;
      const thread = (await (await visitorClient.fetch(`/api/conversations/${copyId}`)).json()) as {
        messages: { role: string; attachments: { id: string; name: string }[] }[];
      };
      const files = thread.messages.find((message) => message.role === "USER")?.attachments ?? [];
      return files.map((file) => file.name);
    };
    expect(await copiedFileNames(await createLink(client, conversationId, {}))).toEqual(["chart.png"]);
    expect(await copiedFileNames(await createLink(client, conversationId, { includesImages: false }))).toEqual([]);
    const everything = await createLink(client, conversationId, { includesDocuments: true });
    expect(await copiedFileNames(everything)).toEqual(["chart.png", "notes.txt"]);
    // The visitor's files are the copies the links allowed: the withheld document never became theirs.
    const owned = await db().attachment.findMany({ where: { ownerId: visitor.id }, select: { name: true } });
    expect(owned.map((file) => file.name).sort()).toEqual(["chart.png", "chart.png", "notes.txt"]);
  });

  it("reads for a reply its images' bytes, for a model that reads images only, and never a document's", async () => {
    const { conversationId } = await sharedChat();
    const [asked] = await db().message.findMany({ where: { conversationId }, orderBy: { depth: "asc" } });
    const sent = async (readsImages: boolean) =>
      (await getAttachmentsForMessages([asked?.id ?? ""], readsImages)).map(({ name, bytes }) => ({
        name,
        bytes: bytes && Buffer.from(bytes),
      }));
    expect(await sent(true)).toEqual([
      { name: "chart.png", bytes: makePng() },
      { name: "notes.txt", bytes: null },
    ]);
    expect(await sent(false)).toEqual([
      { name: "chart.png", bytes: null },
      { name: "notes.txt", bytes: null },
    ]);
  });

  it("counts a link's copy of a message without the documents the link withheld, and the totals below it follow", async () => {
    const { client, conversationId } = await sharedChat();
    const visitor = await makeUser();
    const visitorClient = await signedInClient(visitor.email, visitor.password);
    const countsOfCopy = async (token: string) => {
      const copied = await visitorClient.json(`/api/share/${token}/copy`, {});
      const copyId = ((await copied.json()) as { id: string }).id;
      return db().message.findMany({
        where: { conversationId: copyId },
        orderBy: { depth: "asc" },
        select: { tokenCount: true, threadTokens: true },
      });
    };
    const original = await db().message.findMany({ where: { conversationId }, orderBy: { depth: "asc" } });
    const [asked, answered] = original;
    const image = await db().attachment.findFirstOrThrow({ where: { messageId: asked?.id, kind: "IMAGE" } });
    const counts = original.map(({ tokenCount, threadTokens }) => ({ tokenCount, threadTokens }));
    expect(await countsOfCopy(await createLink(client, conversationId, { includesDocuments: true }))).toEqual(counts);

    const withImageOnly = countTurnTokens(
      "Look",
      [{ ...image, text: null }],
      storedEncoding(asked?.tokenEncoding ?? null),
    );
    const fewer = (asked?.tokenCount ?? 0) - withImageOnly;
    expect(fewer).toBeGreaterThan(0);
    expect(await countsOfCopy(await createLink(client, conversationId, {}))).toEqual([
      { tokenCount: withImageOnly, threadTokens: (asked?.threadTokens ?? 0) - fewer },
      { tokenCount: answered?.tokenCount, threadTokens: (answered?.threadTokens ?? 0) - fewer },
    ]);
  });
});

describe("imported files in the context window", () => {
  it("count with their message, so that a document too large for a small model's window is left out of it", async () => {
    // A few thousand tokens of notes, sent with a message on a roomy model, then exported.
    const notes = Array.from({ length: 300 }, (_, index) => `note ${index} says ${randomUUID().slice(0, 8)}.`).join(
      " ",
    );
    const source = await startChat(false);
    const documentId = await uploadId(source.client, "long-notes.txt", notes);
    const exchange = await collectEvents(
      await source.client.json(`/api/conversations/${source.conversationId}/messages`, {
        content: "Keep these",
        attachmentIds: [documentId],
      }),
    );
    expect(exchange.find((event) => event.event === "done")).toMatchObject({ data: { status: "COMPLETE" } });
    const exported = await (
      await source.client.fetch(`/api/conversations/${source.conversationId}/export?format=json`)
    ).json();

    // Imported by someone whose model reads 2,048 tokens at most (1,024 of them kept for the answer).
    const small = await startChat(false, { contextWindow: 2048, maxOutputTokens: 1024 });
    const imported = await small.client.json("/api/account/import", exported);
    expect(imported.status, await imported.clone().text()).toBe(201);
    const importedId = ((await imported.json()) as { conversations: { id: string }[] }).conversations[0]?.id ?? "";
    const importedMessage = await db().message.findFirstOrThrow({
      where: { conversationId: importedId, role: "USER" },
    });
    expect(importedMessage.tokenCount).toBeGreaterThan(2000);
    const model = await db().model.findFirstOrThrow({ where: { upstreamName: small.upstreamName } });
    await db().conversation.update({ where: { id: importedId }, data: { modelId: model.id } });

    const events = await collectEvents(
      await small.client.json(`/api/conversations/${importedId}/messages`, { content: "What did I keep?" }),
    );
    expect(events.find((event) => event.event === "done")).toMatchObject({ data: { status: "COMPLETE" } });
    const request = upstream.requests.filter(
      (recorded) => (recorded.body as { model?: string }).model === small.upstreamName,
    );
    const sent = JSON.stringify((request.at(-1)?.body as { messages?: unknown[] } | undefined)?.messages);
    expect(sent).toContain("What did I keep?");
    expect(sent).not.toContain("long-notes.txt");
  });
});

/** A file row of `size` bytes (its content one byte): a quota filled without uploading a gigabyte. */
async function fillStorage(ownerId: string, size: number) {
  await db().attachment.create({
    data: {
      owner: { connect: { id: ownerId } },
      name: "filler.bin",
      kind: "DOCUMENT",
      contentType: "text/plain; charset=utf-8",
      size,
      content: { create: { sha256: randomUUID(), bytes: new Uint8Array(1), size: 1 } },
    },
  });
}

describe("identical files", () => {
  const contentOf = (text: string) =>
    db().attachmentContent.findMany({
      where: { attachments: { some: { name: { startsWith: text } } } },
      select: { refs: true },
    });

  it("are stored once, count for each owner at full size, and keep their bytes until the last one goes", async () => {
    const { client, conversationId, user } = await startChat(false);
    const other = await startChat(false);
    const text = `report ${randomUUID()}`;
    const first = await uploadId(client, `${text}.txt`, text);
    const second = await uploadId(client, `${text} (copy).txt`, text);
    const othersId = await uploadId(other.client, `${text}.txt`, text);
    expect(await contentOf(text)).toEqual([{ refs: 3 }]);
    expect(await getStorageUsed(user.id)).toBe(2 * text.length);
    expect(await getStorageUsed(other.user.id)).toBe(text.length);

    // Sent, then copied to my chats: the copy's row is new, the bytes are not.
    const sent = await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "Read", attachmentIds: [first] }),
    );
    const copied = await client.json(`/api/conversations/${conversationId}/copy`, {
      messageId: startedIds(sent).assistantMessageId,
    });
    expect(copied.status).toBe(201);
    expect(await contentOf(text)).toEqual([{ refs: 4 }]);

    // Removing one file never takes the bytes from the others.
    expect((await client.fetch(`/api/attachments/${second}`, { method: "DELETE" })).status).toBe(204);
    await db().conversation.deleteMany({ where: { ownerId: user.id } });
    expect(await contentOf(text)).toEqual([{ refs: 1 }]);
    expect(await (await other.client.fetch(`/api/attachments/${othersId}`)).text()).toBe(text);
    expect((await other.client.fetch(`/api/attachments/${othersId}`, { method: "DELETE" })).status).toBe(204);
    expect(await db().attachmentContent.count({ where: { attachments: { none: {} } } })).toBe(0);
  });

  it("are written again by another account's upload, whose timing then cannot tell that the file exists", async () => {
    // Over 2 KB: PostgreSQL stores the bytes out of line (TOAST), under an id that changes only when they are
    // written again. An odd size tells this file's stored value from any other test's.
    const size = 70_001;
    const bytes = randomBytes(size).toString("base64url").slice(0, size);
    const [table] = await db().$queryRaw<{ name: string }[]>`
      SELECT reltoastrelid::regclass::text AS name FROM pg_class WHERE oid = '"AttachmentContent"'::regclass`;
    const storedValues = async () =>
      (
        await db().$queryRawUnsafe<{ id: string }[]>(
          `SELECT chunk_id::text AS id FROM ${table?.name} GROUP BY chunk_id HAVING sum(length(chunk_data)) = ${size}`,
        )
      ).map((row) => row.id);
    const { client } = await startChat(false);
    const other = await startChat(false);

    await uploadId(client, "salaries.txt", bytes);
    const [firstWrite] = await storedValues();
    await uploadId(other.client, "guess.txt", bytes);
    const afterOthers = await storedValues();
    expect(afterOthers).toHaveLength(1);
    expect(afterOthers[0]).not.toBe(firstWrite);
  });
});

describe("the live start event", () => {
  it("carries the turn's files, as the saved thread does, on send and on regenerate", async () => {
    const { client, conversationId } = await startChat(false);
    const id = await uploadId(client, "notes.txt", "The secret is 42");
    type Start = { userMessage: { attachments: unknown } };
    const startFiles = (events: { event: string; data: unknown }[]) =>
      (events.find((event) => event.event === "start")?.data as Start | undefined)?.userMessage.attachments;
    const sent = await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, { content: "Read", attachmentIds: [id] }),
    );
    const expected = [{ id, name: "notes.txt", kind: "DOCUMENT", contentType: "text/plain; charset=utf-8", size: 16 }];
    expect(startFiles(sent)).toEqual(expected);
    const regenerated = await collectEvents(
      await client.json(
        `/api/conversations/${conversationId}/messages/${startedIds(sent).assistantMessageId}/regenerate`,
        {},
      ),
    );
    expect(startFiles(regenerated)).toEqual(expected);
  });
});

describe("deleting", () => {
  it("removes an unsent upload for its owner only, and a purged conversation's files with it", async () => {
    const { client, conversationId } = await startChat(true);
    const other = await startChat(true);
    const unsent = await uploadId(client, "draft.txt", "draft");
    expect((await other.client.fetch(`/api/attachments/${unsent}`, { method: "DELETE" })).status).toBe(404);
    expect((await other.client.fetch(`/api/attachments/${unsent}`)).status).toBe(404);
    expect((await client.fetch(`/api/attachments/${unsent}`, { method: "DELETE" })).status).toBe(204);

    const sent = await uploadId(client, "notes.txt", "notes");
    const kept = await uploadId(client, "kept.txt", "bytes a copy shares");
    await collectEvents(
      await client.json(`/api/conversations/${conversationId}/messages`, {
        content: "Read",
        attachmentIds: [sent, kept],
      }),
    );
    expect((await client.fetch(`/api/attachments/${sent}`)).status).toBe(200);
    // A copy of the thread shares the files' bytes: they must outlive the original's purge.
    const thread = (await (await client.fetch(`/api/conversations/${conversationId}`)).json()) as {
      messages: { id: string; role: string }[];
    };
    const userMessageId = thread.messages.find((message) => message.role === "USER")?.id;
    const copied = await client.json(`/api/conversations/${conversationId}/copy`, { messageId: userMessageId });
    const copyId = ((await copied.json()) as { id: string }).id;
    const copyThread = (await (await client.fetch(`/api/conversations/${copyId}`)).json()) as {
      messages: { attachments: { id: string; name: string }[] }[];
    };
    const copiedFile = copyThread.messages[0]?.attachments.find((file) => file.name === "kept.txt")?.id;
    expect((await client.fetch(`/api/conversations/${conversationId}`, { method: "DELETE" })).status).toBe(204);
    // Deleted (restorable for a day): the file is out of reach at once, and its bytes go once Undo is over.
    expect((await client.fetch(`/api/attachments/${sent}`)).status).toBe(404);
    await sweepUnreachable();
    expect(await db().attachment.count({ where: { id: sent } })).toBe(1);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await db().conversation.update({ where: { id: conversationId }, data: { deletedAt: twoDaysAgo } });
    await sweepUnreachable();
    expect(await db().attachment.count({ where: { id: { in: [sent, kept] } } })).toBe(0);
    const copiedDownload = await client.fetch(`/api/attachments/${copiedFile}`);
    expect(copiedDownload.status).toBe(200);
    expect(await copiedDownload.text()).toBe("bytes a copy shares");
  });

  it("sweeps uploads that no message claimed within an hour", async () => {
    const { client } = await startChat(true);
    const fresh = await uploadId(client, "fresh.txt", "fresh");
    const stale = await uploadId(client, "stale.txt", "stale");
    await db().attachment.update({ where: { id: stale }, data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) } });
    await sweepUnreachable();
    expect(await db().attachment.count({ where: { id: { in: [fresh, stale] } } })).toBe(1);
    expect((await client.fetch(`/api/attachments/${stale}`)).status).toBe(404);
  });
});

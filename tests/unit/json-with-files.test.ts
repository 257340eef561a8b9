// One conversation's JSON export streams its files' base64 as the text reaches them (lib/conversations/json-with-
// files.ts): the text must be exactly JSON.stringify of the document with the data in place, whatever the files
// and the messages hold.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { streamJsonWithFiles } from "@/lib/conversations/json-with-files";

type File = { name: string; bytes: Uint8Array | null };

it("writes exactly the document's JSON, each file's base64 in its place, read one file at a time", async () => {
  const files: File[] = [
    { name: "empty.txt", bytes: new Uint8Array() },
    // Past one slice of encoding (3 MB), and not a multiple of 3 bytes.
    { name: "large.bin", bytes: randomBytes(3 * 1024 * 1024 + 7) },
    { name: "gone.png", bytes: null },
    { name: "small.txt", bytes: Buffer.from('héllo "quoted" parley-file-') },
  ];
  const content = 'Text with "parley-file-000-0" in quotes, a \\ backslash and 中文';
  const build = (dataOf: (file: File) => string) => ({
    messages: [
      { content, attachments: files.slice(0, 2).map((file) => ({ name: file.name, data: dataOf(file) })) },
      { content: "later", attachments: files.slice(2).map((file) => ({ name: file.name, data: dataOf(file) })) },
    ],
  });
  const reads: string[] = [];
  const stream = streamJsonWithFiles(build, async (file: File) => {
    reads.push(file.name);
    return file.bytes;
  });
  const text = await new Response(stream).text();
  const inline = (file: File) => Buffer.from(file.bytes ?? new Uint8Array()).toString("base64");
  expect(text).toBe(JSON.stringify(build(inline), null, 2));
  expect(reads).toEqual(["empty.txt", "large.bin", "gone.png", "small.txt"]);
});

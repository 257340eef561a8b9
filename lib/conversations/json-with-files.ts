// A JSON document whose files' bytes (base64) are read as the text reaches them, one file at a time, instead of all
// of them at once into one string: a conversation's files can come to hundreds of megabytes, past what one
// JavaScript string may hold (about 512 million characters), and every byte was held twice over while it was built.
import { randomBytes } from "node:crypto";

// Encoded a slice at a time (a multiple of 3 bytes, so that the slices' base64 joins into the file's).
const SLICE_BYTES = 3 * 1024 * 1024;

/**
 * `build` makes the document, calling `dataOf(file)` where a file's base64 goes (a placeholder, in the order the
 * text will hold them); `readBytes` gives a file's bytes when the stream reaches it (null: the file is gone, and
 * its data is empty). The text is `JSON.stringify(document, null, 2)` with each file's base64 in its place.
 */
export function streamJsonWithFiles<File>(
  build: (dataOf: (file: File) => string) => unknown,
  readBytes: (file: File) => Promise<Uint8Array | null>,
): ReadableStream<Uint8Array> {
  const nonce = randomBytes(12).toString("hex");
  const files: File[] = [];
  const document = build((file) => `parley-file-${nonce}-${files.push(file) - 1}`);
  const parts = interleave(JSON.stringify(document, null, 2), nonce, files, readBytes);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await parts.return(undefined);
    },
  });
}

async function* interleave<File>(
  text: string,
  nonce: string,
  files: File[],
  readBytes: (file: File) => Promise<Uint8Array | null>,
): AsyncGenerator<string, void> {
  let from = 0;
  for (const [index, file] of files.entries()) {
    // The placeholder as JSON writes it: quoted. A quote inside any other string is escaped, so this is the one.
    const placeholder = `"parley-file-${nonce}-${index}"`;
    const at = text.indexOf(placeholder, from);
    yield `${text.slice(from, at)}"`;
    const bytes = await readBytes(file);
    for (let offset = 0; bytes && offset < bytes.byteLength; offset += SLICE_BYTES) {
      yield Buffer.from(
        bytes.buffer,
        bytes.byteOffset + offset,
        Math.min(SLICE_BYTES, bytes.byteLength - offset),
      ).toString("base64");
    }
    yield '"';
    from = at + placeholder.length;
  }
  yield text.slice(from);
}

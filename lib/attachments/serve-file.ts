// How a stored file is answered: never rendered as a page. Images may show inline (thumbnails, "open image"); every
// other file is a download. Text is always text/plain, so an HTML or SVG file uploaded as text is never a page, and
// the sandboxing CSP and nosniff hold even if a browser were to try.
import type { ServerResponse } from "node:http";
import type { FileRow } from "../db/attachments";

// A stored file's length, under a name of Parley's own: Next drops the Content-Length of a route handler's answer
// (its body might have been re-encoded on the way), which left downloads without a size or progress.
const FILE_LENGTH_HEADER = "x-parley-file-length";

export const FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** The routes that answer stored files: the server gives them FILE_CSP instead of the pages' policy. */
export function isFileRoute(path: string): boolean {
  return path.startsWith("/api/attachments/") || /^\/api\/share\/[^/]+\/attachments\//.test(path);
}

export function fileResponse(file: FileRow): Response {
  const asciiName = file.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const disposition = file.kind === "IMAGE" ? "inline" : "attachment";
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      [FILE_LENGTH_HEADER]: String(file.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": FILE_CSP,
      // Access can be taken away (a member removed): the browser revalidates every time.
      "Cache-Control": "private, no-cache",
    },
  });
}

/** Gives a file route's answer its length back: Next copies the answer's headers one by one through `setHeader`. */
export function keepFileLength(response: ServerResponse): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) =>
    setHeader(name.toLowerCase() === FILE_LENGTH_HEADER ? "Content-Length" : name, value);
}

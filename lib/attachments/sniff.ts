// What a file is, read from its bytes alone: the name and the browser's type are never trusted (a page renamed
// .png must not become an image). Images are the four formats providers accept; everything else must be a PDF, a
// Word document (DOCX: a ZIP holding word/document.xml) or UTF-8 text, and text is only ever served as text/plain,
// so HTML or SVG is never rendered from an attachment. Documents are always served as downloads.
import { isUtf8 } from "node:buffer";
import type { IMAGE_CONTENT_TYPES } from "../limits";
import { readZipEntries } from "./zip-entries";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export type SniffedFile =
  | { kind: "IMAGE"; contentType: (typeof IMAGE_CONTENT_TYPES)[number] }
  | { kind: "DOCUMENT"; contentType: "application/pdf" }
  | { kind: "DOCUMENT"; contentType: typeof DOCX_TYPE }
  | { kind: "DOCUMENT"; contentType: "text/plain; charset=utf-8" };

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

function sniffImage(bytes: Uint8Array): SniffedFile | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "IMAGE", contentType: "image/png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "IMAGE", contentType: "image/jpeg" };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) {
    return { kind: "IMAGE", contentType: "image/gif" };
  }
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) {
    return { kind: "IMAGE", contentType: "image/webp" };
  }
  return null;
}

/** UTF-8 text without NUL (PostgreSQL text cannot hold it; binary files have it). */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function sniffFile(bytes: Uint8Array): SniffedFile | null {
  const image = sniffImage(bytes);
  if (image) return image;
  if (startsWith(bytes, ascii("%PDF-"))) return { kind: "DOCUMENT", contentType: "application/pdf" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Any other ZIP (a spreadsheet, an archive) is not read: refused, like other binary files.
    const isDocx = readZipEntries(bytes)?.some((entry) => entry.name === "word/document.xml");
    return isDocx ? { kind: "DOCUMENT", contentType: DOCX_TYPE } : null;
  }
  // Checked without decoding (native, no string of the whole file): the text is decoded once, when extracted.
  if (!bytes.includes(0) && isUtf8(bytes)) return { kind: "DOCUMENT", contentType: "text/plain; charset=utf-8" };
  return null;
}

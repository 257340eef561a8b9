// A document's text, extracted on the server: PDF through unpdf (PDF.js, pure JavaScript, no native binaries), DOCX
// through mammoth (pure JavaScript), text files as they are. A PDF without a text layer (a scan), or a DOCX without
// text, is refused with a clear message instead of sending the model an empty file. Both parsers run on a worker
// thread (extract-off-thread.ts).
import { AppError } from "../errors";
import { DocumentTooLargeError, readDocxText, readPdfPages } from "./extract-off-thread";
import { DOCX_TYPE, decodeText } from "./sniff";
import { inflatesWithin, readZipEntries } from "./zip-entries";

// What a DOCX's parts may inflate to, together: far more than any document holds (a 1,000-page report is a few MB
// of XML; its pictures are stored compressed, so within the upload's own size), far less than a ZIP bomb would take
// the server's memory to.
const DOCX_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

function unreadable(cause: unknown, message: string, name: string): AppError {
  if (cause instanceof DocumentTooLargeError) {
    return new AppError("unreadable_file", `${name} is too large to read.`, { cause });
  }
  return new AppError("unreadable_file", message, { cause });
}

async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pages = await readPdfPages(bytes);
  return pages
    .map((page, index) => `[Page ${index + 1}]\n${page.trim()}`)
    .join("\n\n")
    .replaceAll("\0", "");
}

async function extractDocxText(bytes: Uint8Array, name: string): Promise<string> {
  const entries = readZipEntries(bytes);
  if (!entries || !(await inflatesWithin(bytes, entries, DOCX_MAX_INFLATED_BYTES))) {
    throw new AppError("unreadable_file", `${name} is too large to read.`);
  }
  let text: string;
  try {
    // Raw text: paragraphs one per line, no formatting (the model needs the words, not the styles).
    text = (await readDocxText(bytes)).replaceAll("\0", "");
  } catch (cause) {
    throw unreadable(cause, `${name} could not be read as a Word document.`, name);
  }
  if (text.trim() === "") throw new AppError("no_text_found", `No text found in ${name}.`);
  return text.trim();
}

export async function extractDocumentText(bytes: Uint8Array, contentType: string, name: string): Promise<string> {
  if (contentType === DOCX_TYPE) return extractDocxText(bytes, name);
  if (contentType !== "application/pdf") return decodeText(bytes) ?? "";
  let text: string;
  try {
    text = await extractPdfText(bytes);
  } catch (cause) {
    throw unreadable(cause, `${name} could not be read as a PDF.`, name);
  }
  if (text.replace(/\[Page \d+\]/g, "").trim() === "") {
    throw new AppError("no_text_found", `No text found in ${name}: a scanned PDF has no text to read.`);
  }
  return text;
}

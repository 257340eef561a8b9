// A document's text, extracted on the server: PDF through unpdf (PDF.js, pure JavaScript, no native binaries), DOCX
// through mammoth (pure JavaScript), text files as they are. A PDF without a text layer (a scan), or a DOCX without
// text, is refused with a clear message instead of sending the model an empty file. Both parsers run on a worker
// thread (extract-off-thread.ts), a user's documents one at a time, within a time and a text bound.
import { AppError } from "../errors";
import {
  type DocumentReader,
  DocumentTooLargeError,
  ReadingBudgetSpentError,
  readDocxText,
  readPdfPages,
} from "./extract-off-thread";
import { DOCX_TYPE, decodeText } from "./sniff";
import { inflatesWithin, readZipEntries } from "./zip-entries";

// What a DOCX's parts may inflate to, together: far more than any document holds (a 1,000-page report is a few MB
// of XML; its pictures are stored compressed, so within the upload's own size), far less than a ZIP bomb would take
// the server's memory to.
const DOCX_MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** What the reader threw, as the file's refusal; a refusal of the reading itself (429, an import's budget) as it is. */
function unreadable(cause: unknown, message: string, name: string): Error {
  if (cause instanceof AppError || cause instanceof ReadingBudgetSpentError) return cause;
  if (cause instanceof DocumentTooLargeError) {
    return new AppError("unreadable_file", `${name} is too large to read.`, { cause });
  }
  return new AppError("unreadable_file", message, { cause });
}

async function extractPdfText(bytes: Uint8Array, reader: DocumentReader): Promise<string> {
  const pages = await readPdfPages(bytes, reader);
  return pages
    .map((page, index) => `[Page ${index + 1}]\n${page.trim()}`)
    .join("\n\n")
    .replaceAll("\0", "");
}

async function extractDocxText(bytes: Uint8Array, name: string, reader: DocumentReader): Promise<string> {
  const entries = readZipEntries(bytes);
  if (!entries || !(await inflatesWithin(bytes, entries, DOCX_MAX_INFLATED_BYTES))) {
    throw new AppError("unreadable_file", `${name} is too large to read.`);
  }
  let text: string;
  try {
    // Raw text: paragraphs one per line, no formatting (the model needs the words, not the styles).
    text = (await readDocxText(bytes, reader)).replaceAll("\0", "");
  } catch (cause) {
    throw unreadable(cause, `${name} could not be read as a Word document.`, name);
  }
  if (text.trim() === "") throw new AppError("no_text_found", `No text found in ${name}.`);
  return text.trim();
}

export async function extractDocumentText(
  bytes: Uint8Array,
  contentType: string,
  name: string,
  reader: DocumentReader,
): Promise<string> {
  if (contentType === DOCX_TYPE) return extractDocxText(bytes, name, reader);
  if (contentType !== "application/pdf") return decodeText(bytes) ?? "";
  let text: string;
  try {
    text = await extractPdfText(bytes, reader);
  } catch (cause) {
    throw unreadable(cause, `${name} could not be read as a PDF.`, name);
  }
  if (text.replace(/\[Page \d+\]/g, "").trim() === "") {
    throw new AppError("no_text_found", `No text found in ${name}: a scanned PDF has no text to read.`);
  }
  return text;
}

// A document's text, extracted on the server: PDF through unpdf (PDF.js, pure JavaScript, no native binaries), text
// files as they are. A PDF without a text layer (a scan) is refused with a clear message instead of sending the
// model an empty file.
import { AppError } from "../errors";
import { decodeText } from "./sniff";

async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const { extractText } = await import("unpdf");
  // PDF.js takes ownership of the buffer it is given: a copy keeps the stored bytes intact.
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: false });
  return text
    .map((page, index) => `[Page ${index + 1}]\n${page.trim()}`)
    .join("\n\n")
    .replaceAll("\0", "");
}

export async function extractDocumentText(bytes: Uint8Array, contentType: string, name: string): Promise<string> {
  if (contentType !== "application/pdf") return decodeText(bytes) ?? "";
  let text: string;
  try {
    text = await extractPdfText(bytes);
  } catch (cause) {
    throw new AppError("unsupported_file", `${name} could not be read as a PDF.`, { cause });
  }
  if (text.replace(/\[Page \d+\]/g, "").trim() === "") {
    throw new AppError("unsupported_file", `No text found in ${name}: a scanned PDF has no text to read.`);
  }
  return text;
}

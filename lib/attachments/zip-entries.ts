// The names and declared sizes of a ZIP file's entries, read from its central directory without inflating
// anything: enough to tell a DOCX (a ZIP holding word/document.xml) from any other ZIP, and to refuse one whose
// parts claim to inflate to more than a document can hold (a ZIP bomb) before a library inflates them.
export type ZipEntry = { name: string; uncompressedSize: number };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_RECORD_BYTES - MAX_COMMENT_BYTES);
  for (let offset = view.byteLength - END_RECORD_BYTES; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  return -1;
}

/** The entries of a ZIP file, or null when the bytes are not one (or its directory is cut or damaged). */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.byteLength < END_RECORD_BYTES || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const skipped = view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.byteLength) return null;
    const name = names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, uncompressedSize: view.getUint32(offset + 24, true) });
    offset += 46 + nameLength + skipped;
  }
  return entries;
}

// The entries of a ZIP file, read from its central directory without inflating anything: enough to tell a DOCX (a
// ZIP holding word/document.xml) from any other ZIP. inflatesWithin then inflates them with a bound on the output,
// so that a ZIP bomb is refused before a library inflates it: the sizes a file declares are the attacker's to write.
// So are the directory's count and offsets: the reader behind mammoth (JSZip) reads entries for as long as their
// signature follows, shifts every offset when the directory is not where the end record says, and lets a later entry
// of a name replace an earlier one. A file whose directory it could read otherwise is refused; names are compared as
// written (JSZip may also rename an entry from its Unicode-path field), but every entry listed is inflated within
// the bound whatever its name, so no entry goes unmeasured.
import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";

export type ZipEntry = { name: string; method: number; compressedSize: number; localHeaderOffset: number };

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
  const directoryBytes = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  // ZIP64 (no document needs it) and a directory elsewhere than just before its end record.
  if (count === 0xffff || offset === 0xffffffff || offset + directoryBytes !== end) return null;
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const skipped = view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.byteLength) return null;
    const name = names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({
      name,
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + skipped;
  }
  if (offset !== end) return null;
  return new Set(entries.map((entry) => entry.name)).size === entries.length ? entries : null;
}

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const inflateRawOffThread = promisify(inflateRaw);

/**
 * True when all of the entries together inflate to at most `maxBytes`, as inflated here (never more than what is
 * left of the bound at once); false for more, or for an entry that cannot be read. Inflated on libuv's threads:
 * tens of megabytes inflated on the main thread would hold every stream it serves.
 */
export async function inflatesWithin(bytes: Uint8Array, entries: ZipEntry[], maxBytes: number): Promise<boolean> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let left = maxBytes;
  for (const entry of entries) {
    const header = entry.localHeaderOffset;
    if (header + 30 > bytes.byteLength || view.getUint32(header, true) !== LOCAL_HEADER) return false;
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === STORED) left -= data.byteLength;
    else if (entry.method !== DEFLATED) return false;
    else {
      try {
        left -= (await inflateRawOffThread(data, { maxOutputLength: Math.max(1, left) })).byteLength;
      } catch {
        return false;
      }
    }
    if (left < 0) return false;
  }
  return true;
}

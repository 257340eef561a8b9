// What an image carries besides its pixels is removed before it is stored: EXIF (a phone photo's GPS position, the
// camera's serial number, the time it was taken), XMP, IPTC and comments. The browser drops them when it re-encodes
// an image before the upload (app/_components/attachments/downscale-image.ts), but a file it could not draw, or one
// sent by another client, came as it was; a stored image is shown to everyone who may read its conversation, to a
// share link's visitors, and sent to the model's provider. The pixels are never decoded: metadata is whole segments
// (JPEG), chunks (PNG, WebP) or extension blocks (GIF) that are dropped, and the rest is kept byte for byte. A JPEG's orientation, which only
// EXIF carries, is kept in a minimal EXIF block of that one tag, so that a photo taken sideways still shows upright.
// A file is followed as decoders follow it (a JPEG's bytes between segments skipped); nothing after its end is
// kept (phones append further pictures or a video there). Where a PNG's, a WebP's or a GIF's structure cannot be
// followed, the file is kept as it came.
import type { SniffedFile } from "./sniff";

type ImageType = Extract<SniffedFile, { kind: "IMAGE" }>["contentType"];
type Bytes = Uint8Array<ArrayBuffer>;

/** The image without its metadata; the same array when it has none (or cannot be followed). */
export function withoutImageMetadata(bytes: Bytes, contentType: ImageType): Bytes {
  switch (contentType) {
    case "image/jpeg":
      return withoutJpegMetadata(bytes);
    case "image/png":
      return withoutPngMetadata(bytes);
    case "image/webp":
      return withoutWebpMetadata(bytes);
    case "image/gif":
      return withoutGifMetadata(bytes);
  }
}

/** The kept parts, joined; the original when nothing was dropped. */
function join(bytes: Bytes, parts: Uint8Array[], droppedCount: number): Bytes {
  return droppedCount === 0 ? bytes : Buffer.concat(parts);
}

const readUint16BE = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
const readUint32BE = (bytes: Uint8Array, at: number) => readUint16BE(bytes, at) * 0x10000 + readUint16BE(bytes, at + 2);
const readUint32LE = (bytes: Uint8Array, at: number) =>
  ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) + (bytes[at + 3] ?? 0) * 0x1000000;

// JPEG: SOI, then segments (0xFF, a marker, a 16-bit length that counts itself); after a start of scan come the
// entropy-coded data (in which 0xFF is always followed by 0x00 or a restart marker), then more segments (a
// progressive JPEG's further tables and scans), up to the end of image. What follows the end of image is cut: phones
// append further pictures there (a multi-picture file's, each with its own EXIF) or a motion photo's video.
const JPEG_START_OF_SCAN = 0xda;
const JPEG_END_OF_IMAGE = 0xd9;
const JPEG_APP1 = 0xe1;
const JPEG_APP2 = 0xe2;
// Kept: APP0 (JFIF), APP2 when it holds the ICC colour profile (not a multi-picture index), APP14 (Adobe's colour
// transform); every other APPn and COM go.
const ICC_PROFILE = [0x49, 0x43, 0x43, 0x5f, 0x50, 0x52, 0x4f, 0x46, 0x49, 0x4c, 0x45, 0]; // "ICC_PROFILE\0"
function isJpegMetadata(marker: number, segment: Uint8Array): boolean {
  if (marker === 0xfe) return true;
  if (marker < 0xe0 || marker > 0xef || marker === 0xe0 || marker === 0xee) return false;
  return marker !== JPEG_APP2 || !ICC_PROFILE.every((byte, index) => segment[4 + index] === byte);
}
// Markers without a length: TEM and the restart markers.
const isJpegStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** Where the next marker starts from `from` on: a 0xFF not followed by 0x00, a restart marker or another 0xFF. */
function nextJpegMarker(bytes: Bytes, from: number): number {
  for (let at = bytes.indexOf(0xff, from); at !== -1 && at + 1 < bytes.length; at = bytes.indexOf(0xff, at + 1)) {
    const next = bytes[at + 1] ?? 0;
    if (next !== 0 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return at;
  }
  return bytes.length;
}

function withoutJpegMetadata(bytes: Bytes): Bytes {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let dropped = 0;
  let isInScan = false;
  let at = 2;
  while (at < bytes.length) {
    const next = bytes[at + 1];
    if (bytes[at] !== 0xff || next === 0xff || next === 0) {
      // Outside any segment: a scan's entropy-coded data, kept; elsewhere bytes a decoder skips (fill bytes, or
      // anything else, which could hold text), dropped.
      const marker = nextJpegMarker(bytes, at + 1);
      if (isInScan) parts.push(bytes.subarray(at, marker));
      else dropped++;
      at = marker;
      continue;
    }
    const marker = bytes[at + 1] ?? 0;
    if (marker === JPEG_END_OF_IMAGE) {
      parts.push(bytes.subarray(at, at + 2));
      if (at + 2 < bytes.length) dropped++;
      return join(bytes, parts, dropped);
    }
    if (isJpegStandalone(marker)) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    const end = at + 2 + readUint16BE(bytes, at + 2);
    if (end > bytes.length || end < at + 4) break;
    const segment = bytes.subarray(at, end);
    if (isJpegMetadata(marker, segment)) {
      dropped++;
      const orientation = marker === JPEG_APP1 ? readExifOrientation(segment.subarray(4)) : null;
      if (orientation !== null) parts.push(orientationOnlyExif(orientation));
    } else {
      parts.push(segment);
    }
    isInScan = marker === JPEG_START_OF_SCAN;
    at = end;
  }
  // Cut short, or a length past the end: what could not be followed is kept as it came, after what was dropped.
  parts.push(bytes.subarray(at));
  return join(bytes, parts, dropped);
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;

/** The orientation (2-8) an EXIF block gives, or null when it has none, says "upright" (1) or cannot be read. */
function readExifOrientation(payload: Uint8Array): number | null {
  if (!EXIF_HEADER.every((byte, index) => payload[index] === byte)) return null;
  const tiff = payload.subarray(EXIF_HEADER.length);
  const isLittleEndian = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!isLittleEndian && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const uint16 = (at: number) =>
    isLittleEndian ? (tiff[at] ?? 0) | ((tiff[at + 1] ?? 0) << 8) : readUint16BE(tiff, at);
  const uint32 = (at: number) => (isLittleEndian ? readUint32LE(tiff, at) : readUint32BE(tiff, at));
  const directory = uint32(4);
  const entryCount = uint16(directory);
  for (let index = 0; index < entryCount; index++) {
    const entry = directory + 2 + index * 12;
    if (entry + 12 > tiff.length) return null;
    if (uint16(entry) !== ORIENTATION_TAG) continue;
    const orientation = uint16(entry + 8);
    return orientation >= 2 && orientation <= 8 ? orientation : null;
  }
  return null;
}

/** An APP1 segment holding an EXIF block of one tag, the orientation (big-endian TIFF, one directory). */
function orientationOnlyExif(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const length = 2 + EXIF_HEADER.length + tiff.length;
  return Uint8Array.from([0xff, JPEG_APP1, length >> 8, length & 0xff, ...EXIF_HEADER, ...tiff]);
}

// PNG: the signature, then chunks (a 32-bit length, a four-letter type, the data, a CRC of type and data). Dropped:
// eXIf (EXIF) and the text chunks (tEXt, zTXt, iTXt: XMP travels in iTXt), which no decoder needs.
const PNG_SIGNATURE_LENGTH = 8;
const PNG_DROPPED_CHUNKS = new Set(["eXIf", "tEXt", "zTXt", "iTXt"]);

function withoutPngMetadata(bytes: Bytes): Bytes {
  const parts: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE_LENGTH)];
  let dropped = 0;
  for (let at = PNG_SIGNATURE_LENGTH; at < bytes.length; ) {
    const end = at + 12 + readUint32BE(bytes, at);
    if (end > bytes.length) return bytes;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (PNG_DROPPED_CHUNKS.has(type)) dropped++;
    else parts.push(bytes.subarray(at, end));
    if (type === "IEND") return join(bytes, parts, dropped + (end < bytes.length ? 1 : 0));
    at = end;
  }
  return bytes;
}

// WebP: a RIFF container ("RIFF", the size of what follows, "WEBP"), then chunks (a four-letter type, a 32-bit
// little-endian size, the data, a pad byte when the size is odd). Dropped: EXIF and XMP, with their flags in the
// extended header (VP8X) cleared and the RIFF size made right.
const WEBP_HEADER_LENGTH = 12;
const WEBP_DROPPED_CHUNKS = new Set(["EXIF", "XMP "]);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

function withoutWebpMetadata(bytes: Bytes): Bytes {
  const kept: Uint8Array[] = [];
  let dropped = 0;
  const riffEnd = Math.min(bytes.length, 8 + readUint32LE(bytes, 4));
  for (let at = WEBP_HEADER_LENGTH; at < riffEnd; ) {
    const size = readUint32LE(bytes, at + 4);
    if (at + 8 + size > riffEnd) return bytes;
    // The pad byte of an odd-sized last chunk is sometimes left out.
    const end = Math.min(at + 8 + size + (size % 2), riffEnd);
    const type = String.fromCharCode(...bytes.subarray(at, at + 4));
    if (WEBP_DROPPED_CHUNKS.has(type)) {
      dropped++;
    } else if (type === "VP8X") {
      const header = Uint8Array.from(bytes.subarray(at, end));
      header[8] = (header[8] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      kept.push(header);
    } else {
      kept.push(bytes.subarray(at, end));
    }
    at = end;
  }
  if (dropped === 0 && riffEnd === bytes.length) return bytes;
  const body = Buffer.concat(kept);
  const header = Buffer.from(bytes.subarray(0, WEBP_HEADER_LENGTH));
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}

// GIF: a header and the logical screen's descriptor (its packed byte says whether a global colour table follows, and
// its size), then blocks up to the trailer (0x3B): an image (its descriptor, a local colour table, the LZW code size,
// then data sub-blocks) or an extension (0x21, a label, then sub-blocks; each sub-block is a length byte and that many
// bytes, a zero length ends them). Dropped: comments, and application blocks other than those decoders use (the
// loop count, NETSCAPE2.0 or ANIMEXTS1.0, and the ICC colour profile); XMP is one of these.
const GIF_SCREEN_END = 13;
const GIF_EXTENSION = 0x21;
const GIF_IMAGE = 0x2c;
const GIF_TRAILER = 0x3b;
const GIF_COMMENT_LABEL = 0xfe;
const GIF_APPLICATION_LABEL = 0xff;
const GIF_KEPT_APPLICATIONS = new Set(["NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012"]);

/** The size of a colour table that a packed byte announces (0 when its flag is off). */
const gifColourTableSize = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);

/** Where the sub-blocks starting at `at` end (after their zero length), or -1 past the file's end. */
function gifSubBlocksEnd(bytes: Bytes, at: number): number {
  let next = at;
  while (next < bytes.length) {
    const length = bytes[next] ?? 0;
    next += 1 + length;
    if (length === 0) return next;
  }
  return -1;
}

function withoutGifMetadata(bytes: Bytes): Bytes {
  const screenEnd = GIF_SCREEN_END + gifColourTableSize(bytes[10] ?? 0);
  const parts: Uint8Array[] = [bytes.subarray(0, screenEnd)];
  let dropped = 0;
  for (let at = screenEnd; at < bytes.length; ) {
    const introducer = bytes[at];
    if (introducer === GIF_TRAILER) {
      parts.push(bytes.subarray(at, at + 1));
      return join(bytes, parts, dropped + (at + 1 < bytes.length ? 1 : 0));
    }
    let end: number;
    let isMetadata = false;
    if (introducer === GIF_IMAGE) {
      const dataAt = at + 10 + gifColourTableSize(bytes[at + 9] ?? 0);
      end = gifSubBlocksEnd(bytes, dataAt + 1);
    } else if (introducer === GIF_EXTENSION) {
      const label = bytes[at + 1];
      const application = String.fromCharCode(...bytes.subarray(at + 3, at + 14));
      isMetadata =
        label === GIF_COMMENT_LABEL ||
        (label === GIF_APPLICATION_LABEL && (bytes[at + 2] !== 11 || !GIF_KEPT_APPLICATIONS.has(application)));
      end = gifSubBlocksEnd(bytes, at + 2);
    } else {
      return bytes;
    }
    // Cut short: the metadata reached is dropped, the rest kept as it came (a browser shows what arrived).
    if (end < 0) return join(bytes, [...parts, bytes.subarray(at)], dropped);
    if (isMetadata) dropped++;
    else parts.push(bytes.subarray(at, end));
    at = end;
  }
  return join(bytes, parts, dropped);
}

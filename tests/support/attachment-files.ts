// Small files for attachment tests, made here rather than committed: a PNG of a given size, and a one-page PDF with
// (or without) a text layer; a JPEG and a WebP as Chromium encodes them, and the metadata cameras and editors add.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createDeflate, deflateRawSync, deflateSync } from "node:zlib";

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG made large by a private chunk of random bytes before its end ("paDd": ancillary, private, safe to copy),
 * which decoders skip and the server keeps (only metadata chunks and what follows the end are dropped).
 */
export function makeLargePng(paddingBytes: number): Buffer {
  const png = makePng();
  const end = png.length - 12;
  return Buffer.concat([png.subarray(0, end), pngChunk("paDd", randomBytes(paddingBytes)), png.subarray(end)]);
}

/** A solid grey PNG, `width` × `height`. */
export function makePng(width = 4, height = 4): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", pixels),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A one-page PDF whose page shows `text` (Helvetica); no text at all for null, like a scan without its image. */
export function makePdf(text: string | null): Buffer {
  const stream = text === null ? "" : pageText(text);
  return pdfWithContents(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
}

const pageText = (text: string) => `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`;

/**
 * A PDF bomb: one page showing `text`, whose content stream (FlateDecode) inflates to `megabytes` of spaces after
 * it, from a few thousandths of that in the file (deflated fast, not small).
 */
export async function makeInflatingPdf(text: string, megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on("data", (part: Buffer) => parts.push(part));
  const ended = once(deflate, "end");
  deflate.write(`${pageText(text)}\n`);
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < megabytes; written++) {
    if (!deflate.write(spaces)) await once(deflate, "drain");
  }
  deflate.end();
  await ended;
  const stream = Buffer.concat(parts).toString("latin1");
  return pdfWithContents(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream}\nendstream`);
}

/**
 * A PDF whose page draws one Form XObject `draws` times (`/X1 Do`, deflated: a few KB), the XObject showing
 * `chars` letters: reading it takes PDF.js seconds to minutes and gives up to `draws` × `chars` characters of text.
 * A single letter makes it slow with little text (300,000 draws ran a reader to its 60 s deadline); a thousand make
 * millions of characters from a few KB. `paddingBytes` of random bytes in an object nothing refers to make the
 * file larger (and its reading's deadline longer) without changing what is read.
 */
export function makeXObjectBombPdf(draws: number, chars: number, paddingBytes = 0): Buffer {
  const page = deflateSync(Buffer.from("/X1 Do ".repeat(draws), "latin1"), { level: 9 }).toString("latin1");
  const form = `BT /F1 12 Tf 10 10 Td (${"A".repeat(chars)}) Tj ET`;
  return pdfWithObjects([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> /XObject << /X1 5 0 R >> >> >>",
    `<< /Length ${page.length} /Filter /FlateDecode >>\nstream\n${page}\nendstream`,
    `<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 6 0 R >> >> /Length ${form.length} >>\nstream\n${form}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${paddingBytes} >>\nstream\n${randomBytes(paddingBytes).toString("latin1")}\nendstream`,
  ]);
}

function pdfWithContents(contents: string): Buffer {
  return pdfWithObjects([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    contents,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}

/** The objects (latin1 text, numbered from 1, the first the catalog) as a PDF with its cross-reference table. */
function pdfWithObjects(objects: string[]): Buffer {
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** A ZIP of `entries` (name → text), stored without compression: enough for a sniffer or a DOCX reader. */
type ZipOptions = {
  deflate?: boolean;
  declaredSize?: number;
  extraEntries?: [string, string][];
  declaredCount?: number;
};

/**
 * `deflate` compresses every entry (method 8); `declaredSize` is what the entries claim to inflate to, which a ZIP
 * bomb understates. `extraEntries` come after the others (a name may come again); `declaredCount` is the number of
 * entries the end record claims, which a file hiding its last entries understates.
 */
export function makeZip(entries: Record<string, string>, options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  const all = [...Object.entries(entries), ...(options.extraEntries ?? [])];
  for (const [name, text] of all) {
    const nameBytes = Buffer.from(name, "utf8");
    const raw = Buffer.from(text, "utf8");
    const data = options.deflate ? deflateRawSync(raw) : raw;
    const fields = Buffer.alloc(16);
    // A ZIP bomb's checksum is as made up as its size (and a checksum of its megabytes would take seconds here).
    fields.writeUInt32LE(options.declaredSize === undefined ? crc32(raw) : 0, 0);
    fields.writeUInt32LE(data.length, 4); // compressed size
    fields.writeUInt32LE(options.declaredSize ?? raw.length, 8); // uncompressed size
    fields.writeUInt16LE(nameBytes.length, 12);
    const local = Buffer.alloc(14);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(options.deflate ? 8 : 0, 8); // method
    locals.push(local, fields, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(options.deflate ? 8 : 0, 10);
    fields.copy(central, 16, 0, 14);
    central.writeUInt32LE(offset, 42);
    directory.push(central, nameBytes);
    offset += 14 + 16 + nameBytes.length + data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.declaredCount ?? all.length, 8);
  end.writeUInt16LE(options.declaredCount ?? all.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

/** A one-paragraph-per-line Word document (DOCX): the few parts a reader needs. */
export function makeDocx(paragraphs: string[], options: ZipOptions = {}): Buffer {
  const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs.map((text) => `<w:p><w:r><w:t>${escapeXml(text)}</w:t></w:r></w:p>`).join("");
  return makeZip(
    {
      "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      "word/document.xml":
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body>${body}</w:body></w:document>`,
    },
    options,
  );
}

// 8 × 6 pixels, as Chromium's canvas encodes them (with its sRGB colour profile: the JPEG's APP2, the WebP's ICCP).
const CHROMIUM_JPEG =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAaEAACAgMAAAAAAAAAAAAAAAAAAQMRAhJR/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwb/xAAYEQADAQEAAAAAAAAAAAAAAAABAgMAEf/aAAwDAQACEQMRAD8AiSzZS1skq4AAtVSkkkCIOAb/2Q==";
const CHROMIUM_WEBP =
  "UklGRhgCAABXRUJQVlA4WAoAAAAgAAAABwAABQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggKgAAAHABAJ0BKggABgACwEwloAJ0AUAAAP7vmrkYaNf/qDP/9QZ//qDP08AAAA==";

// 1 × 1 pixel: a global colour table of two colours, a graphic control extension (transparency), one image.
const ONE_PIXEL_GIF = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";

export const makeJpeg = (): Buffer => Buffer.from(CHROMIUM_JPEG, "base64");
export const makeGif = (): Buffer => Buffer.from(ONE_PIXEL_GIF, "base64");
export const makeWebp = (): Buffer => Buffer.from(CHROMIUM_WEBP, "base64");

/** What the metadata below gives away, as a test looks for it. */
export const PRIVATE_DETAILS = ["48.8584 N, 2.2945 E", "Camera serial 0451", "Taken at home", "xmp:GPSLatitude"];

/**
 * A TIFF block as a camera writes it (little-endian): the orientation, a description holding the position and the
 * camera's serial number, as EXIF carries them.
 */
export function makeExifTiff(orientation: number): Buffer {
  const description = Buffer.from(`${PRIVATE_DETAILS[0]}; ${PRIVATE_DETAILS[1]}\0`, "latin1");
  const entries = 2;
  const directoryEnd = 8 + 2 + entries * 12 + 4;
  const tiff = Buffer.alloc(directoryEnd);
  tiff.write("II", 0, "latin1");
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(entries, 8);
  // ImageDescription (ASCII), its text after the directory.
  tiff.writeUInt16LE(0x010e, 10);
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(description.length, 14);
  tiff.writeUInt32LE(directoryEnd, 18);
  // Orientation (SHORT).
  tiff.writeUInt16LE(0x0112, 22);
  tiff.writeUInt16LE(3, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt16LE(orientation, 30);
  return Buffer.concat([tiff, description]);
}

const xmpPacket = () =>
  Buffer.from(`<x:xmpmeta><rdf:Description ${PRIVATE_DETAILS[3]}="48,51.5N"/></x:xmpmeta>`, "latin1");

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The JPEG with EXIF, XMP, IPTC and a comment after its JFIF header, where cameras and editors put them. */
export function withJpegMetadata(jpeg: Buffer, orientation: number): Buffer {
  const afterJfif = 2 + 2 + jpeg.readUInt16BE(4);
  return Buffer.concat([
    jpeg.subarray(0, afterJfif),
    jpegSegment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), makeExifTiff(orientation)])),
    jpegSegment(0xe1, Buffer.concat([Buffer.from("http://ns.adobe.com/xap/1.0/\0", "latin1"), xmpPacket()])),
    jpegSegment(0xed, Buffer.from(`Photoshop 3.0\0${PRIVATE_DETAILS[2]}`, "latin1")),
    jpegSegment(0xfe, Buffer.from(PRIVATE_DETAILS[2] ?? "", "latin1")),
    jpeg.subarray(afterJfif),
  ]);
}

/** The PNG with EXIF, a text comment and XMP after its header chunk. */
export function withPngMetadata(png: Buffer): Buffer {
  const afterHeader = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([
    png.subarray(0, afterHeader),
    pngChunk("eXIf", makeExifTiff(1)),
    pngChunk("tEXt", Buffer.from(`Comment\0${PRIVATE_DETAILS[2]}`, "latin1")),
    pngChunk("iTXt", Buffer.concat([Buffer.from("XML:com.adobe.xmp\0\0\0\0\0", "latin1"), xmpPacket()])),
    png.subarray(afterHeader),
  ]);
}

function webpChunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(type, 0, "latin1");
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
}

/** The WebP (with its extended header) with EXIF and XMP chunks after its image, their flags set. */
export function withWebpMetadata(webp: Buffer): Buffer {
  const withChunks = Buffer.concat([webp, webpChunk("EXIF", makeExifTiff(1)), webpChunk("XMP ", xmpPacket())]);
  withChunks.writeUInt32LE(withChunks.length - 8, 4);
  // The extended header (VP8X) comes first: its flags byte says EXIF (0x08) and XMP (0x04) are present.
  withChunks[20] = (withChunks[20] ?? 0) | 0x08 | 0x04;
  return withChunks;
}

/** Data as a GIF's sub-blocks: a length byte (at most 255) before each piece, a zero length after the last. */
function gifSubBlocks(data: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length; at += 255) {
    const piece = data.subarray(at, at + 255);
    blocks.push(Buffer.from([piece.length]), piece);
  }
  return Buffer.concat([...blocks, Buffer.from([0])]);
}

/**
 * The GIF with a comment and XMP before its image, and a trailing comment after its end. XMP travels as Adobe writes
 * it: the packet's bytes as they are (read as sub-blocks, they are nonsense lengths), then a 258-byte "magic
 * trailer" on which any such walk lands on the final zero.
 */
export function withGifMetadata(gif: Buffer): Buffer {
  const screenEnd = 13 + (gif[10] && gif[10] & 0x80 ? 3 * 2 ** ((gif[10] & 0x07) + 1) : 0);
  const magicTrailer = Buffer.from([1, ...Array.from({ length: 256 }, (_, index) => 255 - index), 0]);
  const xmp = Buffer.concat([
    Buffer.from([0x21, 0xff, 11]),
    Buffer.from("XMP DataXMP", "latin1"),
    xmpPacket(),
    magicTrailer,
  ]);
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe]), gifSubBlocks(Buffer.from(PRIVATE_DETAILS[2] ?? ""))]);
  return Buffer.concat([
    gif.subarray(0, screenEnd),
    comment,
    xmp,
    gif.subarray(screenEnd),
    Buffer.from(`Appended ${PRIVATE_DETAILS[0]}`, "latin1"),
  ]);
}

/** A GIF that loops (NETSCAPE2.0: loop forever), as an animation carries it. */
export function withGifLoop(gif: Buffer): Buffer {
  const screenEnd = 13 + (gif[10] && gif[10] & 0x80 ? 3 * 2 ** ((gif[10] & 0x07) + 1) : 0);
  const loop = Buffer.concat([
    Buffer.from([0x21, 0xff, 11]),
    Buffer.from("NETSCAPE2.0", "latin1"),
    Buffer.from([3, 1, 0, 0, 0]),
  ]);
  return Buffer.concat([gif.subarray(0, screenEnd), loop, gif.subarray(screenEnd)]);
}

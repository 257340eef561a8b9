// An image is stored without what it carries besides its pixels (lib/attachments/image-metadata.ts): a position, a
// camera's serial number, a comment. What decoders need stays byte for byte, and so does a photo's orientation.
import { describe, expect, it } from "vitest";
import { withoutImageMetadata } from "@/lib/attachments/image-metadata";
import { readImageSize } from "@/lib/attachments/image-size";
import {
  makeExifTiff,
  makeGif,
  makeJpeg,
  makePng,
  makeWebp,
  PRIVATE_DETAILS,
  withGifLoop,
  withGifMetadata,
  withJpegMetadata,
  withPngMetadata,
  withWebpMetadata,
} from "../support/attachment-files";

const strip = (bytes: Buffer, contentType: Parameters<typeof withoutImageMetadata>[1]) =>
  Buffer.from(withoutImageMetadata(new Uint8Array(bytes), contentType));

function expectNoPrivateDetails(bytes: Buffer): void {
  const text = bytes.toString("latin1");
  for (const detail of PRIVATE_DETAILS) expect(text).not.toContain(detail);
}

/** The markers of a JPEG's segments up to its start of scan, as a decoder walks them. */
function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  for (let at = 2; bytes[at] === 0xff && bytes[at + 1] !== 0xda; at += 2 + bytes.readUInt16BE(at + 2)) {
    markers.push(bytes[at + 1] ?? 0);
  }
  return markers;
}

describe("image metadata", () => {
  it("takes a JPEG's EXIF, XMP, IPTC and comment out, and keeps the rest of it byte for byte", () => {
    const photo = makeJpeg();
    const stripped = strip(withJpegMetadata(photo, 1), "image/jpeg");
    expectNoPrivateDetails(stripped);
    // An upright photo needs no EXIF at all: what is left is the image as Chromium encoded it.
    expect(stripped.equals(photo)).toBe(true);
    expect(readImageSize(stripped, "image/jpeg")).toEqual({ width: 8, height: 6 });
  });

  it("keeps a sideways photo's orientation, alone, where its EXIF was", () => {
    const photo = makeJpeg();
    const stripped = strip(withJpegMetadata(photo, 6), "image/jpeg");
    expectNoPrivateDetails(stripped);
    // JFIF, the one-tag EXIF, then Chromium's own segments: the colour profile (APP2) and the tables.
    expect(jpegMarkers(stripped)).toEqual([0xe0, 0xe1, ...jpegMarkers(photo).slice(1)]);
    const exifAt = 2 + 2 + stripped.readUInt16BE(4);
    const exif = stripped.subarray(exifAt + 4, exifAt + 2 + stripped.readUInt16BE(exifAt + 2));
    expect(exif.subarray(0, 6).toString("latin1")).toBe("Exif\0\0");
    const tiff = exif.subarray(6);
    // Big-endian TIFF, one directory of one entry: Orientation (0x0112), a SHORT, 6.
    expect(tiff.toString("latin1", 0, 2)).toBe("MM");
    expect(tiff.readUInt16BE(tiff.readUInt32BE(4))).toBe(1);
    expect([tiff.readUInt16BE(10), tiff.readUInt16BE(12), tiff.readUInt16BE(18)]).toEqual([0x0112, 3, 6]);
    expect(Buffer.concat([stripped.subarray(0, exifAt), stripped.subarray(exifAt + 2 + exif.length + 2)])).toEqual(
      photo,
    );
  });

  it("gives back the very same bytes when there is nothing to take out, or the file cannot be followed", () => {
    const photo = new Uint8Array(makeJpeg());
    expect(withoutImageMetadata(photo, "image/jpeg")).toBe(photo);
    const png = new Uint8Array(makePng());
    expect(withoutImageMetadata(png, "image/png")).toBe(png);
    const webp = new Uint8Array(makeWebp());
    expect(withoutImageMetadata(webp, "image/webp")).toBe(webp);
    const gif = new Uint8Array(makeGif());
    expect(withoutImageMetadata(gif, "image/gif")).toBe(gif);
    // A segment that claims more bytes than the file has: left to the decoder, whole.
    const cut = new Uint8Array(withJpegMetadata(makeJpeg(), 6).subarray(0, 40));
    expect(withoutImageMetadata(cut, "image/jpeg")).toBe(cut);
  });

  it("cuts what a phone appends after the picture's end: another picture with its own EXIF, a video", () => {
    const photo = makeJpeg();
    const appended = Buffer.concat([
      withJpegMetadata(photo, 6),
      withJpegMetadata(makeJpeg(), 1),
      Buffer.from("ftypmp42"),
    ]);
    const stripped = strip(appended, "image/jpeg");
    expectNoPrivateDetails(stripped);
    expect(stripped.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(stripped.length).toBe(photo.length + 36);
  });

  it("drops bytes between segments that a decoder skips, and keeps following the file after them", () => {
    const photo = makeJpeg();
    const afterJfif = 2 + 2 + photo.readUInt16BE(4);
    const smuggled = Buffer.concat([
      photo.subarray(0, afterJfif),
      Buffer.from(`GPS ${PRIVATE_DETAILS[0]}`, "latin1"),
      withJpegMetadata(photo, 1).subarray(afterJfif),
    ]);
    const stripped = strip(smuggled, "image/jpeg");
    expectNoPrivateDetails(stripped);
    expect(stripped.equals(photo)).toBe(true);
  });

  it("drops the metadata it reached in a JPEG cut short, and keeps the rest as it came", () => {
    const photo = withJpegMetadata(makeJpeg(), 1);
    const cut = photo.subarray(0, photo.length - 100);
    const stripped = strip(cut, "image/jpeg");
    expectNoPrivateDetails(stripped);
    expect(stripped.subarray(-50)).toEqual(cut.subarray(-50));
  });

  it("takes a PNG's EXIF, text and XMP chunks out", () => {
    const png = makePng(5, 3);
    const stripped = strip(withPngMetadata(png), "image/png");
    expectNoPrivateDetails(stripped);
    expect(stripped.equals(png)).toBe(true);
  });

  it("takes a WebP's EXIF and XMP chunks out, with their flags, and keeps its colour profile", () => {
    const webp = makeWebp();
    const stripped = strip(withWebpMetadata(webp), "image/webp");
    expectNoPrivateDetails(stripped);
    expect(stripped.equals(webp)).toBe(true);
  });

  it("takes a WebP's last metadata chunk out when its pad byte was left out", () => {
    const webp = makeWebp();
    // An odd-sized EXIF chunk, last, without the pad byte that should follow it.
    const exif = Buffer.concat([makeExifTiff(1), Buffer.from(" ")]);
    const header = Buffer.alloc(8);
    header.write("EXIF", 0, "latin1");
    header.writeUInt32LE(exif.length, 4);
    const padless = Buffer.concat([webp, header, exif]);
    padless.writeUInt32LE(padless.length - 8, 4);
    padless[20] = (padless[20] ?? 0) | 0x08;
    const stripped = strip(padless, "image/webp");
    expectNoPrivateDetails(stripped);
    expect(stripped.equals(webp)).toBe(true);
  });

  it("takes a GIF's comments and XMP out, and what follows its end", () => {
    const gif = makeGif();
    const stripped = strip(withGifMetadata(gif), "image/gif");
    expectNoPrivateDetails(stripped);
    expect(stripped.equals(gif)).toBe(true);
    expect(readImageSize(stripped, "image/gif")).toEqual({ width: 1, height: 1 });
  });

  it("drops the metadata it reached in a GIF cut short, and keeps the rest as it came", () => {
    const gif = makeGif();
    const whole = withGifMetadata(gif);
    const cut = whole.subarray(0, whole.indexOf(0x3b, whole.length - 30) - 3);
    const stripped = strip(cut, "image/gif");
    expectNoPrivateDetails(stripped);
    expect(stripped.subarray(-10)).toEqual(cut.subarray(-10));
  });

  it("keeps what an animated GIF needs: its loop count", () => {
    const looping = new Uint8Array(withGifLoop(makeGif()));
    expect(withoutImageMetadata(looping, "image/gif")).toBe(looping);
    const stripped = strip(withGifMetadata(withGifLoop(makeGif())), "image/gif");
    expect(stripped.equals(withGifLoop(makeGif()))).toBe(true);
  });

  it("cuts what follows a PNG's or a WebP's end", () => {
    const appended = Buffer.from(`GPS ${PRIVATE_DETAILS[0]}`, "latin1");
    const png = makePng(5, 3);
    expect(strip(Buffer.concat([withPngMetadata(png), appended]), "image/png").equals(png)).toBe(true);
    const webp = makeWebp();
    expect(strip(Buffer.concat([webp, appended]), "image/webp").equals(webp)).toBe(true);
  });

  it("reads the orientation from a big-endian EXIF block too", () => {
    const little = makeExifTiff(8);
    const big = Buffer.alloc(little.length);
    big.write("MM", 0, "latin1");
    big.writeUInt16BE(42, 2);
    big.writeUInt32BE(8, 4);
    big.writeUInt16BE(1, 8);
    big.writeUInt16BE(0x0112, 10);
    big.writeUInt16BE(3, 12);
    big.writeUInt32BE(1, 14);
    big.writeUInt16BE(8, 18);
    const photo = makeJpeg();
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 0]), Buffer.from("Exif\0\0", "latin1"), big]);
    app1.writeUInt16BE(app1.length - 2, 2);
    const afterJfif = 2 + 2 + photo.readUInt16BE(4);
    const withBigEndian = Buffer.concat([photo.subarray(0, afterJfif), app1, photo.subarray(afterJfif)]);
    const stripped = strip(withBigEndian, "image/jpeg");
    const exifAt = afterJfif;
    expect(stripped.readUInt16BE(exifAt + 4 + 6 + 18)).toBe(8);
    expect(stripped.length).toBe(photo.length + 36);
  });
});

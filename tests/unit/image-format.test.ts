// What an image attached in the composer is re-encoded to, and the name it is uploaded under.
import { describe, expect, it } from "vitest";
import { nameForImageType, reEncodedType } from "@/app/_components/attachments/image-format";

describe("reEncodedType", () => {
  it("keeps a WebP a WebP (it may be transparent) and a JPEG a JPEG, and makes PNG of the rest", () => {
    expect(reEncodedType("image/webp")).toBe("image/webp");
    expect(reEncodedType("image/jpeg")).toBe("image/jpeg");
    expect(reEncodedType("image/png")).toBe("image/png");
    expect(reEncodedType("image/gif")).toBe("image/png");
  });
});

describe("nameForImageType", () => {
  it("keeps a name whose extension already says the type, in any case or spelling", () => {
    expect(nameForImageType("logo.webp", "image/webp")).toBe("logo.webp");
    expect(nameForImageType("Photo.JPG", "image/jpeg")).toBe("Photo.JPG");
    expect(nameForImageType("photo.jpeg", "image/jpeg")).toBe("photo.jpeg");
  });

  it("replaces another image type's extension: a WebP Safari re-encoded as PNG, a GIF's first frame", () => {
    expect(nameForImageType("logo.webp", "image/png")).toBe("logo.png");
    expect(nameForImageType("party.GIF", "image/png")).toBe("party.png");
  });

  it("adds the extension to a name without one, keeping dots that are no image extension", () => {
    expect(nameForImageType("image", "image/png")).toBe("image.png");
    expect(nameForImageType("scan 2024.05", "image/jpeg")).toBe("scan 2024.05.jpg");
    expect(nameForImageType("notes.", "image/png")).toBe("notes.png");
    expect(nameForImageType(".webp", "image/png")).toBe(".webp.png");
  });

  it("stays within the 255 characters a name may have", () => {
    const named = nameForImageType(`${"a".repeat(253)}.gif`, "image/png");
    expect(named).toHaveLength(255);
    expect(named.endsWith("a.png")).toBe(true);
    expect(nameForImageType("a".repeat(255), "image/png")).toBe(`${"a".repeat(251)}.png`);
  });

  it("leaves the name of anything but an image as it is", () => {
    expect(nameForImageType("report.png", "text/plain")).toBe("report.png");
    expect(nameForImageType("notes", "")).toBe("notes");
  });
});

// File sizes as the attachment chips, the thread and Settings show them, in both of the app's languages.
import { describe, expect, it } from "vitest";
import { formatSize } from "@/app/_components/attachments/format-size";

describe("formatSize", () => {
  it("spells plain bytes out in English, plural as it should be; other languages keep the short unit, as for kB", () => {
    expect(formatSize(26, "en")).toBe("26 bytes");
    expect(formatSize(1, "en")).toBe("1 byte");
    expect(formatSize(26, "zh-CN")).toBe("26 B");
    expect(formatSize(44 * 1024, "zh-CN")).toBe("44 kB");
  });

  it("moves to the next unit at 1,024 and keeps one decimal below ten", () => {
    expect(formatSize(1023, "en")).toBe("1,023 bytes");
    expect(formatSize(1536, "en")).toBe("1.5 kB");
    expect(formatSize(312 * 1024, "en")).toBe("312 kB");
    expect(formatSize(1.5 * 1024 ** 2, "zh-CN")).toBe("1.5 MB");
    expect(formatSize(1024 ** 3, "en")).toBe("1 GB");
  });

  it("rounds up, so that a file just over a limit never reads as the limit", () => {
    const limit = 20 * 1024 ** 2;
    expect(formatSize(limit, "en")).toBe("20 MB");
    expect(formatSize(21_000_000, "en")).toBe("21 MB");
    expect(formatSize(limit + 1, "en")).toBe("21 MB");
    expect(formatSize(1025, "en")).toBe("1.1 kB");
  });

  it("reads a size that rounds up to 1,024 of a unit as 1 of the next", () => {
    expect(formatSize(1024 ** 2 - 1, "en")).toBe("1 MB");
    expect(formatSize(1024 ** 3 - 1, "en")).toBe("1 GB");
    expect(formatSize(1023.5 * 1024, "en")).toBe("1 MB");
    expect(formatSize(1023 * 1024, "en")).toBe("1,023 kB");
  });
});

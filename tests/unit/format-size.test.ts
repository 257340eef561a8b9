// File sizes as the attachment chips, the thread and Settings show them, in both of the app's languages.
import { describe, expect, it } from "vitest";
import { formatSize } from "@/app/_components/attachments/format-size";

describe("formatSize", () => {
  it("spells plain bytes out, plural where the language has one", () => {
    expect(formatSize(26, "en")).toBe("26 bytes");
    expect(formatSize(1, "en")).toBe("1 byte");
    expect(formatSize(26, "zh-CN")).toBe("26字节");
  });

  it("moves to the next unit at 1,024 and keeps one decimal below ten", () => {
    expect(formatSize(1023, "en")).toBe("1,023 bytes");
    expect(formatSize(1536, "en")).toBe("1.5 kB");
    expect(formatSize(312 * 1024, "en")).toBe("312 kB");
    expect(formatSize(1.5 * 1024 ** 2, "zh-CN")).toBe("1.5 MB");
    expect(formatSize(1024 ** 3, "en")).toBe("1 GB");
  });
});

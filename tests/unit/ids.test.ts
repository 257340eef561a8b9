// Row ids: cuid's shape, and never the same twice, including across the blocks of random bytes they are drawn from.
import { describe, expect, it } from "vitest";
import { createId } from "@/lib/db/ids";

describe("createId", () => {
  it("makes distinct 25-character ids of lowercase letters and digits, starting with c", () => {
    const ids = Array.from({ length: 2000 }, () => createId());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // The random part differs too, not only the time.
    expect(new Set(ids.map((id) => id.slice(10))).size).toBe(ids.length);
  });
});

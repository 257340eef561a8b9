import { describe, expect, it } from "vitest";
import { ADVISORY_LOCKS } from "@/lib/db/advisory-locks";

describe("advisory locks", () => {
  it("each have a key of their own", () => {
    const keys = Object.values(ADVISORY_LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createShareToken, hashShareToken, isShareTokenShaped } from "@/lib/chat/share-token";

describe("share tokens", () => {
  it("carry 256 random bits as base64url, and only their SHA-256 is meant to be stored", () => {
    const { token, tokenHash } = createShareToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashShareToken(token)).toBe(tokenHash);
    expect(createShareToken().token).not.toBe(token);
  });

  it("tells a token's shape from anything else", () => {
    expect(isShareTokenShaped(createShareToken().token)).toBe(true);
    for (const value of ["", "short", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}/`]) {
      expect(isShareTokenShaped(value), value).toBe(false);
    }
  });
});

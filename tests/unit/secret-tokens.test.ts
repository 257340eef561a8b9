import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretToken, hashToken, isTokenShaped, parseToken } from "@/lib/auth/secret-tokens";

describe("link tokens (invitations, share links)", () => {
  it("carry 256 random bits as base64url, and are stored as their SHA-256", () => {
    const token = createSecretToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(createSecretToken()).not.toBe(token);
  });

  it("tell a token's shape from anything else, which names nothing (404)", () => {
    expect(isTokenShaped(createSecretToken())).toBe(true);
    for (const value of ["", "short", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}/`]) {
      expect(isTokenShaped(value), value).toBe(false);
      expect(() => parseToken(value)).toThrow(expect.objectContaining({ code: "not_found" }));
    }
  });
});

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/models/secret-box";

beforeAll(() => {
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("hex");
});

describe("secret box", () => {
  it("round-trips a key without storing it in the clear, with a fresh nonce each time", () => {
    const sealed = encryptSecret("sk-live-abcdef");
    expect(sealed).not.toContain("sk-live");
    expect(decryptSecret(sealed)).toBe("sk-live-abcdef");
    expect(encryptSecret("sk-live-abcdef")).not.toBe(sealed);
  });

  it("refuses a tampered ciphertext", () => {
    const [version, nonce, tag, ciphertext = ""] = encryptSecret("sk-live-abcdef").split(":");
    const flipped = Buffer.from(ciphertext, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret([version, nonce, tag, flipped.toString("base64")].join(":"))).toThrow();
  });
});

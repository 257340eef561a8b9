import { describe, expect, it } from "vitest";
import { allowedDomainsSchema, isEmailInDomains, normalizeDomain } from "@/lib/sso/allowed-domains";

describe("an allowed email domain", () => {
  it.each([
    ["Example.COM", "example.com"],
    ["mail.example.co.uk", "mail.example.co.uk"],
    ["bücher.de", "bücher.de"],
    ["BÜCHER.de", "bücher.de"],
    ["xn--bcher-kva.de", "bücher.de"],
    ["例子.测试", "例子.测试"],
  ])("takes %s as %s", (entry, stored) => {
    expect(normalizeDomain(entry)).toBe(stored);
  });

  it.each([
    "@example.com",
    "person@example.com",
    "localhost",
    "a..b",
    ".com",
    "com.",
    "-a.com",
    "a-.com",
    "a_b.com",
    "10.0.0.1",
    "@@",
    `${"a".repeat(64)}.com`,
  ])("refuses %s", (entry) => {
    expect(normalizeDomain(entry)).toBeNull();
  });

  it("stores a list separated by commas or spaces once per domain, and an empty list as empty", () => {
    expect(allowedDomainsSchema.parse(" Example.com,bücher.de  xn--bcher-kva.de, ,")).toBe("example.com, bücher.de");
    expect(allowedDomainsSchema.parse("  ")).toBe("");
  });

  it("names the first entry that is not a domain", () => {
    const parsed = allowedDomainsSchema.safeParse("example.com, not a domain, @@");
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        message: "Enter domain names such as example.com, separated by commas: “not” is not one.",
        params: { rule: "domain_list", values: { entry: "not" } },
      }),
    ]);
  });

  it("matches an email's domain whether either side is written in punycode or not", () => {
    expect(isEmailInDomains("ada@Example.com", "example.com, bücher.de")).toBe(true);
    expect(isEmailInDomains("ada@xn--bcher-kva.de", "example.com, bücher.de")).toBe(true);
    expect(isEmailInDomains("ada@bücher.de", "xn--bcher-kva.de")).toBe(true);
    expect(isEmailInDomains("ada@sub.example.com", "example.com")).toBe(false);
    expect(isEmailInDomains("ada@example.com", null)).toBe(false);
    expect(isEmailInDomains("example.com", "example.com")).toBe(false);
  });
});

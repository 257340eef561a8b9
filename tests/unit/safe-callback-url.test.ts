import { describe, expect, it } from "vitest";
import { toSafeCallbackUrl } from "@/app/_components/auth/safe-callback-url";

describe("toSafeCallbackUrl", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(toSafeCallbackUrl("/c/abc?x=1#end")).toBe("/c/abc?x=1#end");
    expect(toSafeCallbackUrl(undefined)).toBe("/");
  });

  it.each([
    "//evil.com",
    "/\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "https://evil.com",
    "javascript:alert(1)",
    // Each resolves to a path that starts with two slashes: another host once the browser follows it.
    "/.//evil.com/phish",
    "/..//evil.com",
    "/%2e//evil.com",
    "/./\\evil.com",
  ])("refuses %j, which a browser would take to another origin", (value) => {
    expect(toSafeCallbackUrl(value)).toBe("/");
  });

  it("keeps an encoded slash inside the path, which stays on this site", () => {
    expect(toSafeCallbackUrl("/%2F%2Fevil.com")).toBe("/%2F%2Fevil.com");
  });
});

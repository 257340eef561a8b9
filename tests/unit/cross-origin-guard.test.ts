import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isCrossOriginRequest } from "@/lib/server/cross-origin-guard";

const SITE = "https://chat.example.com";

function request(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers: { host: "chat.example.com", ...headers } } as unknown as IncomingMessage;
}

describe("isCrossOriginRequest", () => {
  it.each([
    ["Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin", origin: SITE }],
    ["a navigation the user started", { "sec-fetch-site": "none" }],
    ["Origin equal to NEXTAUTH_URL's", { origin: SITE }],
    [
      "Origin naming the Host the request was sent to (behind a proxy that keeps Host)",
      { origin: "http://chat.example.com" },
    ],
    ["neither header: not a browser", {}],
  ])("lets through %s", (_, headers) => {
    expect(isCrossOriginRequest(request("POST", headers), SITE)).toBe(false);
  });

  it.each([
    ["a sibling subdomain", { "sec-fetch-site": "same-site", origin: "https://evil.example.com" }],
    ["another site", { "sec-fetch-site": "cross-site", origin: "https://evil.test" }],
    ["another port, from a browser without Sec-Fetch-Site", { origin: "https://chat.example.com:8443" }],
    ["an opaque origin", { origin: "null" }],
    ["an Origin that is no URL", { origin: "::" }],
  ])("refuses %s", (_, headers) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isCrossOriginRequest(request(method, headers), SITE)).toBe(true);
    }
  });

  it("never refuses a read", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isCrossOriginRequest(request(method, { "sec-fetch-site": "cross-site" }), SITE)).toBe(false);
    }
  });
});

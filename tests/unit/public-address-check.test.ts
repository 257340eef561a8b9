import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPublicAddressCheck } from "@/lib/server/public-address-check";

afterEach(() => {
  vi.restoreAllMocks();
});

function request(headers: Record<string, string>, url = "/"): IncomingMessage {
  return { url, headers, socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
}

function warningsOf(check: (request: IncomingMessage) => void, requests: IncomingMessage[]): string[] {
  const warnings: string[] = [];
  vi.spyOn(console, "warn").mockImplementation((line: string) => {
    warnings.push(line);
  });
  for (const each of requests) check(each);
  return warnings;
}

describe("the public address check", () => {
  it("says nothing for the address NEXTAUTH_URL names, nor for localhost typed as 127.0.0.1", () => {
    const configured = createPublicAddressCheck("https://chat.example.com", true);
    expect(warningsOf(configured, [request({ host: "chat.example.com", "x-forwarded-for": "192.0.2.1" })])).toEqual([]);
    const local = createPublicAddressCheck("http://localhost:3000", false);
    expect(warningsOf(local, [request({ host: "127.0.0.1:3000" })])).toEqual([]);
  });

  it("names the host seen once, whatever follows, when the proxy is not trusted to tell the scheme", () => {
    const check = createPublicAddressCheck("http://localhost:3473", true);
    const warnings = warningsOf(check, [request({ host: "chat.example.com:8444" }), request({ host: "other.test" })]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("for the host chat.example.com:8444, but NEXTAUTH_URL is http://localhost:3473");
    expect(warnings[0]).toContain("set NEXTAUTH_URL=https://chat.example.com:8444");
  });

  it("leaves out health probes, which reach the process by its own address", () => {
    const check = createPublicAddressCheck("https://chat.example.com", true);
    expect(warningsOf(check, [request({ host: "10.0.0.5:3000" }, "/api/health?ready")])).toEqual([]);
  });

  it("says that NEXTAUTH_URL is unset when requests come through a proxy that kept the local address", () => {
    const check = createPublicAddressCheck("http://localhost:3473", false);
    const warnings = warningsOf(check, [request({ host: "localhost:3473", "x-forwarded-for": "192.0.2.1" })]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("requests come through a proxy, but NEXTAUTH_URL is not set");
  });
});

// Which address a request is counted under: the connection's own, unless it comes from a trusted proxy, which
// then vouches for the address before it in X-Forwarded-For (and so on, through a chain of trusted proxies).
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";

async function clientAddressWith(trustedProxy: string | undefined) {
  vi.stubEnv("TRUSTED_PROXY", trustedProxy ?? "");
  vi.resetModules();
  const { getClientAddress, PEER_ADDRESS_HEADER } = await import("@/lib/http/client-address");
  return (peer: string | undefined, forwardedFor?: string) =>
    getClientAddress({
      ...(peer === undefined ? {} : { [PEER_ADDRESS_HEADER]: peer }),
      ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
    });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("client address", () => {
  it("ignores X-Forwarded-For when no proxy is trusted, so rotating it changes nothing", async () => {
    const addressOf = await clientAddressWith(undefined);
    expect(addressOf("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(addressOf("203.0.113.9", "198.51.100.2")).toBe("203.0.113.9");
    expect(addressOf("::ffff:203.0.113.9")).toBe("203.0.113.9");
    // Without the server's own peer header (a client cannot set it: the server overwrites it), all share one bucket.
    expect(addressOf(undefined, "198.51.100.1")).toBe("unknown");
  });

  it("believes a trusted proxy about the address it saw, and nothing a client wrote before that", async () => {
    const addressOf = await clientAddressWith("10.0.0.0/8, ::1");
    expect(addressOf("10.1.2.3", "198.51.100.1")).toBe("198.51.100.1");
    expect(addressOf("10.1.2.3", "6.6.6.6, 198.51.100.1")).toBe("198.51.100.1");
    // Two trusted proxies in a row: the second vouches for the first, which vouches for the client.
    expect(addressOf("::1", "6.6.6.6, 198.51.100.1, 10.9.9.9")).toBe("198.51.100.1");
    // Garbage stops the walk at the last address a trusted proxy vouched for.
    expect(addressOf("10.1.2.3", "198.51.100.1, not-an-address")).toBe("10.1.2.3");
    // A request straight from an untrusted address is counted under that address.
    expect(addressOf("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
  });

  it("counts IPv6 clients by their /64, the block one subscriber is given", async () => {
    const addressOf = await clientAddressWith(undefined);
    expect(addressOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressOf("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe("2001:db8:1:2::/64");
    expect(addressOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });
});

describe("TRUSTED_PROXY", () => {
  it("accepts addresses and CIDR ranges of either family", () => {
    expect(parseEnv({ TRUSTED_PROXY: "127.0.0.1, 10.0.0.0/8,fd00::/8" }).TRUSTED_PROXY).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "fd00::/8",
    ]);
    expect(parseEnv({}).TRUSTED_PROXY).toEqual([]);
  });

  it("refuses anything else at start", () => {
    for (const value of ["proxy.local", "10.0.0.0/33", "::1/129", "1", "10.0.0.1/8/2"]) {
      expect(() => parseEnv({ TRUSTED_PROXY: value }), value).toThrow(/TRUSTED_PROXY/);
    }
  });
});

// The development server serves its scripts and hot reload to pages opened at loopback addresses and at
// NEXTAUTH_URL's address, not only at localhost.
import { afterEach, describe, expect, it, vi } from "vitest";
import nextConfig from "@/next.config.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("allowedDevOrigins", () => {
  it("lists the loopback addresses and NEXTAUTH_URL's hostname", () => {
    vi.stubEnv("NEXTAUTH_URL", "http://192.168.1.20:3000");
    expect(nextConfig().allowedDevOrigins).toEqual(expect.arrayContaining(["127.0.0.1", "[::1]", "192.168.1.20"]));
  });
});

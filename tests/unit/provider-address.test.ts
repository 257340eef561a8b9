// Provider URLs may reach local and private model servers, never link-local or cloud metadata addresses: by
// literal, by name, after resolution, and on connect.
import type { LookupAddress, lookup } from "node:dns";
import { get } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGuardedLookup, isRefusedHost, resolvesToRefusedAddress } from "@/lib/models/provider-address";
import { fetchWithoutRedirects } from "@/lib/models/provider-fetch";
import { baseUrlSchema } from "@/lib/models/providers";

/** A resolver that answers every name with the given addresses, as a DNS server under an attacker's control. */
function fakeDns(addresses: LookupAddress[]): typeof lookup {
  return ((_hostname: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
    callback(null, addresses)) as unknown as typeof lookup;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("refused provider hosts", () => {
  it("refuses metadata and link-local addresses, in every spelling", () => {
    for (const host of [
      "169.254.169.254",
      "169.254.0.1",
      "[fe80::1]",
      "[fd00:ec2::254]",
      "[::ffff:169.254.169.254]",
      "[::ffff:a9fe:a9fe]",
      "100.100.100.200",
      "metadata.google.internal",
      "METADATA.GOOGLE.INTERNAL.",
    ]) {
      expect(isRefusedHost(host), host).toBe(true);
    }
  });

  it("keeps loopback, private networks and public hosts", () => {
    for (const host of [
      "localhost",
      "127.0.0.1",
      "[::1]",
      "10.0.0.5",
      "192.168.1.20",
      "172.17.0.1",
      "api.openai.com",
    ]) {
      expect(isRefusedHost(host), host).toBe(false);
    }
    expect(baseUrlSchema.safeParse("http://192.168.1.20:11434/v1").success).toBe(true);
  });

  it("gives the admin form a field message for a refused URL", () => {
    for (const url of [
      "http://169.254.169.254/latest",
      "http://[fe80::1]:8080/v1",
      "http://metadata.google.internal/",
    ]) {
      const parsed = baseUrlSchema.safeParse(url);
      expect(parsed.success, url).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/link-local or cloud metadata/);
    }
  });

  it("allows them all when ALLOW_LINK_LOCAL_PROVIDERS is set", async () => {
    vi.stubEnv("ALLOW_LINK_LOCAL_PROVIDERS", "true");
    vi.resetModules();
    const fresh = await import("@/lib/models/provider-address");
    expect(fresh.isRefusedHost("169.254.169.254")).toBe(false);
    expect(
      await fresh.resolvesToRefusedAddress("x.test", async () => [{ address: "169.254.169.254", family: 4 }]),
    ).toBe(false);
  });
});

describe("names that resolve to refused addresses", () => {
  it("refuses a name when any of its addresses is refused, after resolution", async () => {
    const resolveTo = (address: string, family: number) => async () => [
      { address: "10.0.0.1", family: 4 },
      { address, family },
    ];
    expect(await resolvesToRefusedAddress("evil.test", resolveTo("169.254.169.254", 4))).toBe(true);
    expect(await resolvesToRefusedAddress("evil.test", resolveTo("fe80::1", 6))).toBe(true);
    expect(await resolvesToRefusedAddress("ollama.lan", resolveTo("192.168.1.2", 4))).toBe(false);
    // A name that does not resolve yet is saved; the connect checks it again.
    expect(
      await resolvesToRefusedAddress("later.test", async () => {
        throw new Error("ENOTFOUND");
      }),
    ).toBe(false);
  });

  it("refuses to connect when the name resolves to a refused address at connect time", async () => {
    const lookup = createGuardedLookup(fakeDns([{ address: "169.254.169.254", family: 4 }]));
    const error = await new Promise<Error>((resolve) => {
      get({ host: "rebinding.test", port: 80, path: "/", lookup }).on("error", resolve);
    });
    expect(error.name).toBe("RefusedProviderAddressError");
  });

  it("connects as usual when the name resolves to an allowed address", async () => {
    const lookup = createGuardedLookup(fakeDns([{ address: "127.0.0.1", family: 4 }]));
    const address = await new Promise<string>((resolve, reject) =>
      lookup("model-server.test", { all: false }, (error, result) => (error ? reject(error) : resolve(String(result)))),
    );
    expect(address).toBe("127.0.0.1");
  });

  it("refuses literal refused addresses in the provider fetch before connecting", async () => {
    for (const url of ["http://169.254.169.254/v1/models", "http://[::ffff:169.254.169.254]/v1/models"]) {
      await expect(fetchWithoutRedirects(url)).rejects.toMatchObject({ name: "RefusedProviderAddressError" });
    }
  });
});

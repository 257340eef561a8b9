import type { LookupAddress } from "node:dns";
import { get } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { outboundAgent, proxyRules } from "@/lib/http/outbound-proxy";
import { RefusedProviderAddressError } from "@/lib/models/provider-address";

// One name, under an attacker's control, resolves to the cloud metadata address; every other name resolves as usual.
vi.mock("node:dns", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:dns")>();
  type Callback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
  const lookup = (hostname: string, options: object, callback: Callback) =>
    hostname === "rebinding.test"
      ? callback(null, [{ address: "169.254.169.254", family: 4 }])
      : real.lookup(hostname, { ...options, all: true }, callback);
  return { ...real, lookup };
});

const proxyOf = (environment: Record<string, string>, url: string) =>
  proxyRules(environment)(new URL(url))?.href ?? null;

describe("the proxy a provider is reached through", () => {
  it("is HTTPS_PROXY for https:// providers and HTTP_PROXY for http:// ones, ALL_PROXY for both otherwise", () => {
    const environment = { HTTPS_PROXY: "http://secure.corp:3128", HTTP_PROXY: "http://plain.corp:3128" };
    expect(proxyOf(environment, "https://api.openai.com/v1")).toBe("http://secure.corp:3128/");
    expect(proxyOf(environment, "http://vllm.lab:8000/v1")).toBe("http://plain.corp:3128/");
    expect(proxyOf({ ALL_PROXY: "http://any.corp:3128" }, "https://api.openai.com/v1")).toBe("http://any.corp:3128/");
    expect(proxyOf({}, "https://api.openai.com/v1")).toBeNull();
  });

  it("reads the lower-case names first, as curl does, and takes a proxy without a scheme as http://", () => {
    const environment = { https_proxy: "proxy.corp:8080", HTTPS_PROXY: "http://other.corp:3128" };
    expect(proxyOf(environment, "https://api.openai.com/v1")).toBe("http://proxy.corp:8080/");
  });

  it("never proxies this machine's own loopback model servers", () => {
    const environment = { HTTPS_PROXY: "http://proxy.corp:3128", HTTP_PROXY: "http://proxy.corp:3128" };
    for (const url of ["http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://[::1]:8000/v1"]) {
      expect(proxyOf(environment, url)).toBeNull();
    }
  });

  it("connects directly to what NO_PROXY names: domains with their subdomains, hosts, ports, addresses, ranges", () => {
    const proxied = { HTTPS_PROXY: "http://proxy.corp:3128", HTTP_PROXY: "http://proxy.corp:3128" };
    const direct = (noProxy: string, url: string) => proxyOf({ ...proxied, NO_PROXY: noProxy }, url) === null;
    expect(direct("corp.example", "https://llm.corp.example/v1")).toBe(true);
    expect(direct(".corp.example", "https://corp.example/v1")).toBe(true);
    expect(direct("corp.example", "https://notcorp.example/v1")).toBe(false);
    expect(direct("vllm.lab:8000", "http://vllm.lab:8000/v1")).toBe(true);
    expect(direct("vllm.lab:9000", "http://vllm.lab:8000/v1")).toBe(false);
    expect(direct("10.0.0.0/8", "http://10.2.3.4:8000/v1")).toBe(true);
    expect(direct("10.0.0.0/8", "http://192.168.1.4:8000/v1")).toBe(false);
    expect(direct("192.168.1.4", "http://192.168.1.4:8000/v1")).toBe(true);
    expect(direct("[fd00::1]:8000", "http://[fd00::1]:8000/v1")).toBe(true);
    expect(direct("a.example, B.Corp.Example", "https://b.corp.example/v1")).toBe(true);
    expect(direct("*", "https://api.openai.com/v1")).toBe(true);
  });
});

describe("the agent single sign-on's requests go through", () => {
  const failureOf = (url: string) =>
    new Promise<unknown>((resolve) => {
      const request = get(url, { agent: outboundAgent }, (response) => {
        response.resume();
        resolve(null);
      });
      request.on("error", resolve);
      request.setTimeout(5_000, () => request.destroy(new Error("timed out")));
    });

  it("refuses cloud metadata addresses, as the provider fetch does, given as an address or by their names", async () => {
    expect(await failureOf("http://169.254.169.254/latest/meta-data/")).toBeInstanceOf(RefusedProviderAddressError);
    expect(await failureOf("http://[fd00:ec2::254]/latest/meta-data/")).toBeInstanceOf(RefusedProviderAddressError);
    expect(await failureOf("http://metadata.google.internal/computeMetadata/v1/")).toBeInstanceOf(
      RefusedProviderAddressError,
    );
  });

  it("refuses a name that resolves to a cloud metadata address when it connects", async () => {
    expect(await failureOf("http://rebinding.test/latest/meta-data/")).toBeInstanceOf(RefusedProviderAddressError);
  });
});

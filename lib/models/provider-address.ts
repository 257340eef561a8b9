// Where a provider URL may lead. Model servers on loopback and private networks are normal (Ollama, vLLM); cloud
// metadata services and link-local addresses are not model servers, and a server-side request to them can hand
// out the host's cloud credentials (SSRF). They are refused unless ALLOW_LINK_LOCAL_PROVIDERS is set, by name,
// after DNS resolution, and again on every connect (a name can resolve elsewhere between a check and a connect).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { env } from "../env";

export const REFUSED_ADDRESS_MESSAGE =
  "This address is a link-local or cloud metadata address, which providers may not use (see ALLOW_LINK_LOCAL_PROVIDERS).";

/** Raised when a provider request would reach a refused address; it carries no address back to the caller. */
export class RefusedProviderAddressError extends Error {
  constructor() {
    super(REFUSED_ADDRESS_MESSAGE);
    this.name = "RefusedProviderAddressError";
  }
}

const refused = new BlockList();
refused.addSubnet("169.254.0.0", 16, "ipv4"); // link-local, AWS/GCP/Azure/Oracle/DigitalOcean metadata
refused.addAddress("100.100.100.200", "ipv4"); // Alibaba Cloud metadata
refused.addAddress("168.63.129.16", "ipv4"); // Azure wire server
refused.addSubnet("fe80::", 10, "ipv6"); // link-local
refused.addAddress("fd00:ec2::254", "ipv6"); // AWS metadata over IPv6
refused.addSubnet("64:ff9b::a9fe:0", 112, "ipv6"); // 169.254.0.0/16 through NAT64

// Names that cloud metadata services answer to, whatever they resolve to from here.
const REFUSED_NAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data"]);

function allowsLinkLocal(): boolean {
  return env().ALLOW_LINK_LOCAL_PROVIDERS;
}

/** An IPv4 address written as IPv6 (::ffff:a.b.c.d, or its hex form) counts as the IPv4 address. */
function toIPv4IfMapped(address: string): string | null {
  const match = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = Number.parseInt(match[2] ?? "0", 16);
  const low = Number.parseInt(match[3] ?? "0", 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

export function isRefusedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return refused.check(bare, "ipv4");
  if (family !== 6) return false;
  const mapped = toIPv4IfMapped(bare);
  return mapped ? refused.check(mapped, "ipv4") : refused.check(bare, "ipv6");
}

/** The check a URL can get without DNS: a refused literal address or metadata name. */
export function isRefusedHost(hostname: string): boolean {
  if (allowsLinkLocal()) return false;
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return REFUSED_NAMES.has(name) || isRefusedAddress(name);
}

type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const resolveAll: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * Whether the host, or any address it resolves to, is refused. A name that does not resolve (yet) is not refused:
 * a server that is not up yet is saved and then checked again on connect.
 */
export async function resolvesToRefusedAddress(hostname: string, resolve: Resolver = resolveAll): Promise<boolean> {
  if (isRefusedHost(hostname)) return true;
  if (allowsLinkLocal() || isIP(hostname.replace(/^\[|\]$/g, ""))) return false;
  const addresses = await resolve(hostname).catch(() => []);
  return addresses.some(({ address }) => isRefusedAddress(address));
}

/**
 * A `lookup` for node:net connects that fails, instead of connecting, when the name resolves to a refused address.
 * (A literal IP address never goes through lookup: provider-fetch checks those before connecting.)
 */
export function createGuardedLookup(lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      if (
        !allowsLinkLocal() &&
        (isRefusedHost(hostname) || addresses.some(({ address }) => isRefusedAddress(address)))
      ) {
        return callback(new RefusedProviderAddressError(), "");
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };
}

// Requests out of Parley (model providers, single sign-on) through the network's HTTP proxy, where a company's servers
// may only go out that way. The proxy comes from the environment as curl reads it: HTTPS_PROXY for https:// URLs,
// HTTP_PROXY for http:// ones (the lower-case names first, then the upper-case ones), ALL_PROXY for both, and NO_PROXY
// for the hosts reached directly. Loopback is never proxied: a proxy cannot reach this machine's own servers (Ollama
// on localhost). An https:// URL is reached through a CONNECT tunnel, an http:// one by asking the proxy for the URL.
import { type ClientRequest, Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { BlockList, isIP } from "node:net";
import { type AgentConnectOpts, Agent as RoutingAgent } from "agent-base";
import { HttpProxyAgent } from "http-proxy-agent";
import { HttpsProxyAgent } from "https-proxy-agent";
import { type Env, env, parseProxyAddress } from "../env";
import { createGuardedLookup, isRefusedHost, RefusedProviderAddressError } from "../models/provider-address";

type ProxyName = "https_proxy" | "http_proxy" | "all_proxy" | "no_proxy";
type ProxySettings = Partial<Pick<Env, ProxyName | Uppercase<ProxyName>>>;

function variable(settings: ProxySettings, name: ProxyName): string | undefined {
  return settings[name] ?? settings[name.toUpperCase() as Uppercase<ProxyName>];
}

function proxyAddress(settings: ProxySettings, name: ProxyName): URL | null {
  const value = variable(settings, name) ?? variable(settings, "all_proxy");
  return value === undefined ? null : parseProxyAddress(value);
}

function isLoopback(hostname: string): boolean {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  const family = isIP(hostname);
  if (family === 4) return hostname.startsWith("127.");
  return family === 6 && (hostname === "::1" || /^::ffff:127\./i.test(hostname));
}

/** An entry's host part and its port, if it names one: `example.com:8080`, `[::1]:8080`, `10.0.0.0/8`, `fd00::/8`. */
function splitPort(entry: string): { pattern: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { pattern: bracketed[1] ?? "", port: bracketed[2] };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort ? { pattern: withPort[1] ?? "", port: withPort[2] } : { pattern: entry };
}

/** One NO_PROXY entry: `*`, a host or domain (`example.com` covers its subdomains too), an address or a CIDR range. */
function matchesEntry(entry: string, hostname: string, port: string): boolean {
  if (entry === "*") return true;
  const { pattern, port: entryPort } = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const [network = "", prefix] = pattern.split("/");
  const family = isIP(network);
  if (family === 0) {
    const domain = pattern.replace(/^\*?\./, "");
    return domain !== "" && (hostname === domain || hostname.endsWith(`.${domain}`));
  }
  if (prefix === undefined) return network === hostname;
  if (isIP(hostname) !== family) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  const range = new BlockList();
  range.addSubnet(network, Number(prefix), type);
  return range.check(hostname, type);
}

/** How requests find their proxy: the answer for a URL is its proxy, or null to connect directly. */
export function proxyRules(settings: ProxySettings = env()): (url: URL) => URL | null {
  const proxies = { "https:": proxyAddress(settings, "https_proxy"), "http:": proxyAddress(settings, "http_proxy") };
  const exceptions = (variable(settings, "no_proxy") ?? "")
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  return (url) => {
    const proxy = url.protocol === "https:" || url.protocol === "http:" ? proxies[url.protocol] : null;
    if (!proxy) return null;
    const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (isLoopback(hostname)) return null;
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    return exceptions.some((entry) => matchesEntry(entry, hostname, port)) ? null : proxy;
  };
}

const keepAlive = { keepAlive: true };
// A direct connection fails when the name resolves to a cloud metadata address (provider-address.ts), whoever asks.
const directOptions = { ...keepAlive, lookup: createGuardedLookup() };
const direct = { http: new HttpAgent(directOptions), https: new HttpsAgent(directOptions) };
let proxyOf: ReturnType<typeof proxyRules> | undefined;
const proxyAgents = new Map<string, HttpAgent>();

/** The keep-alive agent for an http:// or https:// `url`: through the proxy the environment names for it, or direct. */
export function agentFor(url: URL): HttpAgent {
  proxyOf ??= proxyRules();
  const proxy = proxyOf(url);
  if (!proxy) return url.protocol === "https:" ? direct.https : direct.http;
  const key = `${url.protocol} ${proxy.href}`;
  let agent = proxyAgents.get(key);
  if (!agent) {
    agent = url.protocol === "https:" ? new HttpsProxyAgent(proxy, keepAlive) : new HttpProxyAgent(proxy, keepAlive);
    proxyAgents.set(key, agent);
  }
  return agent;
}

/**
 * One agent for code that takes a single agent for all its requests (openid-client, under next-auth). A request it
 * sends directly goes on through the keep-alive agent of its protocol; one through a proxy gets its connection from
 * the proxy's agent here: that agent's own pool would reuse a connection without rewriting the request for the
 * proxy, which the request, already written by the time this runs, needs (http-proxy-agent does it as it connects).
 * As the provider fetch does, it refuses cloud metadata addresses: given literally here (a literal address never goes
 * through the direct agents' lookup), resolved from a name by that lookup.
 */
class OutboundAgent extends RoutingAgent {
  override connect(request: ClientRequest, options: AgentConnectOpts) {
    if (isRefusedHost(options.host ?? "")) throw new RefusedProviderAddressError();
    const protocol = options.secureEndpoint ? "https:" : "http:";
    const agent = agentFor(new URL(`${protocol}//${options.host}:${options.port}`));
    return agent instanceof RoutingAgent ? agent.connect(request, options) : agent;
  }
}

export const outboundAgent: HttpAgent = new OutboundAgent();

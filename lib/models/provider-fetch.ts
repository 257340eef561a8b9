// The fetch the OpenAI SDK reaches providers with: node:http(s) over keep-alive connections. It never follows a
// redirect (a provider URL that redirected would otherwise carry the API key to another host), and it hands each
// received chunk straight to the SDK, which costs about a third less CPU per streamed event than the built-in
// fetch (undici's WebAssembly parser and its stream layers; see the README's benchmark).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

const keepAlive = { keepAlive: true };
const transports = {
  "http:": { request: httpRequest, agent: new HttpAgent(keepAlive) },
  "https:": { request: httpsRequest, agent: new HttpsAgent(keepAlive) },
};

/** Statuses whose responses have no body, which the Response constructor refuses to be given one. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function toWebStream(message: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      message.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) message.pause();
      });
      message.on("end", () => controller.close());
      message.on("error", (error) => controller.error(error));
    },
    pull() {
      message.resume();
    },
    cancel() {
      message.destroy();
    },
  });
}

function toResponse(message: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    for (const each of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, each);
  }
  const status = message.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status)) {
    message.resume();
    return new Response(null, { status, headers });
  }
  return new Response(toWebStream(message), { status, headers });
}

function toRequestBody(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new TypeError("Provider requests send JSON text only.");
}

export const fetchWithoutRedirects: typeof fetch = (input, init = {}) =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const transport = url.protocol === "https:" || url.protocol === "http:" ? transports[url.protocol] : undefined;
    if (!transport) throw new TypeError(`Providers are reached over http or https, not ${url.protocol}`);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = toRequestBody(init.body);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const request = transport.request(url, {
      method: init.method ?? "GET",
      headers,
      agent: transport.agent,
      signal: init.signal ?? undefined,
    });
    request.on("response", (message) => resolve(toResponse(message)));
    request.on("error", reject);
    request.end(body);
  });

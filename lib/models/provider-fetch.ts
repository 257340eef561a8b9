// The fetch the OpenAI SDK reaches providers with (and single sign-on its issuers): node:http(s) over keep-alive
// connections, through the network's proxy when the environment names one (lib/http/outbound-proxy.ts). It never
// follows a redirect (a provider URL that redirected would otherwise carry the API key to another host). A streamed
// reply's body can be read straight off the socket (readResponseText) rather than through web streams: per streamed event
// that costs half the CPU of undici's fetch and the SDK's stream layers (see the README's benchmark).
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { toWebHeaders } from "../http/node-headers";
import { agentFor } from "../http/outbound-proxy";
import { isRefusedHost, RefusedProviderAddressError } from "./provider-address";

const requests = { "http:": httpRequest, "https:": httpsRequest };

/** Statuses whose responses have no body, which the Response constructor refuses to be given one. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** The body as a web stream for the SDK's own reading; it starts reading only when asked (highWaterMark 0). */
function toWebStream(message: IncomingMessage): ReadableStream<Uint8Array> {
  let isAttached = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (isAttached) {
          message.resume();
          return;
        }
        isAttached = true;
        message.on("data", (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) message.pause();
        });
        message.on("end", () => controller.close());
        message.on("error", (error) => controller.error(error));
      },
      cancel() {
        message.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

const bodies = new WeakMap<Response, IncomingMessage>();

/**
 * Reads a response's body as text, handing over each chunk as it arrives. A response of this fetch is read off its
 * socket; any other through its web stream.
 */
export async function readResponseText(response: Response, onText: (text: string) => void): Promise<void> {
  const message = bodies.get(response);
  if (!message) {
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      onText(decoder.decode(chunk.value, { stream: true }));
    }
    onText(decoder.decode());
    return;
  }
  await new Promise<void>((resolve, reject) => {
    // Broken (a cut connection, an abort) before this reader came, as a call sent ahead of its reader may be
    // (lib/chat/early-upstream.ts): its close is past, and would never be heard.
    if (message.destroyed) {
      reject(new Error("The connection closed before the reply was read."));
      return;
    }
    message.setEncoding("utf8");
    message.on("data", (text: string) => {
      try {
        onText(text);
      } catch (error) {
        message.destroy();
        reject(error);
      }
    });
    message.on("end", resolve);
    message.on("error", reject);
    // A socket closed before the end (a cut connection, an abort) is an error, never a short reply.
    message.on("close", () => {
      if (!message.complete) reject(new Error("The connection closed before the reply ended."));
    });
  });
}

/**
 * A response whose body is still on its socket: the web stream (and the Response that reads it) is made only when
 * something asks for the body. A streamed reply is read off the socket (readResponseText) and never asks, and a
 * web stream's construction cost more CPU per turn than the reply's own events.
 */
class SocketResponse extends Response {
  readonly #message: IncomingMessage;
  #withBody: Response | undefined;

  constructor(message: IncomingMessage, init: ResponseInit) {
    super(null, init);
    this.#message = message;
  }

  #webResponse(): Response {
    this.#withBody ??= new Response(toWebStream(this.#message), { status: this.status, headers: this.headers });
    return this.#withBody;
  }

  override get body(): Response["body"] {
    return this.#webResponse().body;
  }

  override get bodyUsed(): boolean {
    return this.#withBody?.bodyUsed ?? false;
  }

  override text(): Promise<string> {
    return this.#webResponse().text();
  }

  override json(): Promise<unknown> {
    return this.#webResponse().json();
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#webResponse().arrayBuffer();
  }

  override blob(): Promise<Blob> {
    return this.#webResponse().blob();
  }

  override formData(): Promise<FormData> {
    return this.#webResponse().formData();
  }

  override bytes(): ReturnType<Response["bytes"]> {
    return this.#webResponse().bytes();
  }

  override clone(): Response {
    return this.#webResponse().clone();
  }
}

function toResponse(message: IncomingMessage): Response {
  const headers = toWebHeaders(message.headers);
  const status = message.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status)) {
    message.resume();
    return new Response(null, { status, headers });
  }
  const response = new SocketResponse(message, { status, headers });
  bodies.set(response, message);
  return response;
}

function toRequestBody(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new TypeError("Provider requests send JSON text only.");
}

export const fetchWithoutRedirects: typeof fetch = (input, init = {}) =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new TypeError(`Providers are reached over http or https, not ${url.protocol}`);
    }
    // Checked on every request, not only when the URL was saved: literal addresses here (they skip lookup), names
    // in the lookup of agentFor's direct agents, each time a connection opens.
    if (isRefusedHost(url.hostname)) throw new RefusedProviderAddressError();
    const headers: Record<string, string> = {};
    // The SDK hands a Headers already: read as is rather than copied.
    (init.headers instanceof Headers ? init.headers : new Headers(init.headers)).forEach((value, name) => {
      headers[name] = value;
    });
    const body = toRequestBody(init.body);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const request = requests[url.protocol](url, {
      method: init.method ?? "GET",
      headers,
      agent: agentFor(url),
      signal: init.signal ?? undefined,
    });
    request.on("response", (message) => resolve(toResponse(message)));
    request.on("error", reject);
    request.end(body);
  });

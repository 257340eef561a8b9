// The fetch the SDK reaches providers with, for everything but a streamed reply read off its socket: a whole JSON
// answer, an error's body, and the body as a web stream, each as a web Response would give them.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { fetchWithoutRedirects } from "@/lib/models/provider-fetch";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(status: number, body: unknown): Promise<string> {
  const listening = createServer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json", "x-request-id": "req-1" });
    response.end(JSON.stringify(body));
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/v1`;
}

const completion = {
  id: "c1",
  object: "chat.completion",
  created: 1,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "A title" }, finish_reason: "stop" }],
};

describe("fetchWithoutRedirects", () => {
  it("hands the SDK a whole JSON answer", async () => {
    const client = new OpenAI({ baseURL: await serve(200, completion), apiKey: "k", fetch: fetchWithoutRedirects });
    const answer = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(answer.choices[0]?.message.content).toBe("A title");
  });

  it("hands the SDK an error's body, which it reports", async () => {
    const baseURL = await serve(400, { error: { message: "Unsupported parameter: 'temperature'", code: "bad" } });
    const client = new OpenAI({ baseURL, apiKey: "k", maxRetries: 0, fetch: fetchWithoutRedirects });
    const failure = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).message).toContain("Unsupported parameter");
  });

  it("gives the body as text, as a clone, or as a web stream, with the status and headers", async () => {
    const url = `${await serve(200, { a: "ü" })}/x`;
    const asText = await fetchWithoutRedirects(url);
    expect(asText.status).toBe(200);
    expect(asText.headers.get("x-request-id")).toBe("req-1");
    expect(asText.bodyUsed).toBe(false);
    expect(await asText.clone().json()).toEqual({ a: "ü" });
    const asStream = await fetchWithoutRedirects(url);
    const chunks: Uint8Array[] = [];
    const reader = asStream.body?.getReader();
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) chunks.push(read.value);
    expect(JSON.parse(Buffer.concat(chunks).toString("utf8"))).toEqual({ a: "ü" });
    const asBytes = await fetchWithoutRedirects(url);
    expect(JSON.parse(Buffer.from(await asBytes.arrayBuffer()).toString("utf8"))).toEqual({ a: "ü" });
    expect(asBytes.bodyUsed).toBe(true);
  });
});

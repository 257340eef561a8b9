// The built-in demo model's endpoint: OpenAI's protocol, for this app alone.
import OpenAI from "openai";
import { expect, inject, it } from "vitest";

it("refuses callers without the key derived from AUTH_SECRET, in OpenAI's error shape", async () => {
  const client = new OpenAI({ apiKey: "guess", baseURL: `${inject("baseUrl")}/api/demo/v1`, maxRetries: 0 });
  const failure = await client.chat.completions
    .create({ model: "parley-demo", messages: [{ role: "user", content: "hi" }] })
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
});

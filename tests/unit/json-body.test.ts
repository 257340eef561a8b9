import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonBody } from "@/lib/http/handler";

const schema = z.strictObject({ content: z.string() });

function post(body: string): Request {
  return new Request("http://localhost/api", { method: "POST", headers: { "content-type": "application/json" }, body });
}

describe("reading a JSON body", () => {
  it("refuses a NUL character, which PostgreSQL text cannot store", async () => {
    await expect(parseJsonBody(post(JSON.stringify({ content: "a\u0000b" })), schema)).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("accepts text that merely talks about the escape, such as a C string's terminator", async () => {
    const content = String.raw`end the string with \u0000 or \\u0000`;
    await expect(parseJsonBody(post(JSON.stringify({ content })), schema)).resolves.toEqual({ content });
  });

  it("refuses a NUL escape that follows escaped backslashes", async () => {
    const body = `{"content":"C:\\\\\\u0000"}`;
    expect(JSON.parse(body).content).toBe("C:\\\u0000");
    await expect(parseJsonBody(post(body), schema)).rejects.toMatchObject({ code: "invalid_input" });
  });
});

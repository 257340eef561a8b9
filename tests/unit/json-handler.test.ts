import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { jsonHandler, jsonHandlerForId } from "@/lib/http/json-handler";

const caller = { id: "user-1" } as SessionUser;
const VALID_ID = "c".repeat(25);
const schema = z.strictObject({ name: z.string() });

function request(body?: unknown): Request {
  return new Request("http://localhost/api", {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const context = (id: string) => ({ params: Promise.resolve({ id }) });

describe("the common JSON handler", () => {
  it("hands the caller, the id and the parsed body to the call and answers JSON, 201 when asked", async () => {
    const call = vi.fn(async () => ({ ok: true }));
    const handler = jsonHandlerForId({ authenticate: async () => caller, body: schema, status: 201 }, call);
    const response = await handler(request({ name: "Team" }), context(VALID_ID));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(call).toHaveBeenCalledWith(caller, VALID_ID, { name: "Team" });
  });

  it("answers 204 with no body when the call answers nothing", async () => {
    const handler = jsonHandlerForId({ authenticate: async () => caller }, async () => undefined);
    const response = await handler(request(), context(VALID_ID));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  it("answers a malformed id as not found, and an invalid body as invalid, before asking who calls", async () => {
    const authenticate = vi.fn(async () => caller);
    const byId = jsonHandlerForId({ authenticate, body: schema }, async () => ({}));
    expect((await byId(request({ name: "Team" }), context("not an id"))).status).toBe(404);
    expect((await byId(request({ name: 1 }), context(VALID_ID))).status).toBe(400);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it("stops at a caller who may not call, without calling", async () => {
    const call = vi.fn(async () => ({}));
    const handler = jsonHandler(
      {
        authenticate: async () => {
          throw new AppError("unauthorized", "Sign in first.");
        },
      },
      call,
    );
    expect((await handler(request(), { params: Promise.resolve({}) })).status).toBe(401);
    expect(call).not.toHaveBeenCalled();
  });
});

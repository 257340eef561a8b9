// A request the schema refuses is answered field by field in sentences a person reads ("Enter a number of at most
// 100,000."), with the rule and its figures for the browser to say in another language; never zod's own wording
// ("Too big: expected number to be <=100000").
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeAdmin } from "../support/factories";
import { type Client, signedInClient } from "../support/session-client";

type Refusal = { error: { code: string; issues: { path: (string | number)[]; message: string }[] } };

async function adminClient(): Promise<Client> {
  const admin = await makeAdmin();
  return signedInClient(admin.email, admin.password);
}

async function refusal(response: Response): Promise<Refusal["error"]> {
  expect(response.status).toBe(400);
  return ((await response.json()) as Refusal).error;
}

describe("refusals in words", () => {
  it("says how many requests a minute the API takes at most, and changes nothing", async () => {
    const admin = await adminClient();
    const before = await db().setting.findUnique({ where: { key: "apiRequestsPerMinute" } });
    const body = { access: "everyone", requestsPerMinute: 99_999_999_999 };
    const error = await refusal(await admin.json("/api/admin/api-access", body, "PUT"));
    expect(error).toMatchObject({ code: "invalid_input" });
    expect(error.issues).toEqual([
      {
        path: ["requestsPerMinute"],
        message: "Enter a number of at most 100,000.",
        rule: "number_max",
        values: { max: 100_000 },
      },
    ]);
    expect(await db().setting.findUnique({ where: { key: "apiRequestsPerMinute" } })).toEqual(before);
  });

  it("says the longest life of an API key", async () => {
    const admin = await adminClient();
    const error = await refusal(await admin.json("/api/account/api-keys", { name: "Long", expiresInDays: 5000 }));
    expect(error.issues).toEqual([
      {
        path: ["expiresInDays"],
        message: "Enter a number of at most 3,650.",
        rule: "number_max",
        values: { max: 3650 },
      },
    ]);
  });

  it("names the choices of a query's option", async () => {
    const admin = await adminClient();
    const error = await refusal(await admin.fetch("/api/admin/usage?format=csv&by=nope"));
    expect(error.issues).toEqual([
      {
        path: ["by"],
        message: "Choose one of: day, user, team, model.",
        rule: "choice",
        values: { choices: "day, user, team, model" },
      },
    ]);
  });

  it("says a cost limit cannot be below zero", async () => {
    const admin = await adminClient();
    const limit = { target: { default: true }, tokensPerDay: null, tokensPerMonth: null, costPerMonth: -1 };
    const error = await refusal(await admin.json("/api/admin/usage-limits", limit, "PUT"));
    expect(error.issues).toEqual([
      { path: ["costPerMonth"], message: "Enter a number of at least 0.", rule: "number_min", values: { min: 0 } },
    ]);
  });
});

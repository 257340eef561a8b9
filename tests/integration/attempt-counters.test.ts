// The attempt counters under concurrency: an attempt taken while another sign-in of the same account succeeds
// (which forgets the account's counter) must still be counted, never fail.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { forgetAttempts, takeAttempt } from "@/lib/db/attempt-counters";

const limits = { windowSeconds: 60, limit: 1000, lockMs: () => 60_000 };

it("takes attempts on a key whose counter other sign-ins are forgetting at the same time", async () => {
  const key = `sign-in:account:${randomUUID()}@example.test`;
  const signIns = Array.from({ length: 30 }, async () => {
    const taken = await takeAttempt(key, limits);
    await forgetAttempts(key);
    return taken;
  });
  const results = await Promise.allSettled(signIns);
  expect(results.filter((result) => result.status === "rejected")).toEqual([]);
  expect(results.every((result) => result.status === "fulfilled" && result.value.refusedUntil === null)).toBe(true);
});

// The usage dashboard reads the ledger by day, user, team and model over a chosen range, with the admin's prices,
// as JSON and CSV; each user reads their own usage and what is left of their limit.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createId } from "@/lib/db/ids";
import { makeAdmin, makeModel, makeTeam, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function ledgerRow(fields: {
  userId: string;
  teamId?: string;
  modelId: string;
  at: Date;
  prompt: number;
  completion: number;
}) {
  await db().replyUsage.create({
    data: {
      id: createId(),
      userId: fields.userId,
      teamId: fields.teamId ?? null,
      modelId: fields.modelId,
      promptTokens: fields.prompt,
      completionTokens: fields.completion,
      isEstimated: false,
      durationMs: 100,
      createdAt: fields.at,
    },
  });
}

type Row = {
  key: string;
  label: string;
  promptTokens: number;
  completionTokens: number;
  replies: number;
  costMicros: number;
};

describe("the usage dashboard", () => {
  it("sums the ledger by day, user, team and model for the range, priced, and downloads each as CSV", async () => {
    const model = await makeModel(upstream.url, { upstreamName: `dash-${randomUUID().slice(0, 6)}` });
    await db().modelPrice.create({ data: { modelId: model.id, inputPerMillion: 2, outputPerMillion: 10 } });
    const [alice, bob] = await Promise.all([makeUser({ name: "Alice" }), makeUser({ name: "Bob" })]);
    const team = await makeTeam();
    // A year no other test writes in: the range holds only these rows.
    await ledgerRow({
      userId: alice.id,
      modelId: model.id,
      at: new Date("2001-03-01T10:00:00Z"),
      prompt: 100,
      completion: 50,
    });
    await ledgerRow({
      userId: alice.id,
      teamId: team.id,
      modelId: model.id,
      at: new Date("2001-03-02T23:59:00Z"),
      prompt: 10,
      completion: 5,
    });
    await ledgerRow({
      userId: bob.id,
      modelId: model.id,
      at: new Date("2001-03-02T01:00:00Z"),
      prompt: 1000,
      completion: 100,
    });
    await ledgerRow({
      userId: bob.id,
      modelId: model.id,
      at: new Date("2001-03-04T00:00:00Z"),
      prompt: 7,
      completion: 7,
    });

    const admin = await makeAdmin();
    const client = await signedInClient(admin.email, admin.password);
    const response = await client.fetch("/api/admin/usage?from=2001-03-01&to=2001-03-03");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<"byDay" | "byUser" | "byTeam" | "byModel", Row[]>;
    // Every day of the range, one without use at zero (the chart is a timeline).
    expect(body.byDay.map((row) => [row.key, row.promptTokens + row.completionTokens])).toEqual([
      ["2001-03-01", 150],
      ["2001-03-02", 1115],
      ["2001-03-03", 0],
    ]);
    expect(body.byUser.map((row) => [row.label, row.replies])).toEqual([
      [bob.email, 1],
      [alice.email, 2],
    ]);
    expect(body.byTeam.find((row) => row.key === team.id)?.promptTokens).toBe(10);
    // 1,110 prompt tokens at $2 and 155 completion tokens at $10 per million.
    expect(body.byModel).toEqual([expect.objectContaining({ key: model.id, costMicros: 1110 * 2 + 155 * 10 })]);

    const csv = await client.fetch("/api/admin/usage?from=2001-03-01&to=2001-03-03&format=csv&by=user");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("parley-usage-by-user-2001-03-01-to-2001-03-03.csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("user,prompt_tokens,completion_tokens,total_tokens,replies,cost_usd");
    expect(lines[1]).toBe(`${bob.email},1000,100,1100,1,0.003000`);

    const inverted = await client.fetch("/api/admin/usage?from=2001-03-05&to=2001-03-01");
    expect(inverted.status).toBe(400);
    expect(((await inverted.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
      { path: ["to"], message: "Choose an end date on or after the start date.", rule: "range_inverted", values: {} },
    ]);
    const tooLong = await client.fetch("/api/admin/usage?from=2001-01-01&to=2002-03-01");
    expect(((await tooLong.json()) as { error: { message: string } }).error.message).toBe(
      "Choose a range of at most 366 days.",
    );
    const impossible = await client.fetch("/api/admin/usage?from=2001-02-30&to=2001-03-01");
    expect(impossible.status).toBe(400);
    expect(((await impossible.json()) as { error: { issues: { message: string }[] } }).error.issues[0]?.message).toBe(
      "There is no such date.",
    );
  });

  it("says beside the fields why a range cannot be shown, keeping it there, instead of showing another", async () => {
    const admin = await makeAdmin();
    const client = await signedInClient(admin.email, admin.password);
    const page = await (await client.fetch("/admin/usage?from=2026-12-31&to=2026-12-01")).text();
    expect(page).toContain("Choose an end date on or after the start date.");
    expect(page).toMatch(/<input[^>]*name="from"[^>]*value="2026-12-31"/);
    expect(page).toMatch(/<input[^>]*name="to"[^>]*value="2026-12-01"/);
    expect(page).not.toContain("Download CSV");
    const shown = await (await client.fetch("/admin/usage?from=2026-12-01&to=2026-12-31")).text();
    expect(shown).not.toContain("Choose an end date");
    expect(shown).toContain("Download CSV");
  });

  it("shows each user their own usage, their limit and what is left", async () => {
    const model = await makeModel(upstream.url, { upstreamName: `own-${randomUUID().slice(0, 6)}` });
    const user = await makeUser();
    await db().usageLimit.create({ data: { subject: `user:${user.id}`, userId: user.id, tokensPerDay: 1000 } });
    await ledgerRow({ userId: user.id, modelId: model.id, at: new Date(), prompt: 200, completion: 100 });
    const client = await signedInClient(user.email, user.password);
    const usage = (await (await client.fetch("/api/account/usage")).json()) as {
      today: { tokens: number; limit: number; left: number };
      daily: { tokens: number }[];
    };
    expect(usage.today).toMatchObject({ tokens: 300, limit: 1000, left: 700 });
    expect(usage.daily.at(-1)?.tokens).toBe(300);
  });
});

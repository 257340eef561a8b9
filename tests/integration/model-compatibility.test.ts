// Each model is sent the request shape its server accepts: picked from the provider and the name, and adjusted by
// Parley itself, on the record, for each parameter a server still refuses.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { defaultRequestShape } from "@/lib/models/compatibility";
import { startChatSession } from "../support/chat-session";
import { createEmptyDatabase } from "../support/empty-database";
import { makeAdmin } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";
import { makeDataDir, startAppServer } from "../support/test-stack";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

const openAiReasoning = { reply: "Hello there", dialect: { isOpenAiReasoningModel: true } };

function outcome(events: Awaited<ReturnType<typeof collectEvents>>) {
  // A title may follow the end of a first reply.
  return events.find((event) => event.event === "done" || event.event === "error");
}

function replyText(events: Awaited<ReturnType<typeof collectEvents>>): string {
  return events.flatMap((event) => (event.event === "delta" ? [(event.data as { text: string }).text] : [])).join("");
}

it("answers the first message of a gpt-5-mini seeded from the environment, with no admin step", async () => {
  upstream.scenarioForModel("gpt-5-mini", openAiReasoning);
  const dataDir = makeDataDir("parley-compat-");
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_API_KEY: "sk-test", OPENAI_MODELS: "gpt-5-mini" };
  const server = await startAppServer({ databaseUrl: await createEmptyDatabase(), dataDir, extraEnv });
  try {
    const account = { email: "reasoning@example.test", password: "long enough", name: "Reasoner" };
    expect((await anonymousClient(server.baseUrl).json("/api/auth/register", account)).status).toBe(201);
    const client = await signedInClient(account.email, account.password, server.baseUrl);
    const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
    const events = await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Hi" }));
    expect(outcome(events)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    expect(replyText(events)).toBe("Hello there");
    const request = upstream.requests.find((call) => (call.body as { stream?: boolean }).stream === true);
    // The limits come from the name too: OpenAI's window, and room for the thinking.
    expect(request?.body).toMatchObject({ model: "gpt-5-mini", max_completion_tokens: 25_000 });
    expect(request?.body).not.toHaveProperty("max_tokens");
    expect(request?.body).not.toHaveProperty("temperature");
    expect(request?.body).not.toHaveProperty("top_p");
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe("drop-and-retry", () => {
  async function auditOf(modelId: string) {
    return db().auditLog.findMany({ where: { targetId: modelId }, orderBy: { createdAt: "asc" } });
  }

  it("sends max_completion_tokens after a refusal of max_tokens, once, and keeps it on the model", async () => {
    // An admin's classic shape on an OpenAI reasoning model: the server refuses max_tokens first.
    const chat = await startChatSession(upstream, openAiReasoning, { sendsSamplingParameters: false });
    const events = await collectEvents(await chat.send("Hi"));
    expect(outcome(events)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    expect(replyText(events)).toBe("Hello there");
    const [refused, retried, ...rest] = chat.upstreamCalls();
    expect(refused?.body).toMatchObject({ max_tokens: 1024 });
    expect(retried?.body).toMatchObject({ max_completion_tokens: 1024 });
    expect(retried?.body).not.toHaveProperty("max_tokens");
    expect(rest).toEqual([]);

    const model = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(model).toMatchObject({ outputLimitParameter: "max_completion_tokens", version: 2 });
    expect(model.autoAdjustment).toBe("sent max_completion_tokens instead of max_tokens");
    expect(model.autoAdjustedAt).toBeInstanceOf(Date);
    const audit = await auditOf(chat.modelId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "model.update", actorId: null, actorEmail: "Parley (automatic)" });
    expect(audit[0]?.before).toMatchObject({ outputLimitParameter: "max_tokens" });
    expect(audit[0]?.after).toMatchObject({ outputLimitParameter: "max_completion_tokens" });

    // The next turn is sent the adjusted way from the start: one request, no refusal.
    await collectEvents(await chat.send("Again"));
    const next = chat.upstreamCalls().slice(2);
    expect(next).toHaveLength(1);
    expect(next[0]?.body).toMatchObject({ max_completion_tokens: 1024 });
    expect(await auditOf(chat.modelId)).toHaveLength(1);

    // An admin renames the model; the console's form sends the shape as it is: Parley's note stays.
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const shape = {
      outputLimitParameter: model.outputLimitParameter,
      sendsSamplingParameters: model.sendsSamplingParameters,
      reasoningEffort: model.reasoningEffort,
      allowedReasoningEfforts: model.allowedReasoningEfforts,
      sendsUsageRequest: model.sendsUsageRequest,
      systemPromptRole: model.systemPromptRole,
    };
    const renamed = await adminClient.json(
      `/api/admin/models/${chat.modelId}`,
      { label: "Renamed", ...shape },
      "PATCH",
    );
    expect(renamed.status).toBe(200);
    const after = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(after).toMatchObject({
      label: "Renamed",
      autoAdjustment: "sent max_completion_tokens instead of max_tokens",
    });
  });

  it("refuses to save an admin's form loaded before an adjustment, which it would undo", async () => {
    const chat = await startChatSession(upstream, openAiReasoning, { sendsSamplingParameters: false });
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    // The form as the admin opened it, at version 1: the shape before Parley's change.
    const opened = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    const form = {
      label: "Renamed",
      outputLimitParameter: opened.outputLimitParameter,
      sendsSamplingParameters: opened.sendsSamplingParameters,
      reasoningEffort: opened.reasoningEffort,
      allowedReasoningEfforts: opened.allowedReasoningEfforts,
      sendsUsageRequest: opened.sendsUsageRequest,
      systemPromptRole: opened.systemPromptRole,
      expectedVersion: opened.version,
    };
    expect(form).toMatchObject({ outputLimitParameter: "max_tokens", expectedVersion: 1 });
    await collectEvents(await chat.send("Hi"));

    const saved = await adminClient.json(`/api/admin/models/${chat.modelId}`, form, "PATCH");
    expect(saved.status).toBe(409);
    expect(await saved.json()).toMatchObject({ error: { code: "stale_version", details: { currentVersion: 2 } } });
    expect(await db().model.findUniqueOrThrow({ where: { id: chat.modelId } })).toMatchObject({
      label: opened.label,
      outputLimitParameter: "max_completion_tokens",
      autoAdjustment: "sent max_completion_tokens instead of max_tokens",
      version: 2,
    });
    expect(await auditOf(chat.modelId)).toHaveLength(1);
  });

  it("sends no output limit to a server that refuses both max_tokens and max_completion_tokens, then and later", async () => {
    const dialect = { refusedParameters: ["max_tokens", "max_completion_tokens"] };
    const chat = await startChatSession(upstream, { reply: "Hello there", dialect });
    const events = await collectEvents(await chat.send("Hi"));
    expect(outcome(events)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    const [first, second, third, ...rest] = chat.upstreamCalls();
    expect(first?.body).toMatchObject({ max_tokens: 1024 });
    expect(second?.body).toMatchObject({ max_completion_tokens: 1024 });
    expect(third?.body).not.toHaveProperty("max_tokens");
    expect(third?.body).not.toHaveProperty("max_completion_tokens");
    expect(rest).toEqual([]);
    const model = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(model.outputLimitParameter).toBe("none");
    // Both changes are on the admin's record, in order.
    expect(model.autoAdjustment).toMatch(
      /sent max_completion_tokens instead of max_tokens.*stopped sending an output limit \(refused: max_tokens and max_completion_tokens\)$/,
    );

    // The next reply is sent without a limit from the start: no refusal, nothing flips back.
    await collectEvents(await chat.send("Again"));
    const next = chat.upstreamCalls().slice(3);
    expect(next).toHaveLength(1);
    expect(next[0]?.body).not.toHaveProperty("max_tokens");
    expect(next[0]?.body).not.toHaveProperty("max_completion_tokens");
    expect((await db().model.findUniqueOrThrow({ where: { id: chat.modelId } })).outputLimitParameter).toBe("none");
  });

  it("stops sending temperature after OpenAI refuses its value", async () => {
    const chat = await startChatSession(upstream, openAiReasoning, { outputLimitParameter: "max_completion_tokens" });
    const events = await collectEvents(await chat.send("Hi"));
    expect(outcome(events)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    const [refused, retried] = chat.upstreamCalls();
    expect(refused?.body).toMatchObject({ temperature: 0.7 });
    expect(retried?.body).not.toHaveProperty("temperature");
    expect(retried?.body).not.toHaveProperty("top_p");
    const model = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(model.sendsSamplingParameters).toBe(false);
    expect(model.autoAdjustment).toMatch(/stopped sending temperature/);
  });

  it("stops sending stream_options to a server that does not know it", async () => {
    const chat = await startChatSession(upstream, { reply: "Fine", dialect: { rejectsStreamOptions: true } });
    const events = await collectEvents(await chat.send("Hi"));
    expect(replyText(events)).toBe("Fine");
    expect(chat.upstreamCalls().map((call) => "stream_options" in call.body)).toEqual([true, false]);
    const model = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(model.sendsUsageRequest).toBe(false);
  });

  it("adapts to each refused parameter in turn within the reply, and keeps every change on the model", async () => {
    // The QA case: a model set up to send max_tokens and temperature, on a server that refuses both, one at a time.
    const chat = await startChatSession(upstream, openAiReasoning);
    const events = await collectEvents(await chat.send("Hi"));
    expect(outcome(events)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    expect(replyText(events)).toBe("Hello there");
    const [first, second, third, ...rest] = chat.upstreamCalls().map((call) => call.body);
    expect(first).toMatchObject({ max_tokens: 1024, temperature: 0.7 });
    expect(second).toMatchObject({ max_completion_tokens: 1024, temperature: 0.7 });
    expect(second).not.toHaveProperty("max_tokens");
    expect(third).toMatchObject({ max_completion_tokens: 1024 });
    expect(third).not.toHaveProperty("max_tokens");
    expect(third).not.toHaveProperty("temperature");
    expect(third).not.toHaveProperty("top_p");
    expect(rest).toEqual([]);

    const model = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(model).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: false,
      version: 3,
      autoAdjustment:
        "sent max_completion_tokens instead of max_tokens; stopped sending temperature and top_p (refused: temperature)",
    });
    const audit = await auditOf(chat.modelId);
    expect(audit).toHaveLength(2);
    expect(audit.every((entry) => entry.actorEmail === "Parley (automatic)")).toBe(true);
    expect(audit[0]?.before).toMatchObject({ outputLimitParameter: "max_tokens", sendsSamplingParameters: true });
    expect(audit[0]?.after).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: true,
    });
    expect(audit[1]?.before).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: true,
    });
    expect(audit[1]?.after).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: false,
    });

    // The next turn is sent the adjusted way from the start.
    const next = await collectEvents(await chat.send("Again"));
    expect(outcome(next)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    expect(chat.upstreamCalls()).toHaveLength(4);
    expect(await auditOf(chat.modelId)).toHaveLength(2);
  });

  it("makes each kind of change once per reply, until the server takes the request", async () => {
    const refusesEverything = {
      reply: "Never sent",
      dialect: {
        refusedParameters: ["temperature", "stream_options", "reasoning_effort", "max_tokens", "max_completion_tokens"],
      },
    };
    const chat = await startChatSession(upstream, refusesEverything, { reasoningEffort: "low" });
    const events = await collectEvents(await chat.send("Hi"));
    expect(outcome(events)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
    // One change per kind (sampling, usage, effort, the output limit swapped, then dropped): six requests, the last
    // with none of what was refused.
    const calls = chat.upstreamCalls().map((call) => call.body);
    expect(calls).toHaveLength(6);
    for (const dropped of ["temperature", "top_p", "stream_options", "reasoning_effort", "max_tokens"]) {
      expect(calls.at(-1)).not.toHaveProperty(dropped);
    }
    expect(calls.at(-1)).not.toHaveProperty("max_completion_tokens");
    expect(await auditOf(chat.modelId)).toHaveLength(5);
    const [reply] = (await chat.storedMessages()).filter((message) => message.role === "ASSISTANT");
    expect(reply).toMatchObject({ status: "COMPLETE" });
  });
});

describe("the admin's shape", () => {
  it("picks the shape from the name when a model is added, and versions and audits each change", async () => {
    const account = await makeAdmin();
    const admin = await signedInClient(account.email, account.password);
    const provider = await admin.json("/api/admin/providers", { name: `Shapes ${Date.now()}`, baseUrl: upstream.url });
    const { id: providerId } = (await provider.json()) as { id: string };
    const added = await admin.json("/api/admin/models", { providerId, upstreamName: "o3-mini" });
    const model = (await added.json()) as { id: string; version: number };
    expect(model).toMatchObject({
      outputLimitParameter: "max_completion_tokens",
      sendsSamplingParameters: false,
      systemPromptRole: "developer",
      reasoningEffort: null,
    });
    const classic = await admin.json("/api/admin/models", { providerId, upstreamName: "llama3.2" });
    expect(await classic.json()).toMatchObject({ outputLimitParameter: "max_tokens", sendsSamplingParameters: true });

    const changes = { reasoningEffort: "high", allowedReasoningEfforts: ["low", "high"], sendsUsageRequest: false };
    const changed = await admin.json(`/api/admin/models/${model.id}`, changes, "PATCH");
    expect(await changed.json()).toMatchObject({ ...changes, version: model.version + 1 });
    const [entry] = await db().auditLog.findMany({ where: { targetId: model.id, action: "model.update" } });
    expect(entry?.before).toMatchObject({ reasoningEffort: null, sendsUsageRequest: true });
    expect(entry?.after).toMatchObject(changes);
    const refused = await admin.json(`/api/admin/models/${model.id}`, { reasoningEffort: "extreme" }, "PATCH");
    expect(refused.status).toBe(400);
  });

  it("fills a new model's limits from its name, unless the admin gives them", async () => {
    const account = await makeAdmin();
    const admin = await signedInClient(account.email, account.password);
    const provider = await admin.json("/api/admin/providers", { name: `Limits ${Date.now()}`, baseUrl: upstream.url });
    const { id: providerId } = (await provider.json()) as { id: string };
    const add = async (fields: object) => (await admin.json("/api/admin/models", { providerId, ...fields })).json();
    expect(await add({ upstreamName: "gpt-4o" })).toMatchObject({ contextWindow: 128_000, maxOutputTokens: 16_384 });
    expect(await add({ upstreamName: "o4-mini" })).toMatchObject({ contextWindow: 200_000, maxOutputTokens: 25_000 });
    expect(await add({ upstreamName: "tiny-local" })).toMatchObject({ contextWindow: 8192, maxOutputTokens: 1024 });
    expect(await add({ upstreamName: "gpt-5-mini", contextWindow: 64_000 })).toMatchObject({
      contextWindow: 64_000,
      maxOutputTokens: 25_000,
    });
    expect(await add({ upstreamName: "gpt-4.1", maxOutputTokens: 2000 })).toMatchObject({
      contextWindow: 1_047_576,
      maxOutputTokens: 2000,
    });
  });

  it("lets a conversation choose only among the efforts the admin allows", async () => {
    const chat = await startChatSession(upstream, openAiReasoning, {
      ...{ outputLimitParameter: "max_completion_tokens", sendsSamplingParameters: false },
      reasoningEffort: "medium",
      allowedReasoningEfforts: ["low", "high"],
    });
    const path = `/api/conversations/${chat.conversationId}`;
    expect((await chat.client.json(path, { reasoningEffort: "minimal" }, "PATCH")).status).toBe(400);
    const chosen = await chat.client.json(path, { reasoningEffort: "high" }, "PATCH");
    expect(await chosen.json()).toMatchObject({ reasoningEffort: "high" });
    await collectEvents(await chat.send("Hi"));
    expect(chat.upstreamCalls()).toHaveLength(1);
    expect(chat.upstreamCalls()[0]?.body).toMatchObject({ reasoning_effort: "high", max_completion_tokens: 1024 });
  });
});

it("gives the models of an existing install the shape a new one would get (the migration's backfill)", async () => {
  const client = new pg.Client({ connectionString: await createEmptyDatabase() });
  await client.connect();
  try {
    const providers = { openai: "https://api.openai.com/v1", local: "http://localhost:11434/v1" };
    const names = [
      "gpt-5-mini",
      "o1",
      "o3-mini",
      "o4-mini",
      "openai/gpt-5",
      "gpt-4o-mini",
      "llama3.2",
      "o1x",
      "gpt-50",
    ];
    for (const [id, baseUrl] of Object.entries(providers)) {
      await client.query(
        `INSERT INTO "Provider" (id, name, kind, "baseUrl", "updatedAt") VALUES ($1, $1, 'OPENAI_COMPATIBLE', $2, now())`,
        [id, baseUrl],
      );
      for (const name of names) {
        await client.query(
          `INSERT INTO "Model" (id, "providerId", "upstreamName", label, "updatedAt") VALUES ($1, $2, $3, $3, now())`,
          [`${id}-${name}`, id, name],
        );
      }
    }
    // The backfill as the migration runs it, on rows that have the columns' defaults, as existing rows did.
    const migration = readFileSync(
      path.join(import.meta.dirname, "../../prisma/migrations/20261205003000_compat_request_shape/migration.sql"),
      "utf8",
    );
    for (const statement of migration.split(";").filter((part) => /^\s*(--[^\n]*\n\s*)*UPDATE/.test(part))) {
      await client.query(statement);
    }
    const { rows } = await client.query<{ baseUrl: string; upstreamName: string } & Record<string, unknown>>(
      `SELECT p."baseUrl", m."upstreamName", m."outputLimitParameter"::text, m."sendsSamplingParameters",
              m."systemPromptRole"::text, m.version FROM "Model" m JOIN "Provider" p ON p.id = m."providerId"`,
    );
    expect(rows).toHaveLength(names.length * 2);
    for (const row of rows) {
      const expected = defaultRequestShape({ baseUrl: row.baseUrl }, row.upstreamName);
      expect(row, `${row.upstreamName} on ${row.baseUrl}`).toMatchObject({
        outputLimitParameter: expected.outputLimitParameter,
        sendsSamplingParameters: expected.sendsSamplingParameters,
        systemPromptRole: expected.systemPromptRole,
        version: 1,
      });
    }
  } finally {
    await client.end();
  }
});

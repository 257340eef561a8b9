// Models in the console: every change makes a new version with an audit entry; exactly one default; a disabled
// model stops on every path; the chat lists what a user may pick and moves a conversation to another model.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { answerAfterHeldWrite } from "../support/blocked-by";
import { startChatSession } from "../support/chat-session";
import { addMember, makeAdmin, makeTeam, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";

type ModelBody = { id: string; version: number; isDefault: boolean; enabled: boolean; temperature: number };

let upstream: FakeUpstream;
let admin: Client;
let providerId: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  const account = await makeAdmin();
  admin = await signedInClient(account.email, account.password);
  const provider = await admin.json("/api/admin/providers", { name: `Models ${randomUUID()}`, baseUrl: upstream.url });
  providerId = ((await provider.json()) as { id: string }).id;
});
afterAll(() => upstream.close());

async function addModel(fields: Record<string, unknown> = {}): Promise<ModelBody & { upstreamName: string }> {
  const upstreamName = `admin-model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, { reply: "Fine reply" });
  const response = await admin.json("/api/admin/models", { providerId, upstreamName, ...fields });
  expect(response.status).toBe(201);
  return { ...((await response.json()) as ModelBody), upstreamName };
}

function changeModel(id: string, changes: Record<string, unknown>) {
  return admin.json(`/api/admin/models/${id}`, changes, "PATCH");
}

describe("versions and audit", () => {
  it("raises the version on every change, records before and after, and leaves an unchanged model alone", async () => {
    const model = await addModel({ label: "Versioned", temperature: 0.5 });
    expect(model).toMatchObject({ version: 1, temperature: 0.5 });
    const changed = (await (
      await changeModel(model.id, { temperature: 0.9, systemPrompt: "Be brief." })
    ).json()) as ModelBody;
    expect(changed.version).toBe(2);
    expect(((await (await changeModel(model.id, { temperature: 0.9 })).json()) as ModelBody).version).toBe(2);

    const entries = await db().auditLog.findMany({ where: { targetId: model.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(["model.create", "model.update"]);
    expect(entries[1]?.before).toMatchObject({ temperature: 0.5, systemPrompt: null, version: 1 });
    expect(entries[1]?.after).toMatchObject({ temperature: 0.9, systemPrompt: "Be brief.", version: 2 });
  });

  it("refuses a second model of the same name on one provider", async () => {
    const model = await addModel();
    const duplicate = await admin.json("/api/admin/models", { providerId, upstreamName: model.upstreamName });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({
      error: {
        code: "model_name_taken",
        message: "This provider already has a model with this name.",
        issues: [
          {
            path: ["upstreamName"],
            message: "This provider already has a model with this name.",
            rule: "model_name_taken",
            values: {},
          },
        ],
      },
    });
  });

  it("adds nothing to the built-in demo provider", async () => {
    const demo = await db().provider.findFirstOrThrow({ where: { kind: "DEMO" } });
    const response = await admin.json("/api/admin/models", { providerId: demo.id, upstreamName: "anything" });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: unknown }).error).toEqual({
      code: "demo_provider",
      message: "The built-in demo provider serves only its own model.",
    });
    expect(await db().model.count({ where: { providerId: demo.id } })).toBe(1);
  });

  it("refuses settings that contradict each other, changing nothing", async () => {
    const model = await addModel({ allowUserParameters: true, minTemperature: 0.2, maxTemperature: 1 });
    const outside = await changeModel(model.id, { temperature: 1.5 });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { error: { issues: { path: string[] }[] } }).error.issues[0]?.path).toEqual([
      "temperature",
    ]);
    expect((await changeModel(model.id, { minTemperature: 1.5 })).status).toBe(400);
    expect((await changeModel(model.id, { maxOutputTokens: 9000, contextWindow: 8192 })).status).toBe(400);
    expect((await changeModel(model.id, { unknownField: 1 })).status).toBe(400);
    // Out of range: the message names the field, as the console shows it under the whole form.
    const tooHot = await changeModel(model.id, { temperature: 5 });
    expect(tooHot.status).toBe(400);
    expect(await tooHot.json()).toMatchObject({
      error: { issues: [{ path: ["temperature"], message: "Use a temperature from 0 to 2." }] },
    });
    expect(await db().model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({ version: 1 });
  });

  it("records the version that produced each reply", async () => {
    const chat = await startChatSession(upstream, { reply: "v1 reply" });
    await collectEvents(await chat.send("First"));
    await changeModel(chat.modelId, { temperature: 0.4 });
    await collectEvents(await chat.send("Second"));
    const replies = (await chat.storedMessages()).filter((message) => message.role === "ASSISTANT");
    expect(replies.map((reply) => reply.modelVersion)).toEqual([1, 2]);
  });
});

describe("the default model", () => {
  it("is always exactly one: a new default replaces the old one, which gets a version and an entry of its own", async () => {
    const previous = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const model = await addModel({ isDefault: true });
    try {
      expect(await db().model.findMany({ where: { isDefault: true }, select: { id: true } })).toEqual([
        { id: model.id },
      ]);
      const stepped = await db().model.findUniqueOrThrow({ where: { id: previous.id } });
      expect(stepped.version).toBe(previous.version + 1);
      const codeOf = async (response: Response) => ({
        status: response.status,
        code: ((await response.json()) as { error: { code: string } }).error.code,
      });
      expect(await codeOf(await changeModel(model.id, { isDefault: false }))).toEqual({
        status: 409,
        code: "default_model",
      });
      expect((await changeModel(model.id, { enabled: false })).status).toBe(400);
      expect(await codeOf(await admin.fetch(`/api/admin/models/${model.id}`, { method: "DELETE" }))).toEqual({
        status: 409,
        code: "default_model",
      });
    } finally {
      // Other test files start conversations on the default model: give it back at once.
      expect((await changeModel(previous.id, { isDefault: true })).status).toBe(200);
    }
    expect(await db().model.findMany({ where: { isDefault: true }, select: { id: true } })).toEqual([
      { id: previous.id },
    ]);
  });

  it("asks to enable a disabled model before it becomes the default, and keeps the default enabled", async () => {
    const disabled = await addModel({ enabled: false });
    const refused = await changeModel(disabled.id, { isDefault: true });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: {
        message: "Enable this model before making it the default.",
        issues: [{ path: ["isDefault"], rule: "enable_before_default" }],
      },
    });
    expect(await db().model.findUniqueOrThrow({ where: { id: disabled.id } })).toMatchObject({
      isDefault: false,
      version: 1,
    });
    const added = await admin.json("/api/admin/models", {
      providerId,
      upstreamName: `disabled-default-${randomUUID().slice(0, 8)}`,
      enabled: false,
      isDefault: true,
    });
    expect(added.status).toBe(400);
    expect(((await added.json()) as { error: { message: string } }).error.message).toBe(
      "Enable this model before making it the default.",
    );

    const current = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const kept = await changeModel(current.id, { enabled: false });
    expect(kept.status).toBe(400);
    expect(((await kept.json()) as { error: { message: string } }).error.message).toBe(
      "The default model must stay enabled. Make another model the default first.",
    );
  });

  it("stays one when two admins make different models the default at the same moment", async () => {
    const previous = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const [first, second] = [await addModel(), await addModel()];
    try {
      const responses = await Promise.all([first, second].map((model) => changeModel(model.id, { isDefault: true })));
      expect(responses.filter((response) => response.status === 200).length).toBeGreaterThanOrEqual(1);
      for (const response of responses.filter((candidate) => candidate.status !== 200)) {
        expect(response.status).toBe(409);
        expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/default model/);
      }
      expect(await db().model.count({ where: { isDefault: true } })).toBe(1);
    } finally {
      expect((await changeModel(previous.id, { isDefault: true })).status).toBe(200);
    }
  });

  it("refuses to delete a model that another admin made the default while the deletion waited", async () => {
    const previous = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const model = await addModel();
    try {
      // The other admin's change: the old default has stepped down and this model taken its place.
      const refused = await answerAfterHeldWrite(
        [
          [`UPDATE "Model" SET "isDefault" = false WHERE id = $1`, [previous.id]],
          [`UPDATE "Model" SET "isDefault" = true WHERE id = $1`, [model.id]],
        ],
        () => admin.fetch(`/api/admin/models/${model.id}`, { method: "DELETE" }),
      );
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/default/);
      expect(await db().model.findMany({ where: { isDefault: true }, select: { id: true } })).toEqual([
        { id: model.id },
      ]);
    } finally {
      expect((await changeModel(previous.id, { isDefault: true })).status).toBe(200);
    }
  });
});

describe("two admins editing one model", () => {
  const staleError = {
    code: "stale_version",
    message:
      "This model was changed by someone else (or by Parley) since you opened it. Reload to see the changes, then edit again.",
    details: { currentVersion: 2 },
  };

  it("refuses a form loaded from an older version, writing nothing, and takes one of the current version", async () => {
    const model = await addModel({ label: "Fake GPT (A)" });
    // Ada's form and Dave's were both loaded at version 1; Ada saves first.
    const ada = await changeModel(model.id, { label: "Fake GPT (A2)", systemPrompt: "", expectedVersion: 1 });
    expect(ada.status).toBe(200);
    expect(((await ada.json()) as ModelBody).version).toBe(2);

    // Dave's form still holds the old label, and changes the prompt only.
    const dave = await changeModel(model.id, { label: "Fake GPT (A)", systemPrompt: "Be brief.", expectedVersion: 1 });
    expect(dave.status).toBe(409);
    expect(await dave.json()).toEqual({ error: staleError });
    expect(await db().model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      label: "Fake GPT (A2)",
      systemPrompt: null,
      version: 2,
    });
    expect(await db().auditLog.count({ where: { targetId: model.id } })).toBe(2);

    // Reloaded, Dave's form is at version 2.
    const reloaded = await changeModel(model.id, {
      label: "Fake GPT (A2)",
      systemPrompt: "Be brief.",
      expectedVersion: 2,
    });
    expect(reloaded.status).toBe(200);
    expect(await reloaded.json()).toMatchObject({ label: "Fake GPT (A2)", systemPrompt: "Be brief.", version: 3 });
  });

  it("refuses a stale form even when the other change commits while the save waits for the model", async () => {
    const model = await addModel({ label: "Held" });
    const refused = await answerAfterHeldWrite(
      [[`UPDATE "Model" SET label = 'Held (other)', version = version + 1 WHERE id = $1`, [model.id]]],
      () => changeModel(model.id, { label: "Held (mine)", expectedVersion: 1 }),
    );
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: staleError });
    expect(await db().model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      label: "Held (other)",
      version: 2,
    });
  });

  it("still applies a change without a version (API clients) to the fields it names", async () => {
    const model = await addModel({ label: "Scripted", temperature: 0.5 });
    expect((await changeModel(model.id, { label: "Scripted (new)", expectedVersion: 1 })).status).toBe(200);
    const scripted = await changeModel(model.id, { temperature: 0.8 });
    expect(scripted.status).toBe(200);
    expect(await scripted.json()).toMatchObject({ label: "Scripted (new)", temperature: 0.8, version: 3 });
    expect((await changeModel(model.id, { temperature: 0.6, expectedVersion: 0 })).status).toBe(400);
  });
});

describe("disabling", () => {
  it("stops new messages and regenerations with a clear error, and writes no title", async () => {
    const chat = await startChatSession(upstream, { reply: "Slow reply", firstByteDelayMs: 400 });
    const response = await chat.send("Plan a trip");
    expect((await changeModel(chat.modelId, { enabled: false })).status).toBe(200);
    const events = await collectEvents(response);
    const { assistantMessageId } = startedIds(events);

    const refused = await chat.send("Another question");
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: { code: "model_unavailable", message: "This conversation's model is not available. Pick another model." },
    });
    const regenerated = await chat.client.json(
      `/api/conversations/${chat.conversationId}/messages/${assistantMessageId}/regenerate`,
      {},
    );
    expect(regenerated.status).toBe(422);

    // The title comes after the reply; a second conversation on an enabled model gets its title meanwhile.
    const control = await startChatSession(upstream, { reply: "Titled" });
    await collectEvents(await control.send("Hello"));
    await vi.waitFor(() => expect(control.upstreamCalls("all")).toHaveLength(2), { timeout: 5_000 });
    expect(chat.upstreamCalls("all")).toHaveLength(1);
    expect((await chat.storedMessages()).filter((message) => message.role === "USER")).toHaveLength(1);
  });
});

describe("in the chat", () => {
  it("lists enabled models only, default first, and moves a conversation to another model", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const [enabled, disabled] = [await addModel({ label: "Picked" }), await addModel({ enabled: false })];
    const { items } = (await (await client.fetch("/api/models")).json()) as {
      items: { id: string; isDefault: boolean }[];
    };
    expect(items[0]?.isDefault).toBe(true);
    expect(items.map((item) => item.id)).toContain(enabled.id);
    expect(items.map((item) => item.id)).not.toContain(disabled.id);

    const created = await client.json("/api/conversations", {});
    const { id } = (await created.json()) as { id: string };
    expect((await client.json(`/api/conversations/${id}`, { modelId: disabled.id }, "PATCH")).status).toBe(404);
    const moved = await client.json(`/api/conversations/${id}`, { modelId: enabled.id }, "PATCH");
    expect(await moved.json()).toMatchObject({ modelId: enabled.id });
    await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Hi" }));
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: enabled.upstreamName });
  });
});

describe("visibility per team", () => {
  it("shows a model to the listed teams only, audited, and lists every team for the picker", async () => {
    const [team, otherTeam, member, outsider] = await Promise.all([makeTeam(), makeTeam(), makeUser(), makeUser()]);
    await addMember(team.id, member.id, "VIEWER");
    const model = await addModel();
    const teams = (await (await admin.fetch("/api/admin/teams")).json()) as { items: { id: string; name: string }[] };
    expect(teams.items).toEqual(expect.arrayContaining([{ id: team.id, name: team.name, memberCount: 1 }]));

    const limited = await changeModel(model.id, { visibleToEveryone: false, teamIds: [team.id] });
    expect(limited.status).toBe(200);
    expect(await limited.json()).toMatchObject({ visibleToEveryone: false, teamIds: [team.id], version: 2 });
    const entry = await db().auditLog.findFirstOrThrow({
      where: { targetId: model.id },
      orderBy: { createdAt: "desc" },
    });
    expect(entry.after).toMatchObject({ visibleToEveryone: false, teamIds: [team.id] });

    const listed = async (user: { email: string; password: string }) => {
      const client = await signedInClient(user.email, user.password);
      const body = (await (await client.fetch("/api/models")).json()) as { items: { id: string }[] };
      return body.items.some((item) => item.id === model.id);
    };
    expect(await listed(member)).toBe(true);
    expect(await listed(outsider)).toBe(false);

    expect((await changeModel(model.id, { teamIds: [otherTeam.id] })).status).toBe(200);
    expect(await listed(member)).toBe(false);
    const everyone = await changeModel(model.id, { visibleToEveryone: true });
    expect(await everyone.json()).toMatchObject({ visibleToEveryone: true, teamIds: [] });
    expect(await listed(outsider)).toBe(true);
  });

  it("refuses a team that does not exist and a default model hidden from anyone, changing nothing", async () => {
    const model = await addModel();
    const missingTeam = await changeModel(model.id, { visibleToEveryone: false, teamIds: ["c".repeat(25)] });
    expect(missingTeam.status).toBe(400);
    const hiddenDefault = await changeModel(model.id, { isDefault: true, visibleToEveryone: false });
    expect(hiddenDefault.status).toBe(400);
    expect(await db().model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      version: 1,
      visibleToEveryone: true,
      isDefault: false,
    });
  });
});

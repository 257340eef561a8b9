// A signed-in user with a conversation on its own fake-upstream model, for tests of chat turns.
import { randomUUID } from "node:crypto";
import { db } from "../../lib/db/client";
import { makeModel, makeUser } from "./factories";
import type { FakeScenario, FakeUpstream } from "./fake-upstream";
import { type Client, signedInClient } from "./session-client";

export type ChatSession = {
  client: Client;
  conversationId: string;
  modelId: string;
  upstreamName: string;
  send: (content: string, extra?: object) => Promise<Response>;
  /** What the fake upstream received for this conversation's model, oldest first: replies, or also titles. */
  upstreamCalls: (kind?: "replies" | "all") => {
    body: Record<string, unknown>;
    receivedAt: number;
    closedByClientAt?: number;
    completedAt?: number;
  }[];
  storedMessages: () => ReturnType<typeof storedMessages>;
};

function storedMessages(conversationId: string) {
  return db().message.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: "asc" }, { depth: "asc" }, { id: "asc" }],
  });
}

export async function startChatSession(
  upstream: FakeUpstream,
  scenario: FakeScenario,
  modelFields: Parameters<typeof makeModel>[1] = {},
): Promise<ChatSession> {
  const upstreamName = `model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { ...modelFields, upstreamName });
  const user = await makeUser();
  const client = await signedInClient(user.email, user.password);
  const created = await client.json("/api/conversations", { modelId: model.id });
  const { id: conversationId } = (await created.json()) as { id: string };
  return {
    client,
    conversationId,
    modelId: model.id,
    upstreamName,
    send: (content, extra = {}) => client.json(`/api/conversations/${conversationId}/messages`, { content, ...extra }),
    upstreamCalls: (kind = "replies") =>
      upstream.requests
        .filter((request) => (request.body as { model?: string } | undefined)?.model === upstreamName)
        .filter((request) => kind === "all" || (request.body as { stream?: boolean }).stream === true)
        .map((request) => ({ ...request, body: request.body as Record<string, unknown> })),
    storedMessages: () => storedMessages(conversationId),
  };
}

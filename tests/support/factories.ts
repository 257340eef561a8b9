// Test data, made through lib/ like the app makes it. Every test makes its own; names are unique per call.
import { randomUUID } from "node:crypto";
import { hashPassword } from "../../lib/auth/password";
import { db } from "../../lib/db/client";
import { createUser } from "../../lib/db/users";
import type { RequestShape } from "../../lib/models/compatibility";
import { type Client, signedInClient } from "./session-client";

export const TEST_PASSWORD = "correct horse battery";

let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function makeUser(overrides: { email?: string; name?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? uniqueEmail();
  const user = await createUser({ email, name: overrides.name ?? "Test User", passwordHash: await cachedHash });
  // Whichever test file runs first would otherwise get an admin here (the first-user rule, tested on a database
  // of its own in first-admin.test.ts): a plain user is always a plain user.
  if (user.role !== "USER") await db().user.update({ where: { id: user.id }, data: { role: "USER" } });
  return { ...user, role: "USER" as const, password: TEST_PASSWORD };
}

export type Person = { id: string; name: string; client: Client };

/** A new plain user with this display name, signed in: someone a test follows by name (team members, authors). */
export async function makePerson(name: string): Promise<Person> {
  const user = await makeUser({ name });
  return { id: user.id, name, client: await signedInClient(user.email, user.password) };
}

/** A new plain user, signed in. */
export async function makeSignedInUser(): Promise<Client> {
  const user = await makeUser();
  return signedInClient(user.email, user.password);
}

/** A registered user promoted to admin in the database, so that a test does not lean on the first-user rule. */
export async function makeAdmin() {
  const user = await makeUser({ email: uniqueEmail("admin"), name: "Test Admin" });
  await db().user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  return { ...user, role: "ADMIN" as const };
}

type ModelFields = {
  upstreamName?: string;
  systemPrompt?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  allowUserParameters?: boolean;
  minTemperature?: number;
  maxTemperature?: number;
  enabled?: boolean;
  visibleToEveryone?: boolean;
  readsImages?: boolean;
} & Partial<RequestShape>;

/** A provider pointing at a fake upstream, with one enabled model. */
export async function makeModel(baseUrl: string, fields: ModelFields = {}) {
  const provider = await db().provider.create({
    data: { name: `fake-${randomUUID()}`, baseUrl, kind: "OPENAI_COMPATIBLE" },
  });
  return db().model.create({
    data: {
      providerId: provider.id,
      label: "Fake model",
      ...fields,
      upstreamName: fields.upstreamName ?? "fake-model",
    },
    select: { id: true, upstreamName: true },
  });
}

/** A team with no members yet; add them with addMember. */
export async function makeTeam(name = `Team ${randomUUID().slice(0, 8)}`) {
  return db().team.create({ data: { name }, select: { id: true, name: true } });
}

export async function addMember(teamId: string, userId: string, role: "OWNER" | "EDITOR" | "VIEWER") {
  await db().membership.create({ data: { teamId, userId, role } });
}

/**
 * Starts a conversation through the API with a first message in it, as a sent one leaves it (the list shows only
 * conversations that hold a message); its id.
 */
export async function makeListedConversation(client: Client, title: string): Promise<string> {
  const { id } = (await (await client.json("/api/conversations", { title })).json()) as { id: string };
  const message = await db().message.create({ data: { conversationId: id, role: "USER", content: `In ${title}` } });
  await db().conversation.update({ where: { id }, data: { currentLeafId: message.id } });
  return id;
}

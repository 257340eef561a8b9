import { describe, expect, it } from "vitest";
import * as conversations from "@/lib/access/conversations";
import * as models from "@/lib/access/models";
import * as teams from "@/lib/access/teams";

// Every helper that scopes by a user id, called as a caller with a missing id would call it. Prisma drops a
// condition whose value is undefined, so a helper that returned a clause here would widen it to everyone's rows.
const missing = [undefined, null, ""] as unknown as string[];
const since = new Date("2026-01-01T00:00:00Z");

const helpers: [string, (userId: string) => unknown][] = [
  ["readableConversationsWhere", (id) => conversations.readableConversationsWhere(id)],
  ["writableConversationsWhere", (id) => conversations.writableConversationsWhere(id)],
  ["ownConversationsWhere", (id) => conversations.ownConversationsWhere(id)],
  ["readableConversationsSql", (id) => conversations.readableConversationsSql(id)],
  ["writableConversationsSql", (id) => conversations.writableConversationsSql(id)],
  ["ownConversationsSql", (id) => conversations.ownConversationsSql(id)],
  ["sharedWithMeConversationsSql", (id) => conversations.sharedWithMeConversationsSql(id)],
  ["shareableConversationsSql", (id) => conversations.shareableConversationsSql(id, "team-1")],
  ["shareableConversationsSql (team id)", (id) => conversations.shareableConversationsSql("user-1", id)],
  ["unshareableConversationsSql", (id) => conversations.unshareableConversationsSql(id)],
  ["teamConversationsSql", (id) => conversations.teamConversationsSql(id, "team-1")],
  ["teamConversationsSql (team id)", (id) => conversations.teamConversationsSql("user-1", id)],
  ["restorableConversationsSql", (id) => conversations.restorableConversationsSql(id, since)],
  ["usableModelsWhere", (id) => models.usableModelsWhere(id)],
  ["conversationModelsWhere", (id) => models.conversationModelsWhere(id, null)],
  ["conversationModelsWhere (team)", (id) => models.conversationModelsWhere(id, "team-1")],
  ["conversationModelsSql", (id) => models.conversationModelsSql(id)],
  ["teamsWhere", (id) => teams.teamsWhere(id, "member")],
];

describe("access rules given a missing id", () => {
  it.each(helpers)("%s throws instead of widening", (_name, helper) => {
    for (const id of missing) expect(() => helper(id)).toThrow(/no (user|team) id/);
  });

  it.each(helpers)("%s still answers for a real id", (_name, helper) => {
    expect(helper("user-1")).toBeTruthy();
  });

  it("conversationModelsWhere throws for a missing team id (null means a private conversation)", () => {
    for (const teamId of [undefined, ""] as unknown as string[]) {
      expect(() => models.conversationModelsWhere("user-1", teamId)).toThrow(/no team id/);
    }
  });

  it("every exported helper is in the table", () => {
    const exported = [conversations, models, teams].flatMap((module) =>
      Object.entries(module)
        .filter(([name, value]) => typeof value === "function" && name !== "enabledModelsWhere")
        .map(([name]) => name),
    );
    const covered = new Set(helpers.map(([name]) => name.split(" ")[0]));
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
  });
});

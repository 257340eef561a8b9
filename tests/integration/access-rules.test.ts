// The access rules of lib/access, as the people of a team meet them. Each rule exists twice, as a Prisma where-clause
// and as SQL for the raw queries: both forms must reach exactly the same conversations.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ownConversationsSql,
  ownConversationsWhere,
  readableConversationsSql,
  readableConversationsWhere,
  writableConversationsSql,
  writableConversationsWhere,
} from "@/lib/access/conversations";
import { db, type Prisma } from "@/lib/db/client";
import { makeUser } from "../support/factories";

type Person = "author" | "teamOwner" | "editor" | "viewer" | "otherTeamMember" | "stranger";
type Rule = {
  where: (userId: string) => Prisma.ConversationWhereInput;
  sql: (userId: string) => Prisma.Sql;
};
const rules: Record<"read" | "write" | "own", Rule> = {
  read: { where: readableConversationsWhere, sql: readableConversationsSql },
  write: { where: writableConversationsWhere, sql: writableConversationsSql },
  own: { where: ownConversationsWhere, sql: ownConversationsSql },
};

let people: Record<Person, string>;
let conversations: Record<"private" | "shared" | "sharedDeleted" | "otherTeams", string>;

beforeAll(async () => {
  const names: Person[] = ["author", "teamOwner", "editor", "viewer", "otherTeamMember", "stranger"];
  const made = await Promise.all(names.map(async (name) => [name, (await makeUser()).id] as const));
  people = Object.fromEntries(made) as Record<Person, string>;
  const team = await db().team.create({
    data: {
      name: "Rules team",
      memberships: {
        create: [
          { userId: people.teamOwner, role: "OWNER" },
          { userId: people.author, role: "EDITOR" },
          { userId: people.editor, role: "EDITOR" },
          { userId: people.viewer, role: "VIEWER" },
        ],
      },
    },
  });
  const otherTeam = await db().team.create({
    data: { name: "Other team", memberships: { create: [{ userId: people.otherTeamMember, role: "OWNER" }] } },
  });
  const make = (data: Prisma.ConversationUncheckedCreateInput) =>
    db()
      .conversation.create({ data, select: { id: true } })
      .then((row) => row.id);
  const shared = { teamId: team.id, visibility: "TEAM" as const };
  conversations = {
    private: await make({ ownerId: people.author, title: "Private" }),
    shared: await make({ ownerId: people.author, title: "Shared", ...shared }),
    sharedDeleted: await make({ ownerId: people.author, title: "Deleted", ...shared, deletedAt: new Date() }),
    otherTeams: await make({
      ownerId: people.otherTeamMember,
      title: "Elsewhere",
      teamId: otherTeam.id,
      visibility: "TEAM",
    }),
  };
});

async function reachedBy(rule: Rule, userId: string) {
  const ids = Object.values(conversations);
  const viaWhere = await db().conversation.findMany({
    where: { AND: [rule.where(userId), { id: { in: ids } }] },
    select: { id: true },
  });
  const viaSql = await db().$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Conversation" c WHERE c.id = ANY(${ids}) AND ${rule.sql(userId)}`;
  const names = (rows: { id: string }[]) =>
    Object.entries(conversations)
      .filter(([, id]) => rows.some((row) => row.id === id))
      .map(([name]) => name)
      .sort();
  return { viaWhere: names(viaWhere), viaSql: names(viaSql) };
}

const expected: Record<keyof typeof rules, Record<Person, string[]>> = {
  read: {
    author: ["private", "shared"],
    teamOwner: ["shared"],
    editor: ["shared"],
    viewer: ["shared"],
    otherTeamMember: ["otherTeams"],
    stranger: [],
  },
  write: {
    author: ["private", "shared"],
    teamOwner: ["shared"],
    editor: ["shared"],
    viewer: [],
    otherTeamMember: ["otherTeams"],
    stranger: [],
  },
  own: {
    author: ["private", "shared"],
    teamOwner: [],
    editor: [],
    viewer: [],
    otherTeamMember: ["otherTeams"],
    stranger: [],
  },
};

describe("conversation access rules", () => {
  for (const [ruleName, rule] of Object.entries(rules) as [keyof typeof rules, Rule][]) {
    for (const person of Object.keys(expected[ruleName]) as Person[]) {
      it(`${ruleName}: ${person} reaches ${expected[ruleName][person].join(", ") || "nothing"}, in both forms`, async () => {
        const reached = await reachedBy(rule, people[person]);
        expect(reached.viaWhere).toEqual(expected[ruleName][person]);
        expect(reached.viaSql).toEqual(expected[ruleName][person]);
      });
    }
  }
});

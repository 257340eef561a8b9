// The model-visibility rule of lib/access/models.ts exists twice: as a Prisma where-clause (model pickers, settings,
// sharing) and as SQL inside the turn's one raw query (lib/chat/send-message.ts), and the /v1 API's one statement
// (lib/db/api-call-context.ts). Over a grid of people, teams and models, both forms must select exactly the same
// models, and the ones the rule says.
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiCallerModelsSql,
  conversationModelsSql,
  conversationModelsWhere,
  usableModelsWhere,
} from "@/lib/access/models";
import { db, type Prisma } from "@/lib/db/client";
import { addMember, makeModel, makeTeam, makeUser } from "../support/factories";

type Person = "memberOfA" | "memberOfBoth" | "stranger";
type Place = "private" | "teamA" | "teamB";
type ModelName = "everyone" | "onlyA" | "onlyB" | "aAndB" | "listedNowhere" | "disabledEveryone" | "disabledA";

let people: Record<Person, string>;
let teams: Record<"teamA" | "teamB", string>;
let models: Record<ModelName, string>;
// The conversation each person has in each place (private: their own; teamX: their own, shared with that team).
let conversations: Record<Person, Record<Place, string>>;

beforeAll(async () => {
  people = {
    memberOfA: (await makeUser()).id,
    memberOfBoth: (await makeUser()).id,
    stranger: (await makeUser()).id,
  };
  teams = { teamA: (await makeTeam()).id, teamB: (await makeTeam()).id };
  await addMember(teams.teamA, people.memberOfA, "VIEWER");
  await addMember(teams.teamA, people.memberOfBoth, "EDITOR");
  await addMember(teams.teamB, people.memberOfBoth, "OWNER");
  const model = async (fields: { enabled?: boolean; visibleToEveryone?: boolean }, listedFor: string[]) => {
    const { id } = await makeModel("http://127.0.0.1:9/v1", { visibleToEveryone: false, ...fields });
    if (listedFor.length > 0) {
      await db().modelTeam.createMany({ data: listedFor.map((teamId) => ({ modelId: id, teamId })) });
    }
    return id;
  };
  models = {
    everyone: await model({ visibleToEveryone: true }, []),
    onlyA: await model({}, [teams.teamA]),
    onlyB: await model({}, [teams.teamB]),
    aAndB: await model({}, [teams.teamA, teams.teamB]),
    listedNowhere: await model({}, []),
    disabledEveryone: await model({ enabled: false, visibleToEveryone: true }, []),
    disabledA: await model({ enabled: false }, [teams.teamA]),
  };
  const conversationIn = async (ownerId: string, teamId: string | null) => {
    const data: Prisma.ConversationUncheckedCreateInput = teamId
      ? { ownerId, title: "Rules", teamId, visibility: "TEAM" }
      : { ownerId, title: "Rules" };
    return (await db().conversation.create({ data, select: { id: true } })).id;
  };
  const entries = await Promise.all(
    (Object.keys(people) as Person[]).map(async (person) => {
      const places = {
        private: await conversationIn(people[person], null),
        teamA: await conversationIn(people[person], teams.teamA),
        teamB: await conversationIn(people[person], teams.teamB),
      };
      return [person, places] as const;
    }),
  );
  conversations = Object.fromEntries(entries) as Record<Person, Record<Place, string>>;
});

function teamIdOf(place: Place): string | null {
  return place === "private" ? null : teams[place];
}

function namesOf(rows: { id: string }[]): ModelName[] {
  return (Object.entries(models) as [ModelName, string][])
    .filter(([, id]) => rows.some((row) => row.id === id))
    .map(([name]) => name)
    .sort();
}

async function selectedBy(person: Person, place: Place) {
  const ids = Object.values(models);
  const viaWhere = await db().model.findMany({
    where: { AND: [conversationModelsWhere(people[person], teamIdOf(place)), { id: { in: ids } }] },
    select: { id: true },
  });
  // As the turn's query applies it: over the model `m` of the conversation `c` being continued.
  const viaSql = await db().$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "Model" m, "Conversation" c
     WHERE c.id = ${conversations[person][place]} AND m.id = ANY(${ids}) AND ${conversationModelsSql(people[person])}`;
  return { viaWhere: namesOf(viaWhere), viaSql: namesOf(viaSql) };
}

// In a private conversation: the person's own teams count; in a team conversation: that team alone, whoever posts.
const expected: Record<Person, Record<Place, ModelName[]>> = {
  memberOfA: {
    private: ["aAndB", "everyone", "onlyA"],
    teamA: ["aAndB", "everyone", "onlyA"],
    teamB: ["aAndB", "everyone", "onlyB"],
  },
  memberOfBoth: {
    private: ["aAndB", "everyone", "onlyA", "onlyB"],
    teamA: ["aAndB", "everyone", "onlyA"],
    teamB: ["aAndB", "everyone", "onlyB"],
  },
  stranger: {
    private: ["everyone"],
    teamA: ["aAndB", "everyone", "onlyA"],
    teamB: ["aAndB", "everyone", "onlyB"],
  },
};

describe("model access rule", () => {
  for (const person of Object.keys(expected) as Person[]) {
    for (const place of Object.keys(expected[person]) as Place[]) {
      it(`${person}, ${place} conversation: ${expected[person][place].join(", ")}, in both forms`, async () => {
        const selected = await selectedBy(person, place);
        expect(selected.viaWhere).toEqual(expected[person][place]);
        expect(selected.viaSql).toEqual(expected[person][place]);
      });
    }
  }
});

// The /v1 API's form (lib/db/api-call-context.ts): the models a person may use outside any conversation, which are
// those of their private conversations.
describe("model access rule of the /v1 API", () => {
  for (const person of Object.keys(expected) as Person[]) {
    it(`${person}: ${expected[person].private.join(", ")}, in both forms`, async () => {
      const ids = Object.values(models);
      const viaWhere = await db().model.findMany({
        where: { AND: [usableModelsWhere(people[person]), { id: { in: ids } }] },
        select: { id: true },
      });
      const viaSql = await db().$queryRaw<{ id: string }[]>`
        SELECT m.id FROM "Model" m, (SELECT ${people[person]}::text AS "userId") k
         WHERE m.id = ANY(${ids}) AND ${apiCallerModelsSql}`;
      expect(namesOf(viaWhere)).toEqual(expected[person].private);
      expect(namesOf(viaSql)).toEqual(expected[person].private);
    });
  }
});

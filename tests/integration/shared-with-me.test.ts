// What others shared with the caller's teams: listed by team in the sidebar ("Shared with me") and found by the
// conversation search, for members only, under the read rule of lib/access/conversations.ts.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addMember, makePerson, makeTeam, type Person } from "../support/factories";

type Hit = {
  id: string;
  title: string;
  pinnedAt: string | null;
  sharedBy: { ownerName: string; teamName: string } | null;
};
type SharedTeam = { id: string; name: string; hasMore: boolean; conversations: { id: string; ownerName: string }[] };

async function create(who: Person, title: string): Promise<string> {
  return ((await (await who.client.json("/api/conversations", { title })).json()) as { id: string }).id;
}

async function shareWithTeam(who: Person, conversationId: string, teamId: string): Promise<void> {
  expect((await who.client.json(`/api/conversations/${conversationId}/team`, { teamId }, "PUT")).status).toBe(200);
}

async function search(who: Person, text: string): Promise<Hit[]> {
  const response = await who.client.fetch(`/api/conversations/search?q=${encodeURIComponent(text)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Hit[] }).items;
}

async function sharedWith(who: Person): Promise<SharedTeam[]> {
  const response = await who.client.fetch("/api/conversations/shared");
  expect(response.status).toBe(200);
  return ((await response.json()) as { teams: SharedTeam[] }).teams;
}

/** Ana edits in a team where Vic views; Otto is in no team. */
async function team() {
  const [ana, vic, otto] = await Promise.all([makePerson("Ana"), makePerson("Vic"), makePerson("Otto")]);
  const { id, name } = await makeTeam();
  await Promise.all([addMember(id, ana.id, "EDITOR"), addMember(id, vic.id, "VIEWER")]);
  return { ana, vic, otto, teamId: id, teamName: name, marker: randomUUID().slice(0, 8) };
}

describe("search", () => {
  it("finds a team conversation for a member, named by owner and team; not for a non-member or a former one", async () => {
    const { ana, vic, otto, teamId, teamName, marker } = await team();
    const sharedId = await create(ana, `Roadmap ${marker}`);
    const privateId = await create(ana, `Diary ${marker}`);
    await shareWithTeam(ana, sharedId, teamId);
    await ana.client.json(`/api/conversations/${sharedId}`, { pinned: true }, "PATCH");

    const forMember = await search(vic, marker);
    expect(forMember).toEqual([
      expect.objectContaining({ id: sharedId, pinnedAt: null, sharedBy: { ownerName: "Ana", teamName } }),
    ]);
    expect(await search(otto, marker)).toEqual([]);
    const forOwner = await search(ana, marker);
    expect(forOwner.map((hit) => [hit.id, hit.sharedBy])).toEqual([
      [privateId, null],
      [sharedId, null],
    ]);

    await db().membership.delete({ where: { teamId_userId: { teamId, userId: vic.id } } });
    expect(await search(vic, marker)).toEqual([]);
  });
});

describe("shared with me", () => {
  it("lists by team what other members shared, never the caller's own, nor to a non-member", async () => {
    const { ana, vic, otto, teamId, teamName, marker } = await team();
    const sharedId = await create(ana, `Plan ${marker}`);
    await create(ana, `Private ${marker}`);
    await shareWithTeam(ana, sharedId, teamId);

    expect(await sharedWith(vic)).toEqual([
      {
        id: teamId,
        name: teamName,
        hasMore: false,
        conversations: [expect.objectContaining({ id: sharedId, title: `Plan ${marker}`, ownerName: "Ana" })],
      },
    ]);
    expect(await sharedWith(ana)).toEqual([]);
    expect(await sharedWith(otto)).toEqual([]);

    await ana.client.fetch(`/api/conversations/${sharedId}`, { method: "DELETE" });
    expect(await sharedWith(vic)).toEqual([]);
  });

  it("shows a team's ten most recent and says there are more", async () => {
    const { ana, vic, teamId } = await team();
    const ids: string[] = [];
    for (let index = 0; index < 11; index++) {
      const id = await create(ana, `Topic ${index}`);
      await shareWithTeam(ana, id, teamId);
      ids.push(id);
    }
    const [listed] = await sharedWith(vic);
    expect(listed?.hasMore).toBe(true);
    const listedIds = listed?.conversations.map((conversation) => conversation.id) ?? [];
    // Newest first: the oldest is the one left for the team's page.
    expect(listedIds.toSorted()).toEqual(ids.slice(1).toSorted());
  });
});

// The sidebar's "Shared with me": per team, its most recently active conversations that other members shared.
// The scope is sharedWithMeConversationsSql (lib/access/conversations.ts), which reaches only the caller's teams.
import { db, type Prisma } from "./client";

export type SharedConversation = { id: string; title: string; updatedAt: Date; ownerName: string | null };
export type SharedTeam = { id: string; name: string; conversations: SharedConversation[]; hasMore: boolean };

// The rest of a team's conversations are in its history page, which the section links to.
const PER_TEAM = 10;

type Row = SharedConversation & { teamId: string; teamName: string };

/** Teams in the order of their latest shared activity, each with up to 10 conversations, newest first. */
export async function listSharedConversations(scope: Prisma.Sql): Promise<SharedTeam[]> {
  const rows = await db().$queryRaw<Row[]>`
    SELECT ranked.id, ranked.title, ranked."updatedAt", ranked."ownerName", ranked."teamId", t.name AS "teamName"
      FROM (
        SELECT c.id, c.title, c."updatedAt", c."teamId", u.name AS "ownerName",
               row_number() OVER (PARTITION BY c."teamId" ORDER BY c."updatedAt" DESC, c.id DESC) AS rank
          FROM "Conversation" c LEFT JOIN "User" u ON u.id = c."ownerId"
         WHERE ${scope}
      ) ranked
      JOIN "Team" t ON t.id = ranked."teamId"
     WHERE ranked.rank <= ${PER_TEAM + 1}
     ORDER BY ranked."updatedAt" DESC, ranked.id DESC`;
  const teams = new Map<string, SharedTeam>();
  for (const { teamId, teamName, ...conversation } of rows) {
    const team = teams.get(teamId) ?? { id: teamId, name: teamName, conversations: [], hasMore: false };
    teams.set(teamId, team);
    if (team.conversations.length < PER_TEAM) team.conversations.push(conversation);
    else team.hasMore = true;
  }
  return [...teams.values()];
}

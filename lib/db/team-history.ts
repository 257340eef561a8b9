// A team's history: the conversations shared with it, newest first, each with its owner's name. The scope is
// teamConversationsSql (lib/access/conversations.ts), which reaches nothing unless the caller is a member.
import { AppError } from "../errors";
import { db, Prisma } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

export type TeamHistoryItem = { id: string; title: string; updatedAt: Date; ownerName: string | null };

const PAGE_SIZE = 30;

export async function listTeamHistory(
  scope: Prisma.Sql,
  cursor: string | undefined,
): Promise<{ items: TeamHistoryItem[]; nextCursor: string | null }> {
  const position = cursor ? decodeCursor(cursor) : null;
  if (cursor && !position) throw new AppError("invalid_input", "Invalid cursor.");
  const after = position
    ? Prisma.sql`AND (c."updatedAt", c.id) < (${position.at.toISOString()}::timestamp, ${position.id})`
    : Prisma.empty;
  // An owner whose account was deleted leaves the conversation with the team and no name (null).
  const rows = await db().$queryRaw<TeamHistoryItem[]>`
    SELECT c.id, c.title, c."updatedAt", u.name AS "ownerName"
      FROM "Conversation" c LEFT JOIN "User" u ON u.id = c."ownerId"
     WHERE ${scope} ${after}
     ORDER BY c."updatedAt" DESC, c.id DESC
     LIMIT ${PAGE_SIZE + 1}`;
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  const nextCursor = rows.length > PAGE_SIZE && last ? encodeCursor({ at: last.updatedAt, id: last.id }) : null;
  return { items, nextCursor };
}

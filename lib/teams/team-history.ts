// What a team has asked: the conversations its members shared with it, listed and searched by any member.
import { teamConversationsSql } from "../access/conversations";
import { requireTeam } from "../access/team-access";
import type { SessionUser } from "../auth/session";
import { searchConversations } from "../db/conversation-search";
import { listTeamHistory } from "../db/team-history";

export async function listTeamConversations(user: SessionUser, teamId: string, cursor: string | undefined) {
  await requireTeam(user, "member", teamId);
  return listTeamHistory(teamConversationsSql(user.id, teamId), cursor);
}

export async function searchTeamConversations(user: SessionUser, teamId: string, text: string) {
  await requireTeam(user, "member", teamId);
  const hits = await searchConversations(teamConversationsSql(user.id, teamId), text);
  // A pin is the owner's own arrangement of their list; it means nothing in the team's history, which is the team's.
  return hits.map(({ pinnedAt: _pinnedAt, ownerId: _ownerId, teamName: _teamName, ...hit }) => hit);
}

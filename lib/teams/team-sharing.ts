// Sharing a conversation with a team (docs/architecture.md, "The access model"): the owner shares it with a team
// they write in and takes it back; a team OWNER may also take it out. Readers copy a thread into their own chats.
import { z } from "zod";
import { shareableConversationsSql, unshareableConversationsSql } from "../access/conversations";
import { idSchema } from "../access/ids";
import { conversationModelsWhere } from "../access/models";
import { teamsWhere, WRITING_ROLES } from "../access/teams";
import type { SessionUser } from "../auth/session";
import { type ConversationAccess, requireConversation } from "../chat/conversation-access";
import { endStreamsWithoutAccess } from "../chat/open-streams";
import { copyThreadToMyChats } from "../conversations/copy-thread";
import { isModelInScope } from "../db/models";
import {
  getConversationSharing,
  getMembershipRole,
  getTeamName,
  listMemberIds,
  listShareableTeams,
  setConversationTeam,
} from "../db/team-conversations";
import { AppError } from "../errors";

export const setTeamSchema = z.strictObject({ teamId: idSchema.nullable() });
export const copyMessageSchema = z.strictObject({ messageId: idSchema });

/** What the conversation page needs to show the right controls: the caller's level, its team and owner. */
export async function describeSharing(user: SessionUser, id: string) {
  const sharing = await getConversationSharing(id, user.id);
  const access: ConversationAccess =
    sharing?.ownerId === user.id
      ? "own"
      : sharing?.callerRole && WRITING_ROLES.includes(sharing.callerRole)
        ? "write"
        : "read";
  // A team OWNER may take a conversation out of their team without owning it.
  const canStopSharing = sharing?.team != null && (access === "own" || sharing.callerRole === "OWNER");
  return { access, team: sharing?.team ?? null, ownerName: sharing?.ownerName ?? null, canStopSharing };
}

/** For the owner's share control: where the conversation is shared and the teams they may share it with. */
export async function getTeamChoices(user: SessionUser, id: string) {
  const conversation = await requireConversation(user, "own", id);
  const teams = await listShareableTeams(teamsWhere(user.id, "writer"));
  const current = conversation.teamId ? await getTeamName(conversation.teamId) : null;
  return { team: conversation.teamId && current ? { id: conversation.teamId, name: current } : null, teams };
}

export async function setConversationTeamFor(
  user: SessionUser,
  id: string,
  teamId: string | null,
): Promise<{ team: { id: string; name: string } | null }> {
  return teamId === null ? stopSharing(user, id) : shareWithTeam(user, id, teamId);
}

async function shareWithTeam(user: SessionUser, id: string, teamId: string) {
  const conversation = await requireConversation(user, "own", id);
  const [role, name] = await Promise.all([getMembershipRole(teamId, user.id), getTeamName(teamId)]);
  if (role === null || name === null) throw new AppError("not_found", "Team not found.");
  if (role === "VIEWER") throw new AppError("forbidden", "Only owners and editors of a team can share with it.");
  // Refused now rather than on the team's first turn: a team conversation runs only on models that team may use.
  if (conversation.modelId && !(await isModelInScope(conversationModelsWhere(user.id, teamId), conversation.modelId))) {
    throw new AppError(
      "conflict",
      "This conversation's model is not available to that team. Pick another model first.",
    );
  }
  // Checked again in the write itself: a role taken away meanwhile wins.
  if (!(await setConversationTeam(shareableConversationsSql(user.id, teamId), id, teamId))) {
    throw new AppError("forbidden", "Only owners and editors of a team can share with it.");
  }
  // Moving it from one team to another takes it away from the first team's members.
  if (conversation.teamId && conversation.teamId !== teamId) await endMemberStreams(conversation.teamId);
  return { team: { id: teamId, name } };
}

async function stopSharing(user: SessionUser, id: string) {
  const conversation = await requireConversation(user, "read", id);
  const { teamId } = conversation;
  if (teamId === null) return { team: null };
  if (!(await setConversationTeam(unshareableConversationsSql(user.id), id, null))) {
    throw new AppError("forbidden", "Only the conversation's owner or a team owner can stop sharing it.");
  }
  await endMemberStreams(teamId);
  return { team: null };
}

async function endMemberStreams(teamId: string): Promise<void> {
  await endStreamsWithoutAccess(await listMemberIds(teamId));
}

/** "Copy to my chats": a private copy of the thread up to `messageId`, for anyone who may read the conversation. */
export async function copyMessageToMyChats(user: SessionUser, id: string, messageId: string) {
  const conversation = await requireConversation(user, "read", id);
  return copyThreadToMyChats(user, {
    conversationId: id,
    messageId,
    title: conversation.title,
    modelId: conversation.modelId,
  });
}

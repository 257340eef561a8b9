// Sharing a conversation with a team (docs/architecture.md, "The access model"): the owner shares it with a team
// they write in and takes it back; a team OWNER may also take it out. Readers copy a thread into their own chats.
import { z } from "zod";
import { moveConversationTeam } from "../access/access-changes";
import { type ConversationAccess, requireConversation } from "../access/conversation-access";
import {
  ownConversationsSql,
  shareableConversationsSql,
  unshareableConversationsSql,
  writableConversationsSql,
} from "../access/conversations";
import { idSchema } from "../access/ids";
import { conversationModelsWhere } from "../access/models";
import { teamsWhere } from "../access/teams";
import type { SessionUser } from "../auth/session";
import { copyThreadToMyChats } from "../conversations/copy-thread";
import { ATTACHMENT_KINDS } from "../db/attachments";
import { isModelInScope } from "../db/models";
import {
  getConversationSharing,
  getMembershipRole,
  getTeamName,
  listShareableTeams,
  matchConversationScopes,
} from "../db/team-conversations";
import { AppError } from "../errors";

export const setTeamSchema = z.strictObject({ teamId: idSchema.nullable() });
export const copyMessageSchema = z.strictObject({ messageId: idSchema });

/**
 * What the conversation page needs to show the right controls: the caller's level, its team and owner, and whether
 * they may share it with a team or stop sharing it, each decided by the SQL rule the write below applies.
 */
export async function describeSharing(user: SessionUser, id: string) {
  const [sharing, rights] = await Promise.all([
    getConversationSharing(id),
    matchConversationScopes(id, {
      write: writableConversationsSql(user.id),
      own: ownConversationsSql(user.id),
      unshare: unshareableConversationsSql(user.id),
    }),
  ]);
  const access: ConversationAccess = rights.own ? "own" : rights.write ? "write" : "read";
  const team = sharing?.team ?? null;
  return {
    access,
    team,
    ownerName: sharing?.ownerName ?? null,
    canShare: rights.own,
    // A team OWNER may take a conversation out of their team without owning it.
    canStopSharing: team !== null && rights.unshare,
  };
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
): Promise<{ team: { id: string; name: string } | null; canStopSharing: boolean }> {
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
  // Checked again in the write itself: a role taken away meanwhile wins. Moving it from one team to another takes
  // it away from the first team's members.
  if (!(await moveConversationTeam(shareableConversationsSql(user.id, teamId), id, teamId, conversation.teamId))) {
    throw new AppError("forbidden", "Only owners and editors of a team can share with it.");
  }
  const rights = await matchConversationScopes(id, { unshare: unshareableConversationsSql(user.id) });
  return { team: { id: teamId, name }, canStopSharing: rights.unshare };
}

async function stopSharing(user: SessionUser, id: string) {
  const conversation = await requireConversation(user, "read", id);
  const { teamId } = conversation;
  if (teamId === null) return { team: null, canStopSharing: false };
  if (!(await moveConversationTeam(unshareableConversationsSql(user.id), id, null, teamId))) {
    throw new AppError("forbidden", "Only the conversation's owner or a team owner can stop sharing it.");
  }
  return { team: null, canStopSharing: false };
}

/** "Copy to my chats": a private copy of the thread up to `messageId`, for anyone who may read the conversation. */
export async function copyMessageToMyChats(user: SessionUser, id: string, messageId: string) {
  const conversation = await requireConversation(user, "read", id);
  return copyThreadToMyChats(user, {
    conversationId: id,
    messageId,
    title: conversation.title,
    systemPrompt: conversation.systemPrompt,
    modelId: conversation.modelId,
    fileKinds: ATTACHMENT_KINDS,
  });
}

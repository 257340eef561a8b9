// Every write that can take access away, in one place: each runs its write and then ends the open reply streams of
// whoever lost access by it (lib/chat/open-streams.ts), so that no caller has to remember to. A new write that can
// take access away belongs here: tests/unit/access-changes.test.ts fails when any other module calls one of these
// writes, or ends streams itself.

import { stopRepliesEverywhere, stopRepliesOfUserEverywhere } from "../chat/live-replies";
import { endStreamsOfConversation, endStreamsOfUser, endStreamsWithoutAccess } from "../chat/open-streams";
import { setPasswordHash } from "../db/accounts";
import type { AuditActor } from "../db/audit";
import type { Prisma } from "../db/client";
import { softDeleteConversation } from "../db/conversations";
import { consumePasswordResetToken } from "../db/password-resets";
import { linkIdentityInPlaceOfCredentials } from "../db/sso";
import { listMemberIds, setConversationTeam } from "../db/team-conversations";
import { deleteTeam, removeMember } from "../db/teams";
import { deleteUser, type UserChanges, updateUser } from "../db/user-admin";
import { revokeSessions } from "../db/users";

/** Removes a member (or lets them leave): their streams end, and those of members who followed their conversations. */
export async function removeTeamMembership(scope: Prisma.TeamWhereInput, teamId: string, userId: string) {
  const affected = await removeMember(scope, teamId, userId);
  await endStreamsWithoutAccess(affected);
}

export async function deleteTeamWithAccess(scope: Prisma.TeamWhereInput, id: string): Promise<void> {
  const { formerMembers, deletedConversationIds } = await deleteTeam(scope, id);
  for (const conversationId of deletedConversationIds) stopRepliesEverywhere(conversationId);
  await endStreamsWithoutAccess(formerMembers);
}

/**
 * Moves the conversation to `teamId` (null: private again) if the scope (SQL over `c`) reaches it; the members of
 * `formerTeamId`, the team it leaves, lose it. Returns whether it changed.
 */
export async function moveConversationTeam(
  scope: Prisma.Sql,
  id: string,
  teamId: string | null,
  formerTeamId: string | null,
): Promise<boolean> {
  if (!(await setConversationTeam(scope, id, teamId))) return false;
  if (formerTeamId !== null && formerTeamId !== teamId)
    await endStreamsWithoutAccess(await listMemberIds(formerTeamId));
  return true;
}

/** A deleted conversation's reply is of no use to anyone: stop paying for it, and end what team members follow. */
export async function deleteConversationWithStreams(scope: Prisma.Sql, id: string): Promise<void> {
  await softDeleteConversation(scope, id);
  stopRepliesEverywhere(id);
  endStreamsOfConversation(id);
}

/**
 * Sessions end at once (sessionVersion). A disabled user's replies stop too, wherever they run (saved as stopped,
 * their usage counted as far as they went), and so do the streams they were following. A demotion ends sessions but
 * not replies: the account may still use what it asked for once signed in again.
 */
export async function changeUserAccount(actor: AuditActor, id: string, changes: UserChanges) {
  const user = await updateUser(actor, id, changes);
  // The streams end first, so that the user's own reply stream says their session ended before the stop's `done`
  // could reach it (on another process the two messages arrive in this order too).
  if (user.status === "DISABLED") {
    endStreamsOfUser(id);
    stopRepliesOfUserEverywhere(id);
  }
  return user;
}

/**
 * The account goes with its private conversations: the replies running in them stop (nobody would read them), and
 * so do the replies it asked for in team conversations (nobody may use the service on its behalf any more).
 */
export async function deleteUserAccount(actor: AuditActor, id: string): Promise<void> {
  const deletedConversationIds = await deleteUser(actor, id);
  for (const conversationId of deletedConversationIds) stopRepliesEverywhere(conversationId);
  endStreamsOfUser(id);
  stopRepliesOfUserEverywhere(id);
}

/** Signing out ends every session of the user (a JWT outlives its cookie), and their open streams with them. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await revokeSessions(userId);
  endStreamsOfUser(userId);
}

/**
 * A new password (Settings → Account). With `endsSessions` every session ends, the caller's own included (it gets
 * a fresh cookie with the returned session version), and so do the user's open streams.
 */
export async function replacePassword(userId: string, passwordHash: string, endsSessions: boolean): Promise<number> {
  const sessionVersion = await setPasswordHash(userId, passwordHash, endsSessions);
  if (endsSessions) endStreamsOfUser(userId);
  return sessionVersion;
}

/**
 * A single sign-on identity joins the account holding its email, in place of the credentials set on it before
 * (lib/db/sso.ts): whoever held them loses their sessions, and their open streams with them.
 */
export async function joinIdentityByEmail(
  actor: AuditActor,
  userId: string,
  identity: { issuer: string; subject: string },
  unknownPasswordHash: string,
): Promise<void> {
  await linkIdentityInPlaceOfCredentials(actor, userId, identity, unknownPasswordHash);
  endStreamsOfUser(userId);
}

/** A reset link sets a new password once and ends every session of its user: its user, or null when unusable. */
export async function resetPasswordByToken(tokenHash: string, passwordHash: string): Promise<string | null> {
  const userId = await consumePasswordResetToken(tokenHash, passwordHash);
  if (userId) endStreamsOfUser(userId);
  return userId;
}

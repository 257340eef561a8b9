// Invitation links: team owners create them with a role, an expiry and a use limit, and revoke them; anyone with
// the link sees which team it is for; a signed-in person accepts it (registering with one is lib/auth/register.ts).
import { z } from "zod";
import { requireTeam } from "../access/team-access";
import { teamsWhere } from "../access/teams";
import { createSecretToken, hashToken } from "../auth/secret-tokens";
import type { SessionUser } from "../auth/session";
import {
  acceptInvitation,
  createInvitation,
  getUsableInvitation,
  listInvitations,
  revokeInvitation,
} from "../db/invitations";
import { AppError } from "../errors";
import { teamRoleSchema } from "./members";

const DAY_MS = 24 * 60 * 60 * 1000;

export const createInvitationSchema = z.strictObject({
  role: teamRoleSchema,
  expiresInDays: z
    .int("Enter a whole number of days.")
    .min(1, "At least 1 day.")
    .max(30, "At most 30 days.")
    .default(7),
  // Null or left out: anyone with the link may join until it expires.
  maxUses: z
    .int("Enter a whole number.")
    .min(1, "At least 1 use.")
    .max(1000, "At most 1000 uses.")
    .nullable()
    .default(null),
});

export async function listTeamInvitations(user: SessionUser, teamId: string) {
  await requireTeam(user, "owner", teamId);
  return listInvitations(teamsWhere(user.id, "owner"), teamId);
}

/** The token is in this answer only: the database keeps its hash, so the link cannot be shown again. */
export async function inviteToTeam(user: SessionUser, teamId: string, input: z.infer<typeof createInvitationSchema>) {
  await requireTeam(user, "owner", teamId);
  const token = createSecretToken();
  const invitation = await createInvitation(teamsWhere(user.id, "owner"), {
    teamId,
    tokenHash: hashToken(token),
    role: input.role,
    expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
    maxUses: input.maxUses,
    createdById: user.id,
  });
  return { ...invitation, token, path: invitationPath(token) };
}

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

export async function revokeTeamInvitation(user: SessionUser, teamId: string, invitationId: string): Promise<void> {
  await requireTeam(user, "owner", teamId);
  await revokeInvitation(teamsWhere(user.id, "owner"), teamId, invitationId);
}

/** What anyone holding the link may know: the team's name, the role and until when. */
export async function previewInvitation(token: string) {
  const invitation = await getUsableInvitation(hashToken(token));
  if (!invitation) throw new AppError("not_found", "This invitation is not valid any more.");
  return { teamName: invitation.teamName, role: invitation.role, expiresAt: invitation.expiresAt };
}

export function acceptInvitationLink(user: SessionUser, token: string) {
  return acceptInvitation(hashToken(token), user.id);
}

import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { createInvitationSchema, inviteToTeam, listTeamInvitations } from "@/lib/teams/invitations";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, listTeamInvitations);

export const POST = jsonHandlerForId(
  { authenticate: requireApiUser, body: createInvitationSchema, status: 201 },
  inviteToTeam,
);

// GET /api/teams – the caller's teams with their role in each; POST – create one, with the caller as its owner.
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { createTeam, listMyTeams, teamNameSchema } from "@/lib/teams/teams";

export const GET = handle(async () => {
  const user = await requireApiUser();
  return jsonResponse(await listMyTeams(user));
});

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, teamNameSchema);
  const user = await requireApiUser();
  return jsonResponse(await createTeam(user, input.name), 201);
});

import { useEffect } from "react";
import { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";
import { SHARING_CHANGED_EVENTS } from "@/app/_components/api/conversation-events";
import { teamRefSchema } from "@/app/_components/api/schemas";
import type { TeamRef } from "@/app/_components/api/types";
import { useResource } from "@/app/_components/api/use-resource";

const myTeamsSchema = z.array(teamRefSchema);

/**
 * The open conversation's team under its current name: a team renamed on its page (in this tab or another, or by
 * another member) is read again on the events the sidebar's "Shared with me" loads again on, not on a timer.
 */
export function useCurrentTeamName(team: TeamRef | null, onRenamed: (team: TeamRef) => void): void {
  const myTeams = useResource(team === null ? null : "my-teams", () => requestJson("/api/teams", myTeamsSchema), {
    reloadOn: SHARING_CHANGED_EVENTS,
  });
  const current = myTeams.data?.find((candidate) => candidate.id === team?.id);
  useEffect(() => {
    if (current && current.name !== team?.name) onRenamed(current);
  }, [current, team?.name, onRenamed]);
}

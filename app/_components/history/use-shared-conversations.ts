import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";
import { CONVERSATIONS_CHANGED_EVENT } from "@/app/_components/api/conversation-events";
import { sharedConversationsSchema } from "@/app/_components/api/schemas";

export type SharedTeam = z.infer<typeof sharedConversationsSchema>["teams"][number];

/**
 * The conversations other members shared with the caller's teams, by team. Others share without this browser
 * hearing of it, so the list is also fetched again whenever the window comes back into focus.
 */
export function useSharedConversations(): SharedTeam[] {
  const [teams, setTeams] = useState<SharedTeam[]>([]);
  const latestRequestRef = useRef(0);

  const refresh = useCallback(async () => {
    const requestNumber = ++latestRequestRef.current;
    const result = await requestJson("/api/conversations/shared", sharedConversationsSchema);
    // A failed refresh keeps what was shown: the section is a convenience, the team pages have it all.
    if (requestNumber === latestRequestRef.current && result.isOk) setTeams(result.data.teams);
  }, []);

  useEffect(() => {
    void refresh();
    const handleChange = () => void refresh();
    window.addEventListener(CONVERSATIONS_CHANGED_EVENT, handleChange);
    window.addEventListener("focus", handleChange);
    return () => {
      window.removeEventListener(CONVERSATIONS_CHANGED_EVENT, handleChange);
      window.removeEventListener("focus", handleChange);
    };
  }, [refresh]);

  return teams;
}

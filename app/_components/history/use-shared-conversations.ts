import type { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";
import { SHARING_CHANGED_EVENTS } from "@/app/_components/api/conversation-events";
import { sharedConversationsSchema } from "@/app/_components/api/schemas";
import { useResource } from "@/app/_components/api/use-resource";

export type SharedTeam = z.infer<typeof sharedConversationsSchema>["teams"][number];

/** The conversations other members shared with the caller's teams, by team. */
export function useSharedConversations(): SharedTeam[] {
  // A failed refresh keeps what was shown: the section is a convenience, the team pages have it all.
  const shared = useResource("shared", () => requestJson("/api/conversations/shared", sharedConversationsSchema), {
    reloadOn: SHARING_CHANGED_EVENTS,
  });
  return shared.data?.teams ?? [];
}

import type { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";
import { CONVERSATIONS_CHANGED_EVENT } from "@/app/_components/api/conversation-events";
import { sharedConversationsSchema } from "@/app/_components/api/schemas";
import { useResource } from "@/app/_components/api/use-resource";

export type SharedTeam = z.infer<typeof sharedConversationsSchema>["teams"][number];

const RELOAD_ON = [CONVERSATIONS_CHANGED_EVENT, "focus"];

/**
 * The conversations other members shared with the caller's teams, by team. Others share without this browser
 * hearing of it, so the list is also fetched again whenever the window comes back into focus.
 */
export function useSharedConversations(): SharedTeam[] {
  // A failed refresh keeps what was shown: the section is a convenience, the team pages have it all.
  const shared = useResource("shared", () => requestJson("/api/conversations/shared", sharedConversationsSchema), {
    reloadOn: RELOAD_ON,
  });
  return shared.data?.teams ?? [];
}

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import type { ConversationSummary } from "@/app/_components/api/types";
import type { ConversationList } from "./use-conversation-list";

// The neighbour in the list takes the focus once the notice leaves without an undo.
type Deleted = { id: string; title: string; neighbourId: string | null };

type UndoDeleteOptions = {
  /** Focuses a conversation's link once it is shown, or the start of the list for null. */
  focusConversation: (id: string | null) => void;
  /** Called before the page of the conversation just deleted is left. */
  onLeaveDeleted: () => void;
};

/** Deleting without a confirmation: the deleted conversation is offered back (Undo) until the notice expires. */
export function useUndoDelete(list: ConversationList, { focusConversation, onLeaveDeleted }: UndoDeleteOptions) {
  const router = useRouter();
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const isRestoringRef = useRef(false);

  async function remove({ id, title }: ConversationSummary, isCurrent: boolean): Promise<void> {
    const shown = [...list.pinned, ...list.items].map((item) => item.id);
    const index = shown.indexOf(id);
    const neighbourId = shown[index + 1] ?? shown[index - 1] ?? null;
    if (!(await list.remove(id))) return;
    setDeleted({ id, title, neighbourId });
    if (!isCurrent) return;
    onLeaveDeleted();
    router.push("/");
  }

  async function undo(): Promise<void> {
    if (!deleted || isRestoringRef.current) return;
    isRestoringRef.current = true;
    const isRestored = await list.restore(deleted.id);
    isRestoringRef.current = false;
    setDeleted(null);
    focusConversation(isRestored ? deleted.id : deleted.neighbourId);
  }

  // A keyboard user who was on the notice's button goes on from the next conversation.
  const expire = useCallback(
    (hadFocus: boolean) => {
      if (deleted && hadFocus) focusConversation(deleted.neighbourId);
      setDeleted(null);
    },
    [deleted, focusConversation],
  );

  return { deleted, remove, undo, expire };
}

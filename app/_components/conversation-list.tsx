"use client";

import { usePathname, useRouter } from "next/navigation";
import { ConversationItem } from "./conversation-item";
import { useConversationList } from "./use-conversation-list";

export function ConversationList() {
  const pathname = usePathname();
  const router = useRouter();
  const list = useConversationList();

  async function deleteConversation(id: string, isCurrent: boolean): Promise<boolean> {
    const isDeleted = await list.remove(id);
    if (isDeleted && isCurrent) router.push("/");
    return isDeleted;
  }

  return (
    <div className="flex flex-col gap-1">
      <h2 className="px-3 pt-4 pb-1 font-medium text-ink-muted text-xs">Chats</h2>
      {list.error ? (
        <p role="alert" className="px-3 text-danger text-xs">
          {list.error}
        </p>
      ) : null}
      {list.hasLoaded && list.items.length === 0 ? (
        <p className="px-3 py-2 text-ink-muted text-sm">No conversations yet.</p>
      ) : null}
      <ul className="flex flex-col gap-0.5">
        {list.items.map((conversation) => {
          const isCurrent = pathname === `/c/${conversation.id}`;
          return (
            <ConversationItem
              key={conversation.id}
              conversation={conversation}
              isCurrent={isCurrent}
              onRename={(title) => list.rename(conversation.id, title)}
              onDelete={() => deleteConversation(conversation.id, isCurrent)}
            />
          );
        })}
      </ul>
      {list.nextCursor ? (
        <button
          type="button"
          onClick={() => void list.loadMore()}
          disabled={list.isLoadingMore}
          className="mx-1 mt-1 rounded-lg px-3 py-2 text-left text-ink-muted text-sm hover:bg-hover disabled:opacity-60"
        >
          {list.isLoadingMore ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}

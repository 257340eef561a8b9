"use client";

import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useCallback, useMemo, useState } from "react";
import type { ConversationSummary } from "@/app/_components/api/types";
import { SearchIcon } from "@/app/_components/ui/icons";
import { LoadMoreSentinel } from "@/app/_components/ui/load-more-sentinel";
import { UndoToast } from "@/app/_components/ui/undo-toast";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ConversationItem } from "./conversation-item";
import { groupByDate } from "./conversation-list-state";
import { ConversationSearchResults } from "./conversation-search-results";
import { SharedConversations } from "./shared-conversations";
import { shownTitle } from "./shown-title";
import { useConversationList } from "./use-conversation-list";
import { useConversationSearch } from "./use-conversation-search";

type Deleted = { id: string; title: string };

export function ConversationList() {
  const translator = useTranslator();
  const { t } = translator;
  const pathname = usePathname();
  const router = useRouter();
  const list = useConversationList();
  const [query, setQuery] = useState("");
  const search = useConversationSearch(query);
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const groups = useMemo(() => groupByDate(list.items, new Date(), translator), [list.items, translator]);
  const dismissUndo = useCallback(() => setDeleted(null), []);

  async function deleteConversation({ id, title }: ConversationSummary, isCurrent: boolean): Promise<void> {
    if (!(await list.remove(id))) return;
    setDeleted({ id, title });
    if (isCurrent) router.push("/");
  }

  async function undoDelete(): Promise<void> {
    if (!deleted) return;
    setDeleted(null);
    await list.restore(deleted.id);
  }

  const renderItem = (conversation: ConversationSummary) => {
    const isCurrent = pathname === `/c/${conversation.id}`;
    return (
      <ConversationItem
        key={conversation.id}
        conversation={conversation}
        isCurrent={isCurrent}
        onRename={(title) => list.rename(conversation.id, title)}
        onTogglePin={() => void list.setPinned(conversation.id, conversation.pinnedAt === null)}
        onDelete={() => void deleteConversation(conversation, isCurrent)}
      />
    );
  };

  return (
    <div className="flex flex-col gap-1">
      <label className="border-line bg-canvas focus-within:border-focus mx-1 mt-3 flex items-center gap-2 rounded-lg border px-2.5">
        <SearchIcon width={16} height={16} className="text-ink-muted shrink-0" />
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-label={t("conversations.searchLabel")}
          placeholder={t("conversations.searchPlaceholder")}
          maxLength={200}
          className="min-w-0 flex-1 bg-transparent py-1.5 text-sm outline-none"
        />
      </label>
      {list.error ? (
        <p role="alert" className="text-danger px-3 text-xs">
          {list.error}
        </p>
      ) : null}
      {query.trim() ? (
        <ConversationSearchResults search={search} currentPath={pathname} />
      ) : (
        <>
          {list.pinned.length > 0 ? (
            <DateSection label={t("conversations.pinned")}>{list.pinned.map(renderItem)}</DateSection>
          ) : null}
          <SharedConversations currentPath={pathname} />
          {groups.map((group) => (
            <DateSection key={group.label} label={group.label}>
              {group.items.map(renderItem)}
            </DateSection>
          ))}
          {list.hasLoaded && list.items.length === 0 && list.pinned.length === 0 ? (
            <p className="text-ink-muted px-3 py-2 text-sm">{t("conversations.empty")}</p>
          ) : null}
          {list.nextCursor ? (
            <LoadMoreSentinel
              isLoading={list.isLoadingMore}
              onLoadMore={list.loadMore}
              className="mx-1 mt-1 text-left"
            />
          ) : null}
        </>
      )}
      {deleted ? (
        <UndoToast
          key={deleted.id}
          message={t("conversations.deleted", { title: shownTitle(deleted.title, t) })}
          onUndo={() => void undoDelete()}
          onExpire={dismissUndo}
        />
      ) : null}
    </div>
  );
}

function DateSection({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label}>
      <h2 className="text-ink-muted px-3 pt-4 pb-1 text-xs font-medium">{label}</h2>
      <ul className="flex flex-col gap-0.5">{children}</ul>
    </section>
  );
}

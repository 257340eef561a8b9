"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ConversationSummary } from "@/app/_components/api/types";
import { SearchIcon } from "@/app/_components/ui/icons";
import { NextPage } from "@/app/_components/ui/load-more-sentinel";
import { UndoNotice } from "@/app/_components/ui/undo-notice";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ConversationItem, type ItemControl } from "./conversation-item";
import { groupByDate } from "./conversation-list-state";
import { ConversationSearchResults } from "./conversation-search-results";
import { SharedConversations } from "./shared-conversations";
import { shownTitle } from "./shown-title";
import { type ConversationList as ListState, useConversationList } from "./use-conversation-list";
import { useConversationSearch } from "./use-conversation-search";
import { useUndoDelete } from "./use-undo-delete";

type ConversationListProps = {
  /** Where the Undo notice of a deletion shows: in the sidebar's flow, above the account, covering nothing. */
  noticeSlot: HTMLElement | null;
  /** Called before the page of the conversation just deleted is left (the phone's drawer stays open on Undo). */
  onLeaveDeleted: () => void;
};

// A control that takes the keyboard focus once shown: an item that moves, or comes back, is a new element.
type FocusRequest = { id: string; control: ItemControl };

export function ConversationList({ noticeSlot, onLeaveDeleted }: ConversationListProps) {
  const { t } = useTranslator();
  const pathname = usePathname();
  const list = useConversationList();
  const [query, setQuery] = useState("");
  const search = useConversationSearch(query);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const searchBoxRef = useRef<HTMLInputElement>(null);
  const clearFocusRequest = useCallback(() => setFocusRequest(null), []);
  const focusConversation = useCallback((id: string | null) => {
    if (id) setFocusRequest({ id, control: "link" });
    else searchBoxRef.current?.focus();
  }, []);
  const undoable = useUndoDelete(list, { focusConversation, onLeaveDeleted });

  // Pinned or unpinned, the item moves to another section: its pin button takes the focus there.
  async function togglePin({ id, pinnedAt }: ConversationSummary): Promise<void> {
    if (await list.setPinned(id, pinnedAt === null)) setFocusRequest({ id, control: "pin" });
  }

  const renderItem = (conversation: ConversationSummary) => {
    const isCurrent = pathname === `/c/${conversation.id}`;
    return (
      <ConversationItem
        key={conversation.id}
        conversation={conversation}
        isCurrent={isCurrent}
        focusedControl={focusRequest?.id === conversation.id ? focusRequest.control : null}
        onFocused={clearFocusRequest}
        onRename={(title) => list.rename(conversation.id, title)}
        onTogglePin={() => void togglePin(conversation)}
        onDelete={() => void undoable.remove(conversation, isCurrent)}
      />
    );
  };

  const { deleted } = undoable;
  return (
    <div className="flex flex-col gap-1">
      <label className="border-line bg-canvas focus-within:border-focus mx-1 mt-3 flex items-center gap-2 rounded-lg border px-2.5">
        <SearchIcon width={16} height={16} className="text-ink-muted shrink-0" />
        <input
          ref={searchBoxRef}
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
        <ConversationSections list={list} currentPath={pathname} renderItem={renderItem} />
      )}
      {deleted && noticeSlot
        ? createPortal(
            <UndoNotice
              key={deleted.id}
              message={t("conversations.deleted", { title: shownTitle(deleted.title, t) })}
              onUndo={() => void undoable.undo()}
              onExpire={undoable.expire}
            />,
            noticeSlot,
          )
        : null}
    </div>
  );
}

type ConversationSectionsProps = {
  list: ListState;
  currentPath: string;
  renderItem: (conversation: ConversationSummary) => ReactNode;
};

// Pinned first, then the conversations shared with the user's teams, then the user's own by date.
function ConversationSections({ list, currentPath, renderItem }: ConversationSectionsProps) {
  const translator = useTranslator();
  const { t } = translator;
  const groups = useMemo(() => groupByDate(list.items, new Date(), translator), [list.items, translator]);
  return (
    <>
      {list.pinned.length > 0 ? (
        <DateSection label={t("conversations.pinned")}>{list.pinned.map(renderItem)}</DateSection>
      ) : null}
      <SharedConversations currentPath={currentPath} />
      {groups.map((group) => (
        <DateSection key={group.label} label={group.label}>
          {group.items.map(renderItem)}
        </DateSection>
      ))}
      {list.hasLoaded && list.items.length === 0 && list.pinned.length === 0 ? (
        <p className="text-ink-muted px-3 py-2 text-sm">{t("conversations.empty")}</p>
      ) : null}
      {list.nextCursor ? (
        <NextPage
          more={list.more}
          failure={(reason) => t("conversations.loadMoreFailed", { reason })}
          retryLabel={t("conversations.retry")}
          className="mx-1 mt-1 text-left"
        />
      ) : null}
    </>
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

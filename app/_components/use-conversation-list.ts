import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { requestJson } from "./api-client";
import { conversationPageSchema } from "./chat-schemas";
import { CONVERSATIONS_CHANGED_EVENT, notifyConversationRenamed } from "./conversation-events";
import { appendPage, type ConversationPage, mergeFirstPage, removeItem, renameItem } from "./conversation-list-state";

export type ConversationList = ConversationPage & {
  hasLoaded: boolean;
  isLoadingMore: boolean;
  error: string | null;
  loadMore: () => Promise<void>;
  rename: (id: string, title: string) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
};

const EMPTY_PAGE: ConversationPage = { items: [], nextCursor: null };

export function useConversationList(): ConversationList {
  const [page, setPage] = useState<ConversationPage>(EMPTY_PAGE);
  const [hasLoaded, setHasLoaded] = useState(false);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Refreshes can overlap (several change events in a row); only the latest answer may land.
  const latestRequestRef = useRef(0);

  const refresh = useCallback(async () => {
    const requestNumber = ++latestRequestRef.current;
    const result = await fetchPage(null);
    if (requestNumber !== latestRequestRef.current) return;
    setHasLoaded(true);
    if (!result.isOk) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setPage((current) => mergeFirstPage(current, result.data));
  }, []);

  useEffect(() => {
    void refresh();
    const handleChange = () => void refresh();
    window.addEventListener(CONVERSATIONS_CHANGED_EVENT, handleChange);
    return () => window.removeEventListener(CONVERSATIONS_CHANGED_EVENT, handleChange);
  }, [refresh]);

  async function loadMore(): Promise<void> {
    if (!page.nextCursor || isLoadingMore) return;
    setIsLoadingMore(true);
    const result = await fetchPage(page.nextCursor);
    setIsLoadingMore(false);
    if (!result.isOk) {
      setError(result.error.message);
      return;
    }
    setPage((current) => appendPage(current, result.data));
  }

  async function rename(id: string, title: string): Promise<boolean> {
    const result = await requestJson(`/api/conversations/${id}`, z.unknown(), {
      method: "PATCH",
      body: JSON.stringify({ title }),
    });
    if (!result.isOk) {
      setError(result.error.message);
      return false;
    }
    setError(null);
    setPage((current) => renameItem(current, id, title));
    notifyConversationRenamed({ id, title });
    return true;
  }

  async function remove(id: string): Promise<boolean> {
    const result = await requestJson(`/api/conversations/${id}`, z.unknown(), { method: "DELETE" });
    if (!result.isOk) {
      setError(result.error.message);
      return false;
    }
    setError(null);
    setPage((current) => removeItem(current, id));
    return true;
  }

  return { ...page, hasLoaded, isLoadingMore, error, loadMore, rename, remove };
}

function fetchPage(cursor: string | null) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  return requestJson(`/api/conversations${query}`, conversationPageSchema);
}

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { z } from "zod";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import {
  CONVERSATIONS_CHANGED_EVENT,
  notifyConversationRenamed,
  notifyOtherTabs,
} from "@/app/_components/api/conversation-events";
import { conversationPageSchema, conversationSummarySchema } from "@/app/_components/api/schemas";
import type { ConversationSummary } from "@/app/_components/api/types";
import { type LoadMore, useLoadMore } from "@/app/_components/api/use-load-more";
import { useResource } from "@/app/_components/api/use-resource";
import { useTranslator } from "@/app/_i18n/translator-provider";
import {
  appendPage,
  type ConversationPage,
  insertItem,
  mergeFirstPage,
  removeItem,
  renameItem,
} from "./conversation-list-state";

export type ConversationList = ConversationPage & {
  hasLoaded: boolean;
  error: string | null;
  /** The next page's load, whose failure shows where that page would be. */
  more: LoadMore;
  rename: (id: string, title: string) => Promise<boolean>;
  setPinned: (id: string, isPinned: boolean) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
  restore: (id: string) => Promise<boolean>;
};

const EMPTY_PAGE: ConversationPage = { pinned: [], items: [], nextCursor: null };

const conversationUrl = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

const RELOAD_ON = [CONVERSATIONS_CHANGED_EVENT];

export function useConversationList(): ConversationList {
  const translator = useTranslator();
  const [page, setPage] = useState<ConversationPage>(EMPTY_PAGE);
  const [error, setError] = useState<string | null>(null);
  const firstPage = useResource("conversations", () => fetchPage(null), { reloadOn: RELOAD_ON });
  const hasLoaded = firstPage.data !== undefined || firstPage.error !== null;

  useEffect(() => {
    const loaded = firstPage.data;
    if (!loaded) return;
    setError(null);
    setPage((current) => mergeFirstPage(current, loaded));
    // The open conversation's header shows the title the list just got (e.g. one made as a reply streams).
    for (const { id, title } of [...(loaded.pinned ?? []), ...loaded.items]) notifyConversationRenamed({ id, title });
  }, [firstPage.data]);

  useEffect(() => setError(firstPage.error), [firstPage.error]);

  // Reaching another page shows the server answers again: a list left with an error loads again at once, without
  // waiting for its next retry.
  const pathname = usePathname();
  const hasError = error !== null;
  const { reload } = firstPage;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page changing is the signal, not the error appearing.
  useEffect(() => {
    if (hasError) reload();
  }, [pathname, reload]);

  const more = useLoadMore(
    () => (page.nextCursor ? fetchPage(page.nextCursor) : null),
    (next) => setPage((current) => appendPage(current, next)),
  );

  /** Sends a change; on success applies `update` (given what the server answered) to the list, and tells other tabs. */
  async function change<T>(
    url: string,
    init: RequestInit,
    schema: z.ZodType<T>,
    update: (page: ConversationPage, answer: T) => ConversationPage,
  ) {
    const result = await requestJson(url, schema, init);
    if (!result.isOk) {
      setError(describeError(result.error, translator));
      return false;
    }
    setError(null);
    setPage((current) => update(current, result.data));
    notifyOtherTabs();
    return true;
  }

  async function rename(id: string, title: string): Promise<boolean> {
    const body = JSON.stringify({ title });
    const isRenamed = await change(conversationUrl(id), { method: "PATCH", body }, z.unknown(), (current) =>
      renameItem(current, id, title),
    );
    if (isRenamed) notifyConversationRenamed({ id, title });
    return isRenamed;
  }

  function setPinned(id: string, isPinned: boolean): Promise<boolean> {
    const body = JSON.stringify({ pinned: isPinned });
    return change(conversationUrl(id), { method: "PATCH", body }, conversationSummarySchema, placeItem);
  }

  function remove(id: string): Promise<boolean> {
    return change(conversationUrl(id), { method: "DELETE" }, z.unknown(), (current) => removeItem(current, id));
  }

  function restore(id: string): Promise<boolean> {
    return change(`${conversationUrl(id)}/restore`, { method: "POST" }, conversationSummarySchema, placeItem);
  }

  return { ...page, hasLoaded, error, more, rename, setPinned, remove, restore };
}

// Only the list's fields: the PATCH answer carries the conversation's parameters too.
function placeItem(page: ConversationPage, { id, title, updatedAt, pinnedAt }: ConversationSummary) {
  return insertItem(page, { id, title, updatedAt, pinnedAt });
}

function fetchPage(cursor: string | null) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  return requestJson(`/api/conversations${query}`, conversationPageSchema);
}

import type { ConversationSummary } from "./chat-types";

export type ConversationPage = { items: ConversationSummary[]; nextCursor: string | null };

// Merges a freshly fetched first page into a list that may already hold later pages: conversations that moved to
// the top are taken from the fresh page, the older tail already loaded is kept along with its cursor.
export function mergeFirstPage(current: ConversationPage, fresh: ConversationPage): ConversationPage {
  const oldestFresh = fresh.items.at(-1);
  if (fresh.nextCursor === null || !oldestFresh) return fresh;
  const freshIds = new Set(fresh.items.map((item) => item.id));
  const tail = current.items.filter((item) => !freshIds.has(item.id) && item.updatedAt <= oldestFresh.updatedAt);
  if (tail.length === 0) return fresh;
  return { items: [...fresh.items, ...tail], nextCursor: current.nextCursor };
}

export function appendPage(current: ConversationPage, next: ConversationPage): ConversationPage {
  const knownIds = new Set(current.items.map((item) => item.id));
  const newItems = next.items.filter((item) => !knownIds.has(item.id));
  return { items: [...current.items, ...newItems], nextCursor: next.nextCursor };
}

export function renameItem(page: ConversationPage, id: string, title: string): ConversationPage {
  return { ...page, items: page.items.map((item) => (item.id === id ? { ...item, title } : item)) };
}

export function removeItem(page: ConversationPage, id: string): ConversationPage {
  return { ...page, items: page.items.filter((item) => item.id !== id) };
}

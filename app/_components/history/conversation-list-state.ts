import type { ConversationSummary } from "@/app/_components/api/types";
import type { Translator } from "@/app/_i18n/translator";

// The sidebar's list: the pinned conversations (replaced with every first page) and the pages loaded so far.
export type ConversationPage = {
  pinned: ConversationSummary[];
  items: ConversationSummary[];
  nextCursor: string | null;
};
export type FetchedPage = { pinned?: ConversationSummary[]; items: ConversationSummary[]; nextCursor: string | null };

// Merges a freshly fetched first page into a list that may already hold later pages: conversations that moved to
// the top are taken from the fresh page, the older tail already loaded is kept along with its cursor.
export function mergeFirstPage(current: ConversationPage, fresh: FetchedPage): ConversationPage {
  const pinned = fresh.pinned ?? [];
  const oldestFresh = fresh.items.at(-1);
  const freshPage = { pinned, items: fresh.items, nextCursor: fresh.nextCursor };
  if (fresh.nextCursor === null || !oldestFresh) return freshPage;
  const freshIds = new Set([...fresh.items, ...pinned].map((item) => item.id));
  const tail = current.items.filter((item) => !freshIds.has(item.id) && item.updatedAt <= oldestFresh.updatedAt);
  if (tail.length === 0) return freshPage;
  return { pinned, items: [...fresh.items, ...tail], nextCursor: current.nextCursor };
}

export function appendPage(current: ConversationPage, next: FetchedPage): ConversationPage {
  const knownIds = new Set([...current.items, ...current.pinned].map((item) => item.id));
  const newItems = next.items.filter((item) => !knownIds.has(item.id));
  return { ...current, items: [...current.items, ...newItems], nextCursor: next.nextCursor };
}

export function renameItem(page: ConversationPage, id: string, title: string): ConversationPage {
  const rename = (item: ConversationSummary) => (item.id === id ? { ...item, title } : item);
  return { ...page, pinned: page.pinned.map(rename), items: page.items.map(rename) };
}

export function removeItem(page: ConversationPage, id: string): ConversationPage {
  const keep = (item: ConversationSummary) => item.id !== id;
  return { ...page, pinned: page.pinned.filter(keep), items: page.items.filter(keep) };
}

export type DateGroup = { label: string; items: ConversationSummary[] };

/**
 * Groups a newest-first list by how long ago each conversation was active, in the browser's time zone: Today,
 * Yesterday, Previous 7 days, Previous 30 days, then one group per month.
 */
export function groupByDate(items: ConversationSummary[], now: Date, { t, formatDate }: Translator): DateGroup[] {
  const daysAgo = (days: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - days).getTime();
  const bounds = [
    { label: t("conversations.today"), since: daysAgo(0) },
    { label: t("conversations.yesterday"), since: daysAgo(1) },
    { label: t("conversations.previous7Days"), since: daysAgo(7) },
    { label: t("conversations.previous30Days"), since: daysAgo(30) },
  ];
  const monthFormat = (date: Date) => formatDate(date, { month: "long", year: "numeric" });
  const groups: DateGroup[] = [];
  for (const item of items) {
    const updatedAt = new Date(item.updatedAt);
    const label = bounds.find((bound) => updatedAt.getTime() >= bound.since)?.label ?? monthFormat(updatedAt);

    const last = groups.at(-1);
    if (last?.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}

const isNewer = (a: ConversationSummary, b: ConversationSummary) =>
  a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.id > b.id);

/** Puts a conversation back (an undone delete) where the server's order has it, if that part is loaded. */
export function insertItem(page: ConversationPage, item: ConversationSummary): ConversationPage {
  const without = removeItem(page, item.id);
  if (item.pinnedAt !== null) {
    const pinned = [...without.pinned, item].sort((a, b) => ((a.pinnedAt ?? "") < (b.pinnedAt ?? "") ? 1 : -1));
    return { ...without, pinned };
  }
  const index = without.items.findIndex((existing) => isNewer(item, existing));
  // Older than everything loaded: a later page brings it, unless there is none.
  if (index === -1) return without.nextCursor === null ? { ...without, items: [...without.items, item] } : without;
  return { ...without, items: [...without.items.slice(0, index), item, ...without.items.slice(index)] };
}

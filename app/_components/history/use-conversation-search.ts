import { requestJson } from "@/app/_components/api/api-client";
import { searchResultsSchema } from "@/app/_components/api/schemas";
import type { SearchResult } from "@/app/_components/api/types";
import { useResource } from "@/app/_components/api/use-resource";

export type ConversationSearch =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "done"; results: SearchResult[] }
  | { kind: "failed"; message: string };

// Wait for a pause in typing: one request per search, not per key.
const DEBOUNCE_MS = 250;

export function useConversationSearch(query: string): ConversationSearch {
  const text = query.trim();
  const search = useResource(
    text || null,
    (signal) => requestJson(`/api/conversations/search?q=${encodeURIComponent(text)}`, searchResultsSchema, { signal }),
    { delayMs: DEBOUNCE_MS },
  );
  if (!text) return { kind: "idle" };
  if (search.isLoading) return { kind: "searching" };
  if (search.error !== null) return { kind: "failed", message: search.error };
  return search.data ? { kind: "done", results: search.data.items } : { kind: "searching" };
}

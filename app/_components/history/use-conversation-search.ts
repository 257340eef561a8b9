import { useEffect, useState } from "react";
import { describeError, requestJson } from "@/app/_components/api/api-client";
import { searchResultsSchema } from "@/app/_components/api/schemas";
import type { SearchResult } from "@/app/_components/api/types";
import { useTranslator } from "@/app/_i18n/translator-provider";

export type ConversationSearch =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "done"; results: SearchResult[] }
  | { kind: "failed"; message: string };

// Wait for a pause in typing: one request per search, not per key.
const DEBOUNCE_MS = 250;

export function useConversationSearch(query: string): ConversationSearch {
  const translator = useTranslator();
  const [search, setSearch] = useState<ConversationSearch>({ kind: "idle" });
  const text = query.trim();

  useEffect(() => {
    if (!text) {
      setSearch({ kind: "idle" });
      return;
    }
    setSearch({ kind: "searching" });
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const result = await requestJson(`/api/conversations/search?q=${encodeURIComponent(text)}`, searchResultsSchema, {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      setSearch(
        result.isOk
          ? { kind: "done", results: result.data.items }
          : { kind: "failed", message: describeError(result.error, translator) },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, translator]);

  return search;
}

"use client";

import Link from "next/link";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { searchResultHref } from "./search-result-href";
import { shownTitle } from "./shown-title";
import type { ConversationSearch } from "./use-conversation-search";

type ConversationSearchResultsProps = { search: ConversationSearch; currentPath: string };

export function ConversationSearchResults({ search, currentPath }: ConversationSearchResultsProps) {
  const { t } = useTranslator();
  if (search.kind === "idle") return null;
  if (search.kind === "searching") {
    return (
      <p role="status" className="text-ink-muted px-3 py-2 text-sm">
        {t("search.searching")}
      </p>
    );
  }
  if (search.kind === "failed") {
    return (
      <p role="alert" className="text-danger px-3 py-2 text-sm">
        {search.message}
      </p>
    );
  }
  if (search.results.length === 0) {
    return (
      <p role="status" className="text-ink-muted px-3 py-2 text-sm">
        {t("search.noResults")}
      </p>
    );
  }
  return (
    <ul aria-label={t("search.results")} className="flex flex-col gap-0.5">
      {search.results.map((result) => {
        const isCurrent = currentPath === `/c/${result.id}`;
        return (
          <li key={result.id}>
            <Link
              href={searchResultHref(result)}
              aria-current={isCurrent ? "page" : undefined}
              className={`hover:bg-hover block rounded-lg px-3 py-2 ${isCurrent ? "bg-hover" : ""}`}
            >
              <span className="block truncate text-sm">{shownTitle(result.title, t)}</span>
              {result.sharedBy ? (
                <span className="text-ink-muted block truncate text-xs">
                  {t("shared.inTeamBy", {
                    team: result.sharedBy.teamName ?? "",
                    name: result.sharedBy.ownerName ?? t("teams.formerMember"),
                  })}
                </span>
              ) : null}
              {result.snippet ? (
                <span className="text-ink-muted mt-0.5 line-clamp-2 block text-xs break-words">{result.snippet}</span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
